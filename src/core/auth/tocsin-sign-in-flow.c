/* tocsin-sign-in-flow.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-auth-callback.h"
#include "tocsin-auth-error.h"
#include "tocsin-auth-request.h"
#include "tocsin-callback-server.h"
#include "tocsin-client-secret.h"
#include "tocsin-sign-in-flow.h"
#include "tocsin-site.h"
#include "tocsin-token-store.h"

/* One browser sign-in, start to end: the authorization request (with PKCE
 * unless the server is known to refuse it), the loopback callback server or
 * a custom-scheme callback handed in, the browser launch, the code exchange
 * (asked once more without PKCE when the token endpoint refuses the
 * verifier), the site list, the account, and the tokens in the keyring. It
 * ends once, with success or an error; TocsinAuthSession then takes the
 * result over. A keyring write that lands after the flow ended is reported
 * by ::stale-tokens-stored, for the owner to undo. */

/* A keyring that may show an unlock prompt leaves the user time to type the
 * password; one that never answers ends the sign-in. */
#define STORE_TIMEOUT_SECONDS 120

typedef enum
{
  FLOW_WAITING,     /* for the browser's callback */
  FLOW_EXCHANGING,  /* code received: token endpoint, sites, keyring */
} FlowPhase;

struct _TocsinSignInFlow
{
  GObject                parent_instance;

  /* Fixed at construction. */
  SoupSession           *http;
  char                  *auth_server;
  char                  *api_base;
  char                  *client_id;
  TocsinSignInFlowFlags  flags;
  TocsinAuthRequest     *request;      /* replaced by the retry without PKCE */

  /* While it runs. */
  GTask                 *task;         /* until it ends; holds the flow */
  FlowPhase              phase;
  gboolean               done;
  gboolean               pkce_retried;
  GCancellable          *cancellable;  /* ours, cancelled when the flow ends */
  GCancellable          *user_cancellable;
  gulong                 user_cancelled_id;
  GAppLaunchContext     *launch_context;
  char                  *client_secret;
  TocsinCallbackServer  *server;
  guint                  timeout_id;
  char                  *notified_uri; /* the authorize-uri last notified */

  /* What it brings. */
  TocsinOAuthClient     *client;
  TocsinTokenSet        *tokens;
  GPtrArray             *sites;
  char                  *account_id;
  char                  *account_name;
};

G_DEFINE_FINAL_TYPE (TocsinSignInFlow, tocsin_sign_in_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTHORIZE_URI,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  BROWSER_FAILED,
  CALLBACK_REJECTED,
  STALE_TOKENS_STORED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void flow_retry_without_pkce (TocsinSignInFlow *self);

/* Auxiliary methods */

static void
notify_authorize_uri (TocsinSignInFlow *self)
{
  const char *uri = tocsin_sign_in_flow_get_authorize_uri (self);

  if (g_strcmp0 (uri, self->notified_uri) == 0)
    return;

  g_free (self->notified_uri);
  self->notified_uri = g_strdup (uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URI]);
}

/* Ends the flow once, with @error or success. Takes @error. */
static void
flow_finish (TocsinSignInFlow *self,
             GError           *error)
{
  g_autoptr(GTask) task = NULL;

  if (self->done)
    {
      g_clear_error (&error);
      return;
    }

  self->done = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->user_cancelled_id != 0)
    {
      g_cancellable_disconnect (self->user_cancellable, self->user_cancelled_id);
      self->user_cancelled_id = 0;
    }
  g_cancellable_cancel (self->cancellable);
  if (self->server != NULL)
    tocsin_callback_server_stop (self->server);

  notify_authorize_uri (self);

  task = g_steal_pointer (&self->task);
  if (error != NULL)
    {
      g_debug ("Sign-in failed: %s", error->message);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_boolean (task, TRUE);
    }
}

/* Callbacks */

static void
on_tokens_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_save_finish (result, &error))
    {
      flow_finish (self, g_steal_pointer (&error));
      return;
    }

  if (self->done)
    {
      /* Cancelled (or timed out) while the write was on its way. */
      g_signal_emit (self, signals[STALE_TOKENS_STORED], 0);
      return;
    }

  /* Only a sign-in without PKCE that worked says the server needs that. */
  if (self->pkce_retried)
    tocsin_auth_request_remember_pkce_refused (self->auth_server);

  flow_finish (self, NULL);
}

/* A keyring that never answers (a prompt nobody sees, a portal that hangs)
 * must not leave the sign-in waiting for ever; a late answer is undone. */
