/* tocsin-auth-session.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tocsin-auth-request.h"
#include "tocsin-auth-session.h"
#include "tocsin-callback-server.h"
#include "tocsin-endpoint.h"
#include "tocsin-oauth-client.h"
#include "tocsin-token-store.h"

/* The one place that owns tokens. It runs the browser sign-in (authorize
 * request, loopback or custom-scheme callback, code exchange, site list),
 * keeps the tokens in the keyring, hands out access tokens to the API client
 * (TocsinTokenProvider) and refreshes them single-flight.
 *
 * Refresh rules: ahead of expiry (tocsin_token_set_needs_refresh()) or when
 * a caller reports a rejected token; one request however many callers; the
 * new access token is handed out at once, and the rotated tokens are
 * written to the keyring in the background, one write at a time, always the
 * newest, retried with backoff while the keyring is locked
 * (#TocsinAuthSession:keyring-unsaved);
 * invalid_grant / unauthorized_client end in needs-reauth, keeping the
 * account and its site choice, and nothing is retried until the user signs
 * in again. The chosen site lives in a small per-account key file under
 * $XDG_STATE_HOME/tocsin/ (never tokens). */

/* A keyring write that hangs (an unlock prompt nobody answers, or one that
 * libsecret never reports back) is given up after this; one that may show
 * an unlock prompt leaves the user time to type the password. */
#define SAVE_TIMEOUT_SECONDS 30
#define SAVE_PROMPT_TIMEOUT_SECONDS 120
#define SAVE_RETRY_FIRST_SECONDS 2
#define SAVE_RETRY_MAX_SECONDS 120
#define UNKNOWN_ACCOUNT "unknown"

typedef enum
{
  FLOW_WAITING,     /* for the browser's callback */
  FLOW_EXCHANGING,  /* code received: token endpoint, sites, keyring */
} FlowPhase;

typedef struct
{
  TocsinAuthSession    *self;          /* borrowed; the task holds a ref */
  GTask                *task;          /* borrowed */
  FlowPhase             phase;
  gboolean              done;
  gboolean              pkce_retried;  /* signing in again without PKCE */
  TocsinAuthState       previous_state;
  GCancellable         *cancellable;   /* ours, cancelled when the flow ends */
  GCancellable         *user_cancellable;
  gulong                user_cancelled_id;
  GAppLaunchContext    *launch_context;
  char                 *auth_server;
  char                 *api_base;
  char                 *client_id;
  char                 *client_secret;
  TocsinAuthRequest    *request;
  TocsinCallbackServer *server;
  TocsinOAuthClient    *client;
  guint                 timeout_id;
  TocsinTokenSet       *tokens;
  GPtrArray            *sites;
  char                 *account;
  char                 *account_name;
} Flow;

struct _TocsinAuthSession
{
  GObject            parent_instance;

  TocsinConfig      *config;
  gboolean           use_pkce;
  gboolean           launch_browser;

  TocsinAuthState    state;
  GListStore        *sites;
  TocsinSite        *current_site;
  char              *account_id;
  char              *account_name;

  /* What the tokens are bound to, fixed at sign-in or restore. */
  char              *auth_server;
  char              *api_base;
  char              *client_id;
  SoupSession       *http;             /* shared by every OAuth client */
  TocsinOAuthClient *client;
  TocsinTokenSet    *tokens;

  /* Bumped by sign-in, restore and sign-out: what an older generation's
   * callbacks bring is dropped. */
  guint              generation;

  /* The background keyring write of the rotated tokens. */
  GCancellable      *save_cancellable; /* the write under way, or NULL */
  guint              save_timeout_id;
  guint              save_retry_id;
  guint              save_backoff;     /* seconds until the next retry */
  gboolean           save_again;       /* newer tokens came during a write */
  gboolean           keyring_unsaved;

  Flow              *flow;

  GPtrArray         *refresh_waiters;  /* GTask */
  gboolean           refreshing;
};

static void tocsin_auth_session_token_provider_init (TocsinTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinAuthSession, tocsin_auth_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOCSIN_TYPE_TOKEN_PROVIDER,
                                                      tocsin_auth_session_token_provider_init))

G_DEFINE_ENUM_TYPE (TocsinAuthState, tocsin_auth_state,
                    G_DEFINE_ENUM_VALUE (TOCSIN_AUTH_STATE_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_AUTH_STATE_SIGNING_IN, "signing-in"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_AUTH_STATE_SIGNED_IN, "signed-in"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_AUTH_STATE_NEEDS_REAUTH, "needs-reauth"))

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_STATE,
  PROP_SITES,
  PROP_CURRENT_SITE,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_NAME,
  PROP_AUTHORIZE_URI,
  PROP_USE_PKCE,
  PROP_LAUNCH_BROWSER,
  PROP_KEYRING_UNSAVED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  BROWSER_FAILED,
  CALLBACK_REJECTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static char *
strip_slashes (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
}

static void
wipe_free (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

static void
set_state (TocsinAuthSession *self,
           TocsinAuthState    state)
{
  if (self->state == state)
    return;

  g_debug ("Auth state %d -> %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (TocsinAuthSession  *self,
            char              **field,
            const char         *value,
            guint               prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_current_site (TocsinAuthSession *self,
                  TocsinSite        *site)
{
  if (g_set_object (&self->current_site, site))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SITE]);
}

static void
set_sites (TocsinAuthSession *self,
           GPtrArray         *sites)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->sites));

  g_list_store_splice (self->sites, 0, n_old,
                       sites != NULL ? sites->pdata : NULL,
                       sites != NULL ? sites->len : 0);
}

static char *
state_file_path (const char *auth_server,
                 const char *client_id,
                 const char *account)
{
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  /* Hashed: the account id, server and client make one stable, safe name. */
  key = g_strdup_printf ("%s\n%s\n%s", auth_server, client_id, account);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  digest[32] = '\0';
  name = g_strdup_printf ("account-%s.ini", digest);

  return g_build_filename (g_get_user_state_dir (), "tocsin", name, NULL);
}

static TocsinSite *
load_remembered_site (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *avatar_url = NULL;
  g_auto(GStrv) scopes = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;

  id = g_key_file_get_string (key_file, "site", "id", NULL);
  if (id == NULL || *id == '\0')
    return NULL;

  name = g_key_file_get_string (key_file, "site", "name", NULL);
  url = g_key_file_get_string (key_file, "site", "url", NULL);
  avatar_url = g_key_file_get_string (key_file, "site", "avatar-url", NULL);
  scopes = g_key_file_get_string_list (key_file, "site", "scopes", NULL, NULL);

  return tocsin_site_new (id, name, url, (const char * const *)scopes, avatar_url);
}

/* The display name, because the API names an alert's owner by it ("Assigned
 * to me" compares it); /myself is only asked at sign-in. Not secret. */
static char *
load_remembered_name (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (key_file, "account", "name", NULL);
}

static void
save_remembered_name (const char *path,
                      const char *name)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    return;
  /* Written after the site, so the file and its directory exist. */
  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (key_file, "account", "name", name);
  if (!g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Could not remember the account name in %s: %s", path, error->message);
}

static void
save_remembered_site (const char *path,
                      TocsinSite *site)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  const char * const *scopes = tocsin_site_get_scopes (site);

  /* Keep whatever else other parts of the app store for this account. */
  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (key_file, "site", "id", tocsin_site_get_id (site));
  g_key_file_set_string (key_file, "site", "name", tocsin_site_get_name (site));
  if (tocsin_site_get_url (site) != NULL)
    g_key_file_set_string (key_file, "site", "url", tocsin_site_get_url (site));
  if (tocsin_site_get_avatar_url (site) != NULL)
    g_key_file_set_string (key_file, "site", "avatar-url", tocsin_site_get_avatar_url (site));
  if (scopes != NULL)
    g_key_file_set_string_list (key_file, "site", "scopes", scopes, g_strv_length ((GStrv)scopes));

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Could not remember the chosen site in %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
}

/* Authorization servers that refused PKCE, by base URL, in
 * $XDG_STATE_HOME/tocsin/auth-servers.ini (not a secret): sign-ins there
 * go without it. */
static char *
auth_servers_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "tocsin", "auth-servers.ini", NULL);
}

static gboolean
server_refuses_pkce (const char *auth_server)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = auth_servers_path ();
  g_autoptr(GError) error = NULL;
  gboolean pkce;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  pkce = g_key_file_get_boolean (key_file, auth_server, "pkce", &error);
  return error == NULL && !pkce;
}

static void
remember_server_refuses_pkce (const char *auth_server)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = auth_servers_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_boolean (key_file, auth_server, "pkce", FALSE);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Could not remember in %s that %s refuses PKCE: %s", path, auth_server,
               error != NULL ? error->message : g_strerror (errno));
}

static TocsinSite *
pick_site (GPtrArray  *sites,
           const char *remembered_id)
{
  if (sites == NULL || sites->len == 0)
    return NULL;

  for (guint i = 0; remembered_id != NULL && i < sites->len; i++)
    if (g_str_equal (tocsin_site_get_id (g_ptr_array_index (sites, i)), remembered_id))
      return g_ptr_array_index (sites, i);

  return g_ptr_array_index (sites, 0);
}

static gboolean
validate_endpoints (const char  *auth_server,
                    const char  *api_base,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!tocsin_endpoint_validate (auth_server, &local_error) ||
      !tocsin_endpoint_validate (api_base, &local_error))
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_ENDPOINT,
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

static GError *
no_client_error (const char *redirect_uri)
{
  return g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_CLIENT,
                      _("Tocsin has no Atlassian app to sign in with. Create an OAuth 2.0 (3LO) "
                        "app in the Atlassian developer console (developer.atlassian.com → "
                        "Developer console → Create), set its callback URL to %s, add the Jira "
                        "Service Management Operations scopes (%s), then enter its client ID "
                        "and secret in Preferences."),
                      redirect_uri != NULL && *redirect_uri != '\0' ? redirect_uri : "http://localhost:8976/callback",
                      TOCSIN_AUTH_DEFAULT_SCOPES);
}

/* The built-in secret belongs to the built-in client id only. */
static const char *
builtin_secret_for (const char *client_id)
{
  if (*BUILTIN_CLIENT_ID != '\0' && *BUILTIN_CLIENT_SECRET != '\0' &&
      g_strcmp0 (client_id, BUILTIN_CLIENT_ID) == 0)
    return BUILTIN_CLIENT_SECRET;
  return NULL;
}

static void
clear_tokens (TocsinAuthSession *self)
{
  g_clear_pointer (&self->tokens, tocsin_token_set_free);
}

/* Client secret: $TOCSIN_CLIENT_SECRET, then the keyring, then the built-in one */

/* Taken out of the environment at startup, so that no child (the browser
 * opened for sign-in above all) inherits it. */
static char *environment_secret;

static void
on_client_secret_loaded_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = tocsin_token_store_load_client_secret_finish (result, &error);
  const char *client_id = g_task_get_task_data (task);
  const char *builtin;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret != NULL && *secret != '\0')
    {
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, (GDestroyNotify)wipe_free);
      return;
    }
  secret_password_free (secret);

  builtin = builtin_secret_for (client_id);
  if (builtin != NULL)
    g_task_return_pointer (task, g_strdup (builtin), (GDestroyNotify)wipe_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
load_client_secret_async (const char          *auth_server,
                          const char          *client_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  /* A secret from the environment wins, for this run only: the demo and
   * tests pass the sandbox's secret this way, never on a command line. */
  if (environment_secret != NULL)
    {
      g_task_return_pointer (task, g_strdup (environment_secret), (GDestroyNotify)wipe_free);
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_strdup (client_id), g_free);
  tocsin_token_store_load_client_secret_async (auth_server, client_id, cancellable,
                                               on_client_secret_loaded_cb, task);
}

/* Returns %NULL without an error when no secret is known. */
static char *
load_client_secret_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void new_generation (TocsinAuthSession *self);
static void undo_stale_write (TocsinAuthSession *self,
                              const char        *auth_server,
                              const char        *client_id);
static void flow_retry_without_pkce (Flow *flow);

/* Sign-in flow */

static void
flow_free (Flow *flow)
{
  g_clear_handle_id (&flow->timeout_id, g_source_remove);
  if (flow->user_cancelled_id != 0)
    g_cancellable_disconnect (flow->user_cancellable, flow->user_cancelled_id);
  g_clear_object (&flow->user_cancellable);
  g_clear_object (&flow->cancellable);
  g_clear_object (&flow->launch_context);
  g_clear_pointer (&flow->auth_server, g_free);
  g_clear_pointer (&flow->api_base, g_free);
  g_clear_pointer (&flow->client_id, g_free);
  g_clear_pointer (&flow->client_secret, wipe_free);
  g_clear_object (&flow->request);
  if (flow->server != NULL)
    tocsin_callback_server_stop (flow->server);
  g_clear_object (&flow->server);
  g_clear_object (&flow->client);
  g_clear_pointer (&flow->tokens, tocsin_token_set_free);
  g_clear_pointer (&flow->sites, g_ptr_array_unref);
  g_clear_pointer (&flow->account, g_free);
  g_clear_pointer (&flow->account_name, g_free);
  g_free (flow);
}

/* Takes a hold on the flow for one pending call; its callback drops it. */
static Flow *
flow_hold (Flow *flow)
{
  g_object_ref (flow->task);
  return flow;
}

/* Ends the flow once, with @error or success. Takes @error. */
static void
flow_finish (Flow   *flow,
             GError *error)
{
  TocsinAuthSession *self = flow->self;
  GTask *task = flow->task;

  if (flow->done)
    {
      g_clear_error (&error);
      return;
    }

  flow->done = TRUE;
  g_clear_handle_id (&flow->timeout_id, g_source_remove);
  if (flow->user_cancelled_id != 0)
    {
      g_cancellable_disconnect (flow->user_cancellable, flow->user_cancelled_id);
      flow->user_cancelled_id = 0;
    }
  g_cancellable_cancel (flow->cancellable);
  if (flow->server != NULL)
    tocsin_callback_server_stop (flow->server);

  if (self->flow == flow)
    self->flow = NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URI]);

  if (error != NULL)
    {
      g_debug ("Sign-in failed: %s", error->message);
      set_state (self, flow->previous_state);
      g_task_return_error (task, error);
    }
  else
    {
      set_state (self, TOCSIN_AUTH_STATE_SIGNED_IN);
      g_task_return_boolean (task, TRUE);
    }

  g_object_unref (task);
}