static gboolean
on_store_timeout_cb (gpointer user_data)
{
  TocsinSignInFlow *self = user_data;

  self->timeout_id = 0;
  flow_finish (self, g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE,
                                          _("The keyring did not answer. Unlock or restart it (for "
                                            "example by logging out and in again), then sign in again; "
                                            "Tocsin keeps its sign-in only there.")));
  return G_SOURCE_REMOVE;
}

static void
flow_store (TocsinSignInFlow *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (STORE_TIMEOUT_SECONDS, on_store_timeout_cb, self);
  tocsin_token_store_save_async (self->auth_server, self->client_id, self->account_id, self->tokens,
                                 self->cancellable, on_tokens_saved_cb, g_object_ref (self));
}

static void
on_myself_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *account = NULL;

  account = tocsin_oauth_client_get_myself_finish (TOCSIN_OAUTH_CLIENT (object), result, &name, &error);
  if (self->done)
    return;

  if (account == NULL)
    /* Without read:jira-user the account id is unknown; signing in still works. */
    g_debug ("Account id not available: %s", error->message);

  self->account_id = account != NULL ? g_steal_pointer (&account)
                                     : g_strdup (TOCSIN_TOKEN_STORE_UNKNOWN_ACCOUNT);
  self->account_name = g_steal_pointer (&name);
  flow_store (self);
}

static void
on_sites_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;

  sites = tocsin_oauth_client_get_sites_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);
  if (self->done)
    return;

  if (sites == NULL)
    {
      flow_finish (self, g_steal_pointer (&error));
    }
  else if (sites->len == 0)
    {
      flow_finish (self, g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_SITES,
                                              _("None of the sites you granted access to allows "
                                                "reading Jira Service Management Operations alerts. "
                                                "Sign in again and grant access to a site that uses "
                                                "Operations.")));
    }
  else
    {
      self->sites = g_steal_pointer (&sites);
      tocsin_oauth_client_get_myself_async (self->client, self->tokens->access_token,
                                            tocsin_site_get_id (g_ptr_array_index (self->sites, 0)),
                                            self->cancellable, on_myself_cb, g_object_ref (self));
    }
}

static void
on_exchanged_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  TocsinTokenSet *tokens;

  tokens = tocsin_oauth_client_exchange_code_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);
  if (self->done)
    {
      g_clear_pointer (&tokens, tocsin_token_set_free);
      return;
    }

  if (tokens == NULL && !self->pkce_retried &&
      g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_PKCE_REJECTED) &&
      tocsin_auth_request_get_code_verifier (self->request) != NULL)
    {
      flow_retry_without_pkce (self);
      return;
    }

  if (tokens == NULL)
    {
      /* invalid_grant here is about the code, not a dead sign-in. */
      if (g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH))
        error->code = TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED;
      flow_finish (self, g_steal_pointer (&error));
      return;
    }

  self->tokens = tokens;
  tocsin_oauth_client_get_sites_async (self->client, tokens->access_token, self->cancellable,
                                       on_sites_cb, g_object_ref (self));
}

/* The callback was accepted (@code, wiped here) or ended the flow (@error). */
static void
flow_on_callback (TocsinSignInFlow *self,
                  char             *code,
                  GError           *error)
{
  if (self->done || self->phase != FLOW_WAITING)
    {
      tocsin_client_secret_free (code);
      g_clear_error (&error);
      return;
    }

  self->phase = FLOW_EXCHANGING;
  /* The callback came: nothing more to listen for. */
  if (self->server != NULL)
    tocsin_callback_server_stop (self->server);
  notify_authorize_uri (self);

  if (error != NULL)
    {
      tocsin_client_secret_free (code);
      flow_finish (self, error);
      return;
    }

  tocsin_oauth_client_exchange_code_async (self->client, code,
                                           tocsin_auth_request_get_redirect_uri (self->request),
                                           tocsin_auth_request_get_code_verifier (self->request),
                                           self->cancellable, on_exchanged_cb, g_object_ref (self));
  tocsin_client_secret_free (code);
}

static void
on_server_wait_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  GError *error = NULL;
  char *code;

  code = tocsin_callback_server_wait_finish (TOCSIN_CALLBACK_SERVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The flow ended some other way. */
      g_clear_error (&error);
      return;
    }

  flow_on_callback (self, code, error);
}

static void
on_server_rejected_cb (TocsinCallbackServer *server,
                       const GError         *error,
                       TocsinSignInFlow     *self)
{
  g_signal_emit (self, signals[CALLBACK_REJECTED], 0, error);
}