static void
on_flow_tokens_saved_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Flow *flow = user_data;
  TocsinAuthSession *self = flow->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TocsinSite *site;

  if (!tocsin_token_store_save_finish (result, &error))
    {
      if (!flow->done)
        flow_finish (flow, g_steal_pointer (&error));
      g_object_unref (flow->task);
      return;
    }

  if (flow->done)
    {
      /* Cancelled (or signed out) while the write was on its way. */
      undo_stale_write (self, flow->auth_server, flow->client_id);
      g_object_unref (flow->task);
      return;
    }

  /* Stored: now the session takes the new sign-in over. */
  new_generation (self);
  g_clear_object (&self->client);
  self->client = g_object_ref (flow->client);
  g_free (self->auth_server);
  self->auth_server = g_strdup (flow->auth_server);
  g_free (self->api_base);
  self->api_base = g_strdup (flow->api_base);
  g_free (self->client_id);
  self->client_id = g_strdup (flow->client_id);
  clear_tokens (self);
  self->tokens = g_steal_pointer (&flow->tokens);

  set_string (self, &self->account_id, flow->account, PROP_ACCOUNT_ID);
  set_string (self, &self->account_name, flow->account_name, PROP_ACCOUNT_NAME);

  path = state_file_path (self->auth_server, self->client_id, self->account_id);
  {
    g_autoptr(TocsinSite) remembered = load_remembered_site (path);

    site = pick_site (flow->sites, remembered != NULL ? tocsin_site_get_id (remembered) : NULL);
  }
  set_sites (self, flow->sites);
  set_current_site (self, site);
  save_remembered_site (path, site);
  save_remembered_name (path, self->account_name);

  /* Only a sign-in without PKCE that worked says the server needs that. */
  if (flow->pkce_retried)
    remember_server_refuses_pkce (self->auth_server);

  flow_finish (flow, NULL);
  g_object_unref (flow->task);
}

/* A keyring that never answers (a prompt nobody sees, a portal that hangs)
 * must not leave the sign-in waiting for ever; a late answer is undone. */
static gboolean
on_flow_store_timeout_cb (gpointer user_data)
{
  Flow *flow = user_data;

  flow->timeout_id = 0;
  flow_finish (flow, g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE,
                                          _("The keyring did not answer. Unlock or restart it (for "
                                            "example by logging out and in again), then sign in again; "
                                            "Tocsin keeps its sign-in only there.")));
  return G_SOURCE_REMOVE;
}

static void
flow_store (Flow *flow)
{
  g_clear_handle_id (&flow->timeout_id, g_source_remove);
  flow->timeout_id = g_timeout_add_seconds (SAVE_PROMPT_TIMEOUT_SECONDS, on_flow_store_timeout_cb, flow);
  tocsin_token_store_save_async (flow->auth_server, flow->client_id, flow->account, flow->tokens,
                                 flow->cancellable, on_flow_tokens_saved_cb, flow_hold (flow));
}

static void
on_flow_myself_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *account = NULL;

  account = tocsin_oauth_client_get_myself_finish (TOCSIN_OAUTH_CLIENT (object), result, &name, &error);
  if (flow->done)
    {
      g_object_unref (flow->task);
      return;
    }

  if (account == NULL)
    /* Without read:jira-user the account id is unknown; signing in still works. */
    g_debug ("Account id not available: %s", error->message);

  flow->account = account != NULL ? g_steal_pointer (&account) : g_strdup (UNKNOWN_ACCOUNT);
  flow->account_name = g_steal_pointer (&name);
  flow_store (flow);
  g_object_unref (flow->task);
}

static void
on_flow_sites_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *sites;

  sites = tocsin_oauth_client_get_sites_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);
  if (flow->done)
    {
      g_clear_pointer (&sites, g_ptr_array_unref);
      g_object_unref (flow->task);
      return;
    }

  if (sites == NULL)
    {
      flow_finish (flow, g_steal_pointer (&error));
    }
  else if (sites->len == 0)
    {
      g_ptr_array_unref (sites);
      flow_finish (flow, g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_SITES,
                                              _("None of the sites you granted access to allows "
                                                "reading Jira Service Management Operations alerts. "
                                                "Sign in again and grant access to a site that uses "
                                                "Operations.")));
    }
  else
    {
      flow->sites = sites;
      tocsin_oauth_client_get_myself_async (flow->client, flow->tokens->access_token,
                                            tocsin_site_get_id (g_ptr_array_index (sites, 0)),
                                            flow->cancellable, on_flow_myself_cb, flow_hold (flow));
    }

  g_object_unref (flow->task);
}

static void
on_flow_exchanged_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  TocsinTokenSet *tokens;

  tokens = tocsin_oauth_client_exchange_code_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);
  if (flow->done)
    {
      g_clear_pointer (&tokens, tocsin_token_set_free);
      g_object_unref (flow->task);
      return;
    }

  if (tokens == NULL && !flow->pkce_retried &&
      g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_PKCE_REJECTED) &&
      tocsin_auth_request_get_code_verifier (flow->request) != NULL)
    {
      flow_retry_without_pkce (flow);
      g_object_unref (flow->task);
      return;
    }

  if (tokens == NULL)
    {
      /* invalid_grant here is about the code, not a dead sign-in. */
      if (g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH))
        error->code = TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED;
      flow_finish (flow, g_steal_pointer (&error));
    }
  else
    {
      flow->tokens = tokens;
      tocsin_oauth_client_get_sites_async (flow->client, tokens->access_token, flow->cancellable,
                                           on_flow_sites_cb, flow_hold (flow));
    }

  g_object_unref (flow->task);
}

/* The callback was accepted (@code) or ended the flow (@error). */
static void
flow_on_callback (Flow   *flow,
                  char   *code,
                  GError *error)
{
  if (flow->done || flow->phase != FLOW_WAITING)
    {
      wipe_free (code);
      g_clear_error (&error);
      return;
    }

  flow->phase = FLOW_EXCHANGING;
  /* The callback came: nothing more to listen for. */
  if (flow->server != NULL)
    tocsin_callback_server_stop (flow->server);
  g_object_notify_by_pspec (G_OBJECT (flow->self), properties[PROP_AUTHORIZE_URI]);

  if (error != NULL)
    {
      wipe_free (code);
      flow_finish (flow, error);
      return;
    }

  tocsin_oauth_client_exchange_code_async (flow->client, code,
                                           tocsin_auth_request_get_redirect_uri (flow->request),
                                           tocsin_auth_request_get_code_verifier (flow->request),
                                           flow->cancellable, on_flow_exchanged_cb, flow_hold (flow));
  wipe_free (code);
}

static void
on_server_wait_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Flow *flow = user_data;
  GError *error = NULL;
  char *code;

  code = tocsin_callback_server_wait_finish (TOCSIN_CALLBACK_SERVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The flow ended some other way. */
      g_clear_error (&error);
      g_object_unref (flow->task);
      return;
    }

  flow_on_callback (flow, code, error);
  g_object_unref (flow->task);
}

static void
on_server_rejected_cb (TocsinCallbackServer *server,
                       const GError         *error,
                       TocsinAuthSession    *self)
{
  g_signal_emit (self, signals[CALLBACK_REJECTED], 0, error);
}

static gboolean
on_flow_timeout_cb (gpointer user_data)
{
  Flow *flow = user_data;

  flow->timeout_id = 0;
  if (flow->phase == FLOW_WAITING)
    flow_finish (flow, g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_EXPIRED,
                                            _("The sign-in took longer than 10 minutes and has "
                                              "expired. Sign in again.")));
  return G_SOURCE_REMOVE;
}

static void
on_browser_launched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || flow->done)
    return;

  {
    g_autoptr(GError) browser_error =
      g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_BROWSER_FAILED,
                   _("Tocsin could not open a web browser (%s). Copy the sign-in link, open it "
                     "in a browser, and after you choose Accept paste the address the browser "
                     "shows here."),
                   error->message);

    g_signal_emit (flow->self, signals[BROWSER_FAILED], 0, browser_error);
  }
}

static void
flow_open_browser (Flow *flow)
{
  TocsinAuthSession *self = flow->self;

  if (!self->launch_browser)
    return;

  g_app_info_launch_default_for_uri_async (tocsin_auth_request_get_uri (flow->request),
                                           flow->launch_context, flow->cancellable,
                                           on_browser_launched_cb, g_object_ref (flow->task));
}

static gboolean
user_cancel_idle_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);

  if (!flow->done)
    flow_finish (flow, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("Signing in was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
on_user_cancelled_cb (GCancellable *cancellable,
                      Flow         *flow)
{
  /* Not from within the handler: disconnecting there would deadlock. */
  g_idle_add (user_cancel_idle_cb, g_object_ref (flow->task));
}

/* Waits for the callback of flow->request (on the loopback server when the
 * callback URL is one) and opens the browser. */
static gboolean
flow_listen (Flow    *flow,
             GError **error)
{
  TocsinAuthSession *self = flow->self;

  if (tocsin_callback_server_handles_uri (tocsin_auth_request_get_redirect_uri (flow->request)))
    {
      if (flow->server != NULL)
        tocsin_callback_server_stop (flow->server);
      g_clear_object (&flow->server);
      flow->server = tocsin_callback_server_new (flow->request);
      g_signal_connect_object (flow->server, "rejected", G_CALLBACK (on_server_rejected_cb), self, 0);
      if (!tocsin_callback_server_start (flow->server, error))
        return FALSE;
      tocsin_callback_server_wait_async (flow->server, flow->cancellable, on_server_wait_cb,
                                         flow_hold (flow));
    }

  flow->phase = FLOW_WAITING;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URI]);
  flow_open_browser (flow);
  return TRUE;
}

/* The token endpoint refused the PKCE verifier: once per sign-in, the user
 * is asked again with a request without PKCE. */
static void
flow_retry_without_pkce (Flow *flow)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = NULL;

  g_debug ("The sign-in server refused PKCE; asking once more without it");
  flow->pkce_retried = TRUE;
  request = tocsin_auth_request_new (flow->auth_server, flow->client_id,
                                     tocsin_auth_request_get_redirect_uri (flow->request),
                                     NULL, FALSE, &error);
  if (request == NULL)
    {
      flow_finish (flow, g_steal_pointer (&error));
      return;
    }

  g_set_object (&flow->request, request);
  if (!flow_listen (flow, &error))
    flow_finish (flow, g_steal_pointer (&error));
}

static void
on_flow_client_secret_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Flow *flow = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = load_client_secret_finish (result, &error);
  if (flow->done)
    {
      wipe_free (secret);
      g_object_unref (flow->task);
      return;
    }

  if (error != NULL)
    {
      flow_finish (flow, g_steal_pointer (&error));
      g_object_unref (flow->task);
      return;
    }

  if (secret == NULL)
    {
      flow_finish (flow, no_client_error (tocsin_auth_request_get_redirect_uri (flow->request)));
      g_object_unref (flow->task);
      return;
    }

  flow->client_secret = secret;
  flow->client = tocsin_oauth_client_new (flow->self->http, flow->auth_server, flow->api_base,
                                          flow->client_id, flow->client_secret);

  if (!flow_listen (flow, &error))
    {
      flow_finish (flow, g_steal_pointer (&error));
      g_object_unref (flow->task);
      return;
    }
  flow->timeout_id = g_timeout_add_seconds (TOCSIN_AUTH_FLOW_LIFETIME_SECONDS, on_flow_timeout_cb, flow);

  g_object_unref (flow->task);
}

static gboolean
is_custom_scheme (const char *redirect_uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (redirect_uri);

  return scheme != NULL &&
         g_ascii_strcasecmp (scheme, "http") != 0 &&
         g_ascii_strcasecmp (scheme, "https") != 0;
}

/* Whether @uri is addressed to @redirect_uri: same scheme, host, port, path. */
static gboolean
uri_matches_redirect (const char *uri,
                      const char *redirect_uri)
{
  g_autoptr(GUri) a = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) b = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);

  if (a == NULL || b == NULL)
    return FALSE;

  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b) &&
         g_strcmp0 (g_uri_get_path (a), g_uri_get_path (b)) == 0;
}

/* Token refresh (single-flight) */

static void refresh_start (TocsinAuthSession *self);

static void
refresh_complete (TocsinAuthSession *self,
                  const GError      *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->refreshing = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->tokens->access_token), (GDestroyNotify)wipe_free);
    }
}

static void
set_keyring_unsaved (TocsinAuthSession *self,
                     gboolean           unsaved)
{
  if (self->keyring_unsaved == unsaved)
    return;

  self->keyring_unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_UNSAVED]);
}

/* Forgets the write under way (its callback still comes, and sees that it
 * was abandoned) and any retry. */
static void
save_abandon (TocsinAuthSession *self)
{
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_handle_id (&self->save_retry_id, g_source_remove);
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_again = FALSE;
}

/* A new sign-in, a restore or a sign-out: whatever the previous one still
 * has under way must not touch this one. */
static void
new_generation (TocsinAuthSession *self)
{
  self->generation++;
  save_abandon (self);
  self->save_backoff = 0;
  set_keyring_unsaved (self, FALSE);

  if (self->refreshing)
    {
      g_autoptr(GError) gone = g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,
                                                    _("You are not signed in."));

      refresh_complete (self, gone);
    }
}

typedef struct
{
  TocsinAuthSession *self;
  guint              generation;
  GCancellable      *cancellable;
  char              *auth_server;
  char              *client_id;
} Pending;

static Pending *
pending_new (TocsinAuthSession *self)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->generation = self->generation;
  pending->auth_server = g_strdup (self->auth_server);
  pending->client_id = g_strdup (self->client_id);
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_clear_object (&pending->cancellable);
  g_free (pending->auth_server);
  g_free (pending->client_id);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void keyring_save (TocsinAuthSession *self);

static gboolean
save_retry_cb (gpointer user_data)
{
  TocsinAuthSession *self = user_data;

  self->save_retry_id = 0;
  keyring_save (self);
  return G_SOURCE_REMOVE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  TocsinAuthSession *self = user_data;

  self->save_timeout_id = 0;
  g_debug ("The keyring did not answer in time");
  save_abandon (self);
  set_keyring_unsaved (self, TRUE);
  self->save_retry_id = g_timeout_add_seconds (SAVE_RETRY_FIRST_SECONDS, save_retry_cb, self);
  return G_SOURCE_REMOVE;
}

static void
on_stale_write_cleared_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_clear_finish (result, &error))
    g_debug ("Could not delete an older sign-in's tokens: %s", error->message);
}

/* Tokens of a sign-in that has ended reached the keyring after all. */
static void
undo_stale_write (TocsinAuthSession *self,
                  const char        *auth_server,
                  const char        *client_id)
{
  if (self->tokens != NULL &&
      g_strcmp0 (self->auth_server, auth_server) == 0 &&
      g_strcmp0 (self->client_id, client_id) == 0)
    /* It may have replaced the current sign-in's item: write that again. */
    keyring_save (self);
  else
    tocsin_token_store_clear_async (auth_server, client_id, NULL, on_stale_write_cleared_cb, NULL);
}