static gboolean
on_flow_timeout_cb (gpointer user_data)
{
  TocsinSignInFlow *self = user_data;

  self->timeout_id = 0;
  if (self->phase == FLOW_WAITING)
    flow_finish (self, g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_EXPIRED,
                                            _("The sign-in took longer than 10 minutes and has "
                                              "expired. Sign in again.")));
  return G_SOURCE_REMOVE;
}

static void
on_browser_launched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) browser_error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || self->done)
    return;

  browser_error = g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_BROWSER_FAILED,
                               _("Tocsin could not open a web browser (%s). Copy the sign-in link, open it "
                                 "in a browser, and after you choose Accept paste the address the browser "
                                 "shows here."),
                               error->message);
  g_signal_emit (self, signals[BROWSER_FAILED], 0, browser_error);
}

static gboolean
on_user_cancel_idle_cb (gpointer user_data)
{
  TocsinSignInFlow *self = user_data;

  tocsin_sign_in_flow_cancel (self);
  return G_SOURCE_REMOVE;
}

static void
on_user_cancelled_cb (GCancellable     *cancellable,
                      TocsinSignInFlow *self)
{
  /* Not from within the handler: disconnecting there would deadlock. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_user_cancel_idle_cb,
                   g_object_ref (self), g_object_unref);
}

/* Waits for the callback of self->request (on the loopback server when the
 * callback URL is one) and opens the browser. */
static gboolean
flow_listen (TocsinSignInFlow  *self,
             GError           **error)
{
  if (tocsin_callback_server_handles_uri (tocsin_auth_request_get_redirect_uri (self->request)))
    {
      if (self->server != NULL)
        tocsin_callback_server_stop (self->server);
      g_clear_object (&self->server);
      self->server = tocsin_callback_server_new (self->request);
      g_signal_connect_object (self->server, "rejected",
                               G_CALLBACK (on_server_rejected_cb), self, 0);
      if (!tocsin_callback_server_start (self->server, error))
        return FALSE;
      tocsin_callback_server_wait_async (self->server, self->cancellable, on_server_wait_cb,
                                         g_object_ref (self));
    }

  self->phase = FLOW_WAITING;
  notify_authorize_uri (self);

  if (!(self->flags & TOCSIN_SIGN_IN_FLOW_NO_BROWSER))
    g_app_info_launch_default_for_uri_async (tocsin_auth_request_get_uri (self->request),
                                             self->launch_context, self->cancellable,
                                             on_browser_launched_cb, g_object_ref (self));
  return TRUE;
}

/* The token endpoint refused the PKCE verifier: once per sign-in, the user
 * is asked again with a request without PKCE. */
static void
flow_retry_without_pkce (TocsinSignInFlow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = NULL;

  g_debug ("The sign-in server refused PKCE; asking once more without it");
  self->pkce_retried = TRUE;
  request = tocsin_auth_request_new (self->auth_server, self->client_id,
                                     tocsin_auth_request_get_redirect_uri (self->request),
                                     NULL, FALSE, &error);
  if (request == NULL)
    {
      flow_finish (self, g_steal_pointer (&error));
      return;
    }

  g_set_object (&self->request, request);
  if (!flow_listen (self, &error))
    flow_finish (self, g_steal_pointer (&error));
}

static void
on_client_secret_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TocsinSignInFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = tocsin_client_secret_load_finish (result, &error);
  if (self->done)
    {
      tocsin_client_secret_free (secret);
      return;
    }

  if (error != NULL)
    {
      flow_finish (self, g_steal_pointer (&error));
      return;
    }

  if (secret == NULL)
    {
      const char *redirect_uri = tocsin_auth_request_get_redirect_uri (self->request);

      flow_finish (self, tocsin_client_secret_missing_error (redirect_uri));
      return;
    }

  self->client_secret = secret;
  self->client = tocsin_oauth_client_new (self->http, self->auth_server, self->api_base,
                                          self->client_id, self->client_secret);

  if (!flow_listen (self, &error))
    {
      flow_finish (self, g_steal_pointer (&error));
      return;
    }
  self->timeout_id = g_timeout_add_seconds (TOCSIN_AUTH_FLOW_LIFETIME_SECONDS,
                                            on_flow_timeout_cb, self);
}

/* GObject overrides */

static void
tocsin_sign_in_flow_dispose (GObject *object)
{
  TocsinSignInFlow *self = (TocsinSignInFlow *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->user_cancelled_id != 0)
    g_cancellable_disconnect (self->user_cancellable, self->user_cancelled_id);
  self->user_cancelled_id = 0;
  if (self->server != NULL)
    tocsin_callback_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->user_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->launch_context);
  g_clear_object (&self->request);
  g_clear_object (&self->client);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (tocsin_sign_in_flow_parent_class)->dispose (object);
}