static void
on_keyring_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  TocsinAuthSession *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean saved = tocsin_token_store_save_finish (result, &error);

  if (pending->generation != self->generation)
    {
      /* Written for a sign-in that has ended since. */
      if (saved)
        undo_stale_write (self, pending->auth_server, pending->client_id);
      return;
    }

  if (pending->cancellable != self->save_cancellable)
    {
      /* Given up after the timeout, yet it went through late: it may have
       * overwritten newer tokens, so the current ones go in again. */
      if (saved)
        keyring_save (self);
      return;
    }

  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_object (&self->save_cancellable);

  if (self->tokens == NULL)
    return;

  if (self->save_again)
    {
      self->save_again = FALSE;
      keyring_save (self);
      return;
    }

  if (!saved)
    {
      g_debug ("Could not save the rotated tokens, retrying in %u s: %s",
               MAX (self->save_backoff, SAVE_RETRY_FIRST_SECONDS), error->message);
      self->save_backoff = CLAMP (self->save_backoff * 2, SAVE_RETRY_FIRST_SECONDS, SAVE_RETRY_MAX_SECONDS);
      self->save_retry_id = g_timeout_add_seconds (self->save_backoff, save_retry_cb, self);
      set_keyring_unsaved (self, TRUE);
      return;
    }

  self->save_backoff = 0;
  set_keyring_unsaved (self, FALSE);
}

/* Writes the current tokens, after the write under way if there is one, so
 * the keyring never ends with older tokens than memory. After a failure,
 * only a keyring that is unlocked by now is written to: no unlock prompt
 * every retry. */
static void
keyring_save (TocsinAuthSession *self)
{
  Pending *pending;
  gboolean may_prompt;

  if (self->tokens == NULL || self->auth_server == NULL || self->client_id == NULL)
    return;

  if (self->save_cancellable != NULL)
    {
      self->save_again = TRUE;
      return;
    }

  may_prompt = !self->keyring_unsaved;
  g_clear_handle_id (&self->save_retry_id, g_source_remove);
  self->save_cancellable = g_cancellable_new ();
  self->save_timeout_id = g_timeout_add_seconds (may_prompt ? SAVE_PROMPT_TIMEOUT_SECONDS : SAVE_TIMEOUT_SECONDS,
                                                 save_timeout_cb, self);

  pending = pending_new (self);
  pending->cancellable = g_object_ref (self->save_cancellable);
  tocsin_token_store_save_full_async (self->auth_server, self->client_id,
                                      self->account_id != NULL ? self->account_id : UNKNOWN_ACCOUNT,
                                      self->tokens, may_prompt,
                                      self->save_cancellable, on_keyring_saved_cb, pending);
}

static void
on_reauth_marker_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_save_finish (result, &error))
    g_debug ("Could not mark the sign-in as expired in the keyring: %s", error->message);
}

static void
enter_needs_reauth (TocsinAuthSession *self)
{
  g_autoptr(TocsinTokenSet) marker = tocsin_token_set_new ();

  /* The dead tokens are dropped; the account and its site choice stay. */
  marker->needs_reauth = TRUE;
  marker->scope = g_strdup (self->tokens != NULL ? self->tokens->scope : NULL);
  clear_tokens (self);
  save_abandon (self);
  set_keyring_unsaved (self, FALSE);

  if (self->auth_server != NULL && self->client_id != NULL)
    tocsin_token_store_save_async (self->auth_server, self->client_id,
                                   self->account_id != NULL ? self->account_id : UNKNOWN_ACCOUNT,
                                   marker, NULL, on_reauth_marker_saved_cb, NULL);

  set_state (self, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
}

static void
on_refreshed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  TocsinAuthSession *self = pending->self;
  g_autoptr(GError) error = NULL;
  TocsinTokenSet *tokens;

  tokens = tocsin_oauth_client_refresh_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);

  if (pending->generation != self->generation)
    {
      /* An older sign-in's refresh: its waiters were failed already. */
      g_debug ("Dropping the refresh of an earlier sign-in");
      g_clear_pointer (&tokens, tocsin_token_set_free);
      return;
    }

  if (self->tokens == NULL)
    {
      g_autoptr(GError) gone = g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,
                                                    _("You are not signed in."));
      g_clear_pointer (&tokens, tocsin_token_set_free);
      refresh_complete (self, gone);
      return;
    }

  if (tokens == NULL)
    {
      if (g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH))
        enter_needs_reauth (self);
      /* Any other failure keeps the tokens for the next try. */
      refresh_complete (self, error);
      return;
    }

  /* Atlassian rotates refresh tokens; keep the old one only if none came. */
  if (tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (self->tokens->refresh_token);
  if (tokens->scope == NULL)
    tokens->scope = g_strdup (self->tokens->scope);

  clear_tokens (self);
  self->tokens = tokens;

  /* Polling goes on whatever the keyring does; the write follows. */
  refresh_complete (self, NULL);
  keyring_save (self);
}

static void
refresh_start (TocsinAuthSession *self)
{
  g_assert (!self->refreshing);

  self->refreshing = TRUE;

  if (self->tokens->refresh_token == NULL || self->client == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->client == NULL)
        error = no_client_error (tocsin_config_get_redirect_uri (self->config));
      else
        {
          error = g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                                       _("Your sign-in has expired. Sign in again."));
          enter_needs_reauth (self);
        }
      refresh_complete (self, error);
      return;
    }

  g_debug ("Refreshing the access token");
  tocsin_oauth_client_refresh_async (self->client, self->tokens->refresh_token, NULL,
                                     on_refreshed_cb, pending_new (self));
}

/* TocsinTokenProvider */

static void
tocsin_auth_session_get_access_token_async (TocsinTokenProvider *provider,
                                            const char          *rejected_token,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  TocsinAuthSession *self = TOCSIN_AUTH_SESSION (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_get_access_token_async);

  if (self->state == TOCSIN_AUTH_STATE_NEEDS_REAUTH)
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                               _("Your sign-in has expired or was revoked. Sign in again."));
      return;
    }

  if (self->tokens == NULL || self->tokens->access_token == NULL)
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,
                               _("You are not signed in."));
      return;
    }

  if (!self->refreshing &&
      g_strcmp0 (rejected_token, self->tokens->access_token) != 0 &&
      !tocsin_token_set_needs_refresh (self->tokens))
    {
      g_task_return_pointer (task, g_strdup (self->tokens->access_token), (GDestroyNotify)wipe_free);
      return;
    }

  /* Everyone who asks while a refresh runs gets its outcome. */
  g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));
  if (!self->refreshing)
    refresh_start (self);
}

static char *
tocsin_auth_session_get_access_token_finish (TocsinTokenProvider  *provider,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tocsin_auth_session_token_provider_init (TocsinTokenProviderInterface *iface)
{
  iface->get_access_token_async = tocsin_auth_session_get_access_token_async;
  iface->get_access_token_finish = tocsin_auth_session_get_access_token_finish;
}

/* GObject overrides */

static void
tocsin_auth_session_dispose (GObject *object)
{
  TocsinAuthSession *self = (TocsinAuthSession *)object;

  save_abandon (self);
  g_clear_object (&self->config);
  g_clear_object (&self->client);
  g_clear_object (&self->http);
  g_clear_object (&self->current_site);
  g_clear_object (&self->sites);

  G_OBJECT_CLASS (tocsin_auth_session_parent_class)->dispose (object);
}

static void
tocsin_auth_session_finalize (GObject *object)
{
  TocsinAuthSession *self = (TocsinAuthSession *)object;

  clear_tokens (self);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->auth_server, g_free);
  g_clear_pointer (&self->api_base, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (tocsin_auth_session_parent_class)->finalize (object);
}

static void
tocsin_auth_session_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TocsinAuthSession *self = TOCSIN_AUTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_SITES:
      g_value_set_object (value, self->sites);
      break;
    case PROP_CURRENT_SITE:
      g_value_set_object (value, self->current_site);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    case PROP_AUTHORIZE_URI:
      g_value_set_string (value, tocsin_auth_session_get_authorize_uri (self));
      break;
    case PROP_USE_PKCE:
      g_value_set_boolean (value, self->use_pkce);
      break;
    case PROP_LAUNCH_BROWSER:
      g_value_set_boolean (value, self->launch_browser);
      break;
    case PROP_KEYRING_UNSAVED:
      g_value_set_boolean (value, self->keyring_unsaved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_auth_session_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TocsinAuthSession *self = TOCSIN_AUTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    case PROP_CURRENT_SITE:
      tocsin_auth_session_set_current_site (self, g_value_get_object (value));
      break;
    case PROP_USE_PKCE:
      tocsin_auth_session_set_use_pkce (self, g_value_get_boolean (value));
      break;
    case PROP_LAUNCH_BROWSER:
      tocsin_auth_session_set_launch_browser (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_auth_session_class_init (TocsinAuthSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_auth_session_dispose;
  object_class->finalize = tocsin_auth_session_finalize;
  object_class->get_property = tocsin_auth_session_get_property;
  object_class->set_property = tocsin_auth_session_set_property;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, TOCSIN_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TOCSIN_TYPE_AUTH_STATE, TOCSIN_AUTH_STATE_SIGNED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITES] =
    g_param_spec_object ("sites", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_SITE] =
    g_param_spec_object ("current-site", NULL, NULL, TOCSIN_TYPE_SITE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHORIZE_URI] =
    g_param_spec_string ("authorize-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USE_PKCE] =
    g_param_spec_boolean ("use-pkce", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAUNCH_BROWSER] =
    g_param_spec_boolean ("launch-browser", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TocsinAuthSession:keyring-unsaved:
   *
   * The rotated tokens could not be written to the keyring (locked, or not
   * answering). Signing in still works until the app quits; the write is
   * retried in the background and this turns %FALSE once it went through.
   * Tell the user when it turns %TRUE.
   */
  properties[PROP_KEYRING_UNSAVED] =
    g_param_spec_boolean ("keyring-unsaved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TocsinAuthSession::browser-failed:
   * @error: a %TOCSIN_AUTH_ERROR_BROWSER_FAILED error to show
   *
   * The browser could not be opened. The sign-in keeps waiting: show the
   * message next to the link to copy and the field to paste the result.
   */
  signals[BROWSER_FAILED] =
    g_signal_new ("browser-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * TocsinAuthSession::callback-rejected:
   * @error: why (usually %TOCSIN_AUTH_ERROR_INVALID_STATE)
   *
   * A callback arrived that does not belong to the pending sign-in (stale
   * tab, forged request); it was ignored and the sign-in keeps waiting.
   */
  signals[CALLBACK_REJECTED] =
    g_signal_new ("callback-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tocsin_auth_session_init (TocsinAuthSession *self)
{
  self->use_pkce = TRUE;
  self->launch_browser = TRUE;
  self->sites = g_list_store_new (TOCSIN_TYPE_SITE);
  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  /* The same bound as API requests: a stalled token endpoint must not hold
   * every caller waiting for a refresh for libsoup's default minute. */
  self->http = soup_session_new_with_options ("timeout", TOCSIN_AUTH_SESSION_DEFAULT_TIMEOUT, NULL);
}

/**
 * tocsin_auth_session_set_request_timeout:
 * @seconds: how long a token or accessible-resources request may stall
 *
 * Tests shorten it; the default is %TOCSIN_AUTH_SESSION_DEFAULT_TIMEOUT.
 */
void
tocsin_auth_session_set_request_timeout (TocsinAuthSession *self,
                                         guint              seconds)
{
  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  soup_session_set_timeout (self->http, seconds);
}

/* Public API */

/**
 * tocsin_auth_session_claim_environment:
 *
 * Takes `TOCSIN_CLIENT_SECRET` out of the environment and keeps it for the
 * sessions of this process. Call it first thing in main(), before any
 * thread runs (unsetting a variable is not thread-safe), so that nothing
 * the app starts inherits the secret.
 */
void
tocsin_auth_session_claim_environment (void)
{
  const char *value = g_getenv ("TOCSIN_CLIENT_SECRET");

  if (value == NULL)
    return;

  g_clear_pointer (&environment_secret, wipe_free);
  if (*value != '\0')
    environment_secret = g_strdup (value);
  g_unsetenv ("TOCSIN_CLIENT_SECRET");
}

/**
 * tocsin_auth_session_new:
 * @config: where the endpoints, callback URL and client id come from
 */
TocsinAuthSession *
tocsin_auth_session_new (TocsinConfig *config)
{
  g_return_val_if_fail (TOCSIN_IS_CONFIG (config), NULL);

  return g_object_new (TOCSIN_TYPE_AUTH_SESSION, "config", config, NULL);
}

TocsinAuthState
tocsin_auth_session_get_state (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), TOCSIN_AUTH_STATE_SIGNED_OUT);
  return self->state;
}

/**
 * tocsin_auth_session_get_sites:
 *
 * Returns: (transfer none): the sites that granted the Operations scopes;
 *   the same model for the session's lifetime
 */
GListModel *
tocsin_auth_session_get_sites (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);
  return G_LIST_MODEL (self->sites);
}

/* Returns: (transfer none) (nullable) */
TocsinSite *
tocsin_auth_session_get_current_site (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);
  return self->current_site;
}

/**
 * tocsin_auth_session_set_current_site:
 * @site: one of tocsin_auth_session_get_sites()
 *
 * Switches site and remembers the choice for this account.
 */
void
tocsin_auth_session_set_current_site (TocsinAuthSession *self,
                                      TocsinSite        *site)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));
  g_return_if_fail (site == NULL || TOCSIN_IS_SITE (site));

  if (self->current_site == site)
    return;

  set_current_site (self, site);

  path = tocsin_auth_session_dup_state_file_path (self);
  if (site != NULL && path != NULL)
    save_remembered_site (path, site);
}

/* The Atlassian account id, "unknown" when it could not be read, or %NULL. */
const char *
tocsin_auth_session_get_account_id (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);
  return self->account_id;
}

const char *
tocsin_auth_session_get_account_name (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);
  return self->account_name;
}

/**
 * tocsin_auth_session_get_authorize_uri:
 *
 * Returns: (nullable): the sign-in link of the flow waiting for its
 *   callback, for the "copy link" button; %NULL otherwise
 */
const char *
tocsin_auth_session_get_authorize_uri (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);

  if (self->flow == NULL || self->flow->done || self->flow->phase != FLOW_WAITING ||
      self->flow->client == NULL)
    return NULL;

  return tocsin_auth_request_get_uri (self->flow->request);
}

gboolean
tocsin_auth_session_get_keyring_unsaved (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  return self->keyring_unsaved;
}