static void
tocsin_sign_in_flow_finalize (GObject *object)
{
  TocsinSignInFlow *self = (TocsinSignInFlow *)object;

  g_clear_pointer (&self->auth_server, g_free);
  g_clear_pointer (&self->api_base, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, tocsin_client_secret_free);
  g_clear_pointer (&self->notified_uri, g_free);
  g_clear_pointer (&self->tokens, tocsin_token_set_free);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);

  G_OBJECT_CLASS (tocsin_sign_in_flow_parent_class)->finalize (object);
}

static void
tocsin_sign_in_flow_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TocsinSignInFlow *self = TOCSIN_SIGN_IN_FLOW (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZE_URI:
      g_value_set_string (value, tocsin_sign_in_flow_get_authorize_uri (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_sign_in_flow_class_init (TocsinSignInFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_sign_in_flow_dispose;
  object_class->finalize = tocsin_sign_in_flow_finalize;
  object_class->get_property = tocsin_sign_in_flow_get_property;

  /**
   * TocsinSignInFlow:authorize-uri:
   *
   * The sign-in link while the flow waits for its callback, else %NULL.
   */
  properties[PROP_AUTHORIZE_URI] =
    g_param_spec_string ("authorize-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TocsinSignInFlow::browser-failed:
   * @error: a %TOCSIN_AUTH_ERROR_BROWSER_FAILED error to show
   *
   * The browser could not be opened; the flow keeps waiting for a pasted URL.
   */
  signals[BROWSER_FAILED] =
    g_signal_new ("browser-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * TocsinSignInFlow::callback-rejected:
   * @error: why (usually %TOCSIN_AUTH_ERROR_INVALID_STATE)
   *
   * The loopback server got a callback that does not belong to this flow.
   */
  signals[CALLBACK_REJECTED] =
    g_signal_new ("callback-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * TocsinSignInFlow::stale-tokens-stored:
   *
   * The flow had ended when its keyring write went through after all: the
   * tokens under its server and client id may have replaced newer ones.
   */
  signals[STALE_TOKENS_STORED] =
    g_signal_new ("stale-tokens-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tocsin_sign_in_flow_init (TocsinSignInFlow *self)
{
  self->phase = FLOW_WAITING;
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * tocsin_sign_in_flow_new:
 * @http: the session the OAuth requests go through
 * @auth_server: the authorization server, validated, without trailing slash
 * @api_base: the API base, validated, without trailing slash
 * @redirect_uri: the callback URL: a loopback http URL or a custom scheme
 *
 * Builds the authorization request. Fails when the callback URL or the
 * client id cannot sign in.
 *
 * Returns: (transfer full) (nullable): the flow, to run once
 */
TocsinSignInFlow *
tocsin_sign_in_flow_new (SoupSession            *http,
                         const char             *auth_server,
                         const char             *api_base,
                         const char             *client_id,
                         const char             *redirect_uri,
                         TocsinSignInFlowFlags   flags,
                         GError                **error)
{
  g_autoptr(TocsinSignInFlow) self = NULL;
  gboolean use_pkce;

  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);
  g_return_val_if_fail (auth_server != NULL && api_base != NULL && redirect_uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!tocsin_callback_server_handles_uri (redirect_uri) && !tocsin_auth_callback_is_custom_scheme (redirect_uri))
    {
      g_set_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_ENDPOINT,
                   _("The “Callback URL” setting (%s) must be a local address such as "
                     "http://localhost:8976/callback or a tocsin:// address, and match "
                     "the callback URL of your app in the Atlassian developer console."),
                   redirect_uri);
      return NULL;
    }

  if (client_id == NULL || *client_id == '\0')
    {
      g_propagate_error (error, tocsin_client_secret_missing_error (redirect_uri));
      return NULL;
    }

  self = g_object_new (TOCSIN_TYPE_SIGN_IN_FLOW, NULL);
  self->http = g_object_ref (http);
  self->auth_server = g_strdup (auth_server);
  self->api_base = g_strdup (api_base);
  self->client_id = g_strdup (client_id);
  self->flags = flags;

  use_pkce = !(flags & TOCSIN_SIGN_IN_FLOW_NO_PKCE) &&
             !tocsin_auth_request_server_refuses_pkce (auth_server);
  self->request = tocsin_auth_request_new (auth_server, client_id, redirect_uri, NULL,
                                           use_pkce, error);
  if (self->request == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tocsin_sign_in_flow_run_async:
 * @launch_context: (nullable): for the browser launch
 * @cancellable: (nullable): ends the flow like tocsin_sign_in_flow_cancel()
 *
 * Runs the flow; it completes once the tokens are in the keyring, or with
 * the error that ended it.
 */
void
tocsin_sign_in_flow_run_async (TocsinSignInFlow    *self,
                               GAppLaunchContext   *launch_context,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self));
  g_return_if_fail (launch_context == NULL || G_IS_APP_LAUNCH_CONTEXT (launch_context));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL && !self->done);

  /* Not bound to @cancellable: its cancellation ends the flow through
   * flow_finish() like any other end. */
  self->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->task, tocsin_sign_in_flow_run_async);
  g_set_object (&self->launch_context, launch_context);

  if (cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (cancellable);
      self->user_cancelled_id = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (on_user_cancelled_cb),
                                                       self, NULL);
    }

  tocsin_client_secret_load_async (self->auth_server, self->client_id, self->cancellable,
                                   on_client_secret_cb, g_object_ref (self));
}

gboolean
tocsin_sign_in_flow_run_finish (TocsinSignInFlow  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Ends a running flow with G_IO_ERROR_CANCELLED; nothing once it ended. */
void
tocsin_sign_in_flow_cancel (TocsinSignInFlow *self)
{
  g_return_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self));

  if (self->task != NULL)
    flow_finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("Signing in was cancelled.")));
}

/**
 * tocsin_sign_in_flow_get_authorize_uri:
 *
 * Returns: (nullable): the sign-in link while the flow waits for its
 *   callback, for the "copy link" button; %NULL otherwise
 */
const char *
tocsin_sign_in_flow_get_authorize_uri (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);

  if (self->done || self->phase != FLOW_WAITING || self->client == NULL)
    return NULL;

  return tocsin_auth_request_get_uri (self->request);
}