gboolean
tocsin_auth_session_get_use_pkce (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  return self->use_pkce;
}

/* Sends a PKCE S256 challenge with the next sign-in (default: yes). */
void
tocsin_auth_session_set_use_pkce (TocsinAuthSession *self,
                                  gboolean           use_pkce)
{
  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  use_pkce = !!use_pkce;
  if (self->use_pkce == use_pkce)
    return;
  self->use_pkce = use_pkce;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_PKCE]);
}

gboolean
tocsin_auth_session_get_launch_browser (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  return self->launch_browser;
}

/* Whether sign-in opens the default browser (default: yes). Tests that play
 * the browser themselves turn it off. */
void
tocsin_auth_session_set_launch_browser (TocsinAuthSession *self,
                                        gboolean           launch_browser)
{
  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  launch_browser = !!launch_browser;
  if (self->launch_browser == launch_browser)
    return;
  self->launch_browser = launch_browser;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAUNCH_BROWSER]);
}

/**
 * tocsin_auth_session_dup_state_file_path:
 *
 * The per-account key file under $XDG_STATE_HOME/tocsin/ that holds the site
 * choice (group "site"). Other non-secret per-account state may use other
 * groups of the same file; signing out deletes it.
 *
 * Returns: (transfer full) (nullable): the path, %NULL without an account
 */
char *
tocsin_auth_session_dup_state_file_path (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);

  if (self->account_id == NULL || self->auth_server == NULL || self->client_id == NULL)
    return NULL;

  return state_file_path (self->auth_server, self->client_id, self->account_id);
}

/**
 * tocsin_auth_session_sign_in_async:
 * @launch_context: (nullable): for the browser launch (e.g. from GdkDisplay)
 * @cancellable: (nullable): cancels the sign-in, like tocsin_auth_session_cancel()
 *
 * Builds the authorization request, starts the loopback callback server when
 * the callback URL is a loopback http URL, opens the browser, and completes
 * once the callback arrived, the code was exchanged, the sites were listed
 * and the tokens are in the keyring. While it waits, the state is
 * signing-in and #TocsinAuthSession:authorize-uri holds the link; a browser
 * that cannot be opened is reported by #TocsinAuthSession::browser-failed
 * and the sign-in keeps waiting for a pasted URL. On failure the previous
 * state comes back and nothing is stored.
 */
void
tocsin_auth_session_sign_in_async (TocsinAuthSession   *self,
                                   GAppLaunchContext   *launch_context,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  const char *redirect_uri;
  const char *client_id;
  Flow *flow;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));
  g_return_if_fail (launch_context == NULL || G_IS_APP_LAUNCH_CONTEXT (launch_context));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_sign_in_async);

  if (self->flow != NULL)
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_IN_PROGRESS,
                               _("Signing in is already in progress. Finish it in the browser "
                                 "or cancel it first."));
      return;
    }

  redirect_uri = tocsin_config_get_redirect_uri (self->config);
  client_id = tocsin_config_get_client_id (self->config);

  flow = g_new0 (Flow, 1);
  flow->self = self;
  flow->task = task;
  flow->phase = FLOW_WAITING;
  flow->previous_state = self->state;
  flow->cancellable = g_cancellable_new ();
  flow->launch_context = launch_context != NULL ? g_object_ref (launch_context) : NULL;
  flow->auth_server = strip_slashes (tocsin_config_get_auth_base_url (self->config));
  flow->api_base = strip_slashes (tocsin_config_get_api_base_url (self->config));
  flow->client_id = g_strdup (client_id);
  g_task_set_task_data (task, flow, (GDestroyNotify)flow_free);

  if (!validate_endpoints (flow->auth_server, flow->api_base, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!tocsin_callback_server_handles_uri (redirect_uri) && !is_custom_scheme (redirect_uri))
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_ENDPOINT,
                               _("The “Callback URL” setting (%s) must be a local address such as "
                                 "http://localhost:8976/callback or a tocsin:// address, and match "
                                 "the callback URL of your app in the Atlassian developer console."),
                               redirect_uri);
      return;
    }

  if (client_id == NULL || *client_id == '\0')
    {
      g_task_return_error (task, no_client_error (redirect_uri));
      return;
    }

  flow->request = tocsin_auth_request_new (flow->auth_server, client_id, redirect_uri, NULL,
                                           self->use_pkce && !server_refuses_pkce (flow->auth_server),
                                           &error);
  if (flow->request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->flow = flow;
  set_state (self, TOCSIN_AUTH_STATE_SIGNING_IN);

  if (cancellable != NULL)
    {
      flow->user_cancellable = g_object_ref (cancellable);
      flow->user_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled_cb),
                                                       flow, NULL);
    }

  /* The flow holds the task (and so itself) until flow_finish(). */
  g_object_ref (task);
  load_client_secret_async (flow->auth_server, client_id, flow->cancellable,
                            on_flow_client_secret_cb, flow_hold (flow));
}

gboolean
tocsin_auth_session_sign_in_finish (TocsinAuthSession  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Ends a pending sign-in; it finishes with G_IO_ERROR_CANCELLED. */
void
tocsin_auth_session_cancel (TocsinAuthSession *self)
{
  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  if (self->flow != NULL)
    flow_finish (self->flow, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _("Signing in was cancelled.")));
}

/**
 * tocsin_auth_session_submit_callback_uri:
 * @uri: the address the browser showed after consent, pasted by the user
 *
 * The manual route for the callback. %TRUE means the pending sign-in took
 * @uri and goes on (its outcome, including a refusal, comes from
 * tocsin_auth_session_sign_in_finish()). %FALSE with an error means @uri was
 * not accepted (no sign-in waiting, or it belongs to another sign-in) and
 * the sign-in keeps waiting.
 */
gboolean
tocsin_auth_session_submit_callback_uri (TocsinAuthSession  *self,
                                         const char         *uri,
                                         GError            **error)
{
  GError *local_error = NULL;
  Flow *flow;
  char *code;

  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  flow = self->flow;
  if (flow == NULL || flow->done || flow->phase != FLOW_WAITING || flow->client == NULL)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("No sign-in is waiting for this address. Start signing in again."));
      return FALSE;
    }

  code = tocsin_auth_request_check_callback (flow->request, uri, &local_error);
  if (g_error_matches (local_error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  flow_on_callback (flow, code, local_error);
  return TRUE;
}

/**
 * tocsin_auth_session_handle_callback_uri:
 * @uri: a URI handed to the application (GApplication::open)
 *
 * The custom-scheme route: call it for every URI the application is asked
 * to open. A URI for the pending sign-in's callback URL is claimed; one that
 * does not belong to it is reported by #TocsinAuthSession::callback-rejected
 * (and still claimed, as it is a callback).
 *
 * Returns: %TRUE if @uri was a callback for the pending sign-in
 */
gboolean
tocsin_auth_session_handle_callback_uri (TocsinAuthSession *self,
                                         const char        *uri)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->flow == NULL || self->flow->done || self->flow->phase != FLOW_WAITING ||
      !uri_matches_redirect (uri, tocsin_auth_request_get_redirect_uri (self->flow->request)))
    return FALSE;

  if (!tocsin_auth_session_submit_callback_uri (self, uri, &error))
    g_signal_emit (self, signals[CALLBACK_REJECTED], 0, error);

  return TRUE;
}

/* Restore */

typedef struct
{
  char *auth_server;
  char *api_base;
  char *client_id;
  char *account;
  TocsinTokenSet *tokens;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->auth_server);
  g_free (data->api_base);
  g_free (data->client_id);
  g_free (data->account);
  tocsin_token_set_free (data->tokens);
  g_free (data);
}

static void
on_restore_sites_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinAuthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;

  sites = tocsin_oauth_client_get_sites_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);
  if (sites != NULL && sites->len > 0)
    {
      TocsinSite *site = pick_site (sites, self->current_site != NULL ?
                                           tocsin_site_get_id (self->current_site) : NULL);

      set_sites (self, sites);
      tocsin_auth_session_set_current_site (self, site);
    }
  else if (error != NULL)
    /* Offline at startup: carry on with the remembered site. */
    g_debug ("Could not update the site list: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_restore_token_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinAuthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;

  token = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (self), result, &error);
  if (token == NULL)
    {
      /* needs-reauth is a state, not a failure to restore; network and
       * keyring trouble keep the remembered site. */
      g_debug ("Could not get an access token at startup: %s", error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  tocsin_oauth_client_get_sites_async (self->client, token, cancellable,
                                       on_restore_sites_cb, g_steal_pointer (&task));
}

static void
restore_apply (GTask *task,
               char  *client_secret)
{
  TocsinAuthSession *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(TocsinSite) site = NULL;
  g_autofree char *path = NULL;
  gboolean needs_reauth = data->tokens->needs_reauth;

  new_generation (self);
  g_free (self->auth_server);
  self->auth_server = g_strdup (data->auth_server);
  g_free (self->api_base);
  self->api_base = g_strdup (data->api_base);
  g_free (self->client_id);
  self->client_id = g_strdup (data->client_id);
  g_clear_object (&self->client);
  if (client_secret != NULL)
    self->client = tocsin_oauth_client_new (self->http, data->auth_server, data->api_base,
                                            data->client_id, client_secret);
  clear_tokens (self);
  if (!needs_reauth)
    self->tokens = g_steal_pointer (&data->tokens);

  set_string (self, &self->account_id, data->account, PROP_ACCOUNT_ID);

  path = state_file_path (self->auth_server, self->client_id, self->account_id);
  {
    g_autofree char *name = load_remembered_name (path);

    set_string (self, &self->account_name, name, PROP_ACCOUNT_NAME);
  }
  site = load_remembered_site (path);
  if (site != NULL)
    {
      g_autoptr(GPtrArray) sites = g_ptr_array_new ();

      g_ptr_array_add (sites, site);
      set_sites (self, sites);
    }
  set_current_site (self, site);

  if (needs_reauth)
    {
      set_state (self, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_state (self, TOCSIN_AUTH_STATE_SIGNED_IN);
  if (self->client == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (self), NULL,
                                                g_task_get_cancellable (task),
                                                on_restore_token_cb, g_object_ref (task));
}

static void
on_restore_client_secret_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = load_client_secret_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without a secret the access token still works until it expires. */
  restore_apply (task, secret);
  wipe_free (secret);
}

static void
on_restore_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->tokens = tocsin_token_store_load_finish (result, &data->account, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->tokens == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (data->account == NULL)
    data->account = g_strdup (UNKNOWN_ACCOUNT);

  cancellable = g_task_get_cancellable (task);
  load_client_secret_async (data->auth_server, data->client_id, cancellable,
                            on_restore_client_secret_cb, g_steal_pointer (&task));
}

/**
 * tocsin_auth_session_restore_async:
 *
 * At startup: loads the sign-in from the keyring for the configured server
 * and client id, then checks the site list again (offline, the remembered
 * site is kept). Ends signed-in, needs-reauth or signed-out; fails only
 * when the keyring cannot be read (%TOCSIN_AUTH_ERROR_KEYRING_LOCKED,
 * %TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE) or the endpoints are invalid.
 */
void
tocsin_auth_session_restore_async (TocsinAuthSession   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RestoreData *data;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_restore_async);

  data = g_new0 (RestoreData, 1);
  data->auth_server = strip_slashes (tocsin_config_get_auth_base_url (self->config));
  data->api_base = strip_slashes (tocsin_config_get_api_base_url (self->config));
  data->client_id = g_strdup (tocsin_config_get_client_id (self->config));
  g_task_set_task_data (task, data, (GDestroyNotify)restore_data_free);

  if (!validate_endpoints (data->auth_server, data->api_base, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (*data->client_id == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_token_store_load_async (data->auth_server, data->client_id, cancellable,
                                 on_restore_loaded_cb, g_steal_pointer (&task));
}

gboolean
tocsin_auth_session_restore_finish (TocsinAuthSession  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign out */

static void
on_sign_out_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_clear_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tocsin_auth_session_sign_out_async:
 *
 * Cancels a pending sign-in, forgets the tokens, deletes the keyring items
 * and the account's state file. The session is signed out even if the
 * keyring could not be reached; the error then says so.
 */
void
tocsin_auth_session_sign_out_async (TocsinAuthSession   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *auth_server = NULL;
  g_autofree char *client_id = NULL;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_sign_out_async);

  tocsin_auth_session_cancel (self);

  path = tocsin_auth_session_dup_state_file_path (self);
  if (path != NULL && g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not delete %s: %s", path, g_strerror (errno));

  auth_server = strip_slashes (self->auth_server != NULL ? self->auth_server
                                                        : tocsin_config_get_auth_base_url (self->config));
  client_id = g_strdup (self->client_id != NULL ? self->client_id
                                                : tocsin_config_get_client_id (self->config));

  /* Refresh waiters fail now; a refresh or keyring write still under way
   * drops its result (and deletes what it wrote) when it ends. */
  new_generation (self);
  clear_tokens (self);
  g_clear_object (&self->client);
  set_sites (self, NULL);
  set_current_site (self, NULL);
  set_string (self, &self->account_id, NULL, PROP_ACCOUNT_ID);
  set_string (self, &self->account_name, NULL, PROP_ACCOUNT_NAME);
  set_state (self, TOCSIN_AUTH_STATE_SIGNED_OUT);

  if (client_id == NULL || *client_id == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_token_store_clear_async (auth_server, client_id, cancellable,
                                  on_sign_out_cleared_cb, g_steal_pointer (&task));
}

gboolean
tocsin_auth_session_sign_out_finish (TocsinAuthSession  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Client secret entered by the user */

static void
on_client_secret_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_save_client_secret_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tocsin_auth_session_set_client_secret_async:
 * @client_secret: (nullable): the secret of the configured client id; %NULL
 *   or "" deletes it
 *
 * Keeps the user's client secret in the keyring (never in GSettings), for
 * the currently configured authorization server and client id.
 */
void
tocsin_auth_session_set_client_secret_async (TocsinAuthSession   *self,
                                             const char          *client_secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *auth_server = NULL;
  const char *client_id;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_set_client_secret_async);

  client_id = tocsin_config_get_client_id (self->config);
  if (client_id == NULL || *client_id == '\0')
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_CLIENT,
                               _("Enter the client ID of your Atlassian app before its secret."));
      return;
    }

  auth_server = strip_slashes (tocsin_config_get_auth_base_url (self->config));
  tocsin_token_store_save_client_secret_async (auth_server, client_id, client_secret, cancellable,
                                               on_client_secret_saved_cb, g_steal_pointer (&task));
}

gboolean
tocsin_auth_session_set_client_secret_finish (TocsinAuthSession  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