/* Whether @uri is addressed to the callback URL of a flow that waits for it
 * (it may still be refused, e.g. for its state). */
gboolean
tocsin_sign_in_flow_claims_uri (TocsinSignInFlow *self,
                                const char       *uri)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  return !self->done && self->phase == FLOW_WAITING &&
         tocsin_auth_callback_matches_redirect (uri, tocsin_auth_request_get_redirect_uri (self->request));
}

/**
 * tocsin_sign_in_flow_submit_callback_uri:
 * @uri: the callback address, pasted or handed to the application
 *
 * %TRUE means the flow took @uri and goes on (its outcome, including a
 * refusal, is the flow's result). %FALSE with an error means @uri was not
 * accepted (not waiting, or another sign-in's state) and the flow keeps
 * waiting.
 */
gboolean
tocsin_sign_in_flow_submit_callback_uri (TocsinSignInFlow  *self,
                                         const char        *uri,
                                         GError           **error)
{
  GError *local_error = NULL;
  char *code;

  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (tocsin_sign_in_flow_get_authorize_uri (self) == NULL)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("No sign-in is waiting for this address. Start signing in again."));
      return FALSE;
    }

  code = tocsin_auth_request_check_callback (self->request, uri, &local_error);
  if (g_error_matches (local_error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  flow_on_callback (self, code, local_error);
  return TRUE;
}

const char *
tocsin_sign_in_flow_get_auth_server (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->auth_server;
}

const char *
tocsin_sign_in_flow_get_api_base (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->api_base;
}

const char *
tocsin_sign_in_flow_get_client_id (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->client_id;
}

/* Returns: (transfer none) (nullable): the client with the flow's secret */
TocsinOAuthClient *
tocsin_sign_in_flow_get_client (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->client;
}

/* Returns: (transfer full) (nullable): the stored tokens, once */
TocsinTokenSet *
tocsin_sign_in_flow_steal_tokens (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return g_steal_pointer (&self->tokens);
}

/* Returns: (transfer none) (nullable) (element-type TocsinSite): the sites
 *   that granted the Operations scopes, in the server's order */
GPtrArray *
tocsin_sign_in_flow_get_sites (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->sites;
}

/* The Atlassian account id, %TOCSIN_TOKEN_STORE_UNKNOWN_ACCOUNT when it could
 * not be read. */
const char *
tocsin_sign_in_flow_get_account_id (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->account_id;
}

const char *
tocsin_sign_in_flow_get_account_name (TocsinSignInFlow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SIGN_IN_FLOW (self), NULL);
  return self->account_name;
}
