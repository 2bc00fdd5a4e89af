/* tocsin-auth-session.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tocsin-auth-session-private.h"
#include "tocsin-client-secret.h"
#include "tocsin-endpoint.h"
#include "tocsin-token-store.h"

/* The one place that owns tokens. It runs the browser sign-in through a
 * TocsinSignInFlow and takes its result over, restores the sign-in from the
 * keyring at startup, signs out, and keeps the account, its sites and the
 * site choice (in the per-account TocsinAccountState, never tokens). Handing
 * out and refreshing access tokens (TocsinTokenProvider) is in
 * tocsin-auth-session-refresh.c. */

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinAuthSession, tocsin_auth_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOCSIN_TYPE_TOKEN_PROVIDER,
                                                      _tocsin_auth_session_token_provider_init))

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

char *
_tocsin_auth_session_strip_slashes (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
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

void
_tocsin_auth_session_set_account_name (TocsinAuthSession *self,
                                       const char        *account_name)
{
  set_string (self, &self->account_name, account_name, PROP_ACCOUNT_NAME);
}

void
_tocsin_auth_session_set_current_site (TocsinAuthSession *self,
                                       TocsinSite        *site)
{
  if (g_set_object (&self->current_site, site))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SITE]);
}

void
_tocsin_auth_session_set_sites (TocsinAuthSession *self,
                                GPtrArray         *sites)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->sites));

  g_list_store_splice (self->sites, 0, n_old,
                       sites != NULL ? sites->pdata : NULL,
                       sites != NULL ? sites->len : 0);
}

/* What the tokens are bound to, from a sign-in or the keyring. */
void
_tocsin_auth_session_bind_endpoints (TocsinAuthSession *self,
                                     const char        *auth_server,
                                     const char        *api_base,
                                     const char        *client_id)
{
  g_free (self->auth_server);
  self->auth_server = g_strdup (auth_server);
  g_free (self->api_base);
  self->api_base = g_strdup (api_base);
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
}

/* The account state follows the account, before anyone hears of it. */
void
_tocsin_auth_session_set_account_id (TocsinAuthSession *self,
                                     const char        *account_id)
{
  g_clear_object (&self->account_state);
  if (account_id != NULL && self->auth_server != NULL && self->client_id != NULL)
    self->account_state = tocsin_account_state_new (self->auth_server, self->client_id, account_id);
  set_string (self, &self->account_id, account_id, PROP_ACCOUNT_ID);
}

TocsinSite *
_tocsin_auth_session_pick_site (GPtrArray  *sites,
                                const char *remembered_id)
{
  if (sites == NULL || sites->len == 0)
    return NULL;

  for (guint i = 0; remembered_id != NULL && i < sites->len; i++)
    if (g_str_equal (tocsin_site_get_id (g_ptr_array_index (sites, i)), remembered_id))
      return g_ptr_array_index (sites, i);

  return g_ptr_array_index (sites, 0);
}

gboolean
_tocsin_auth_session_validate_endpoints (const char  *auth_server,
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

void
_tocsin_auth_session_set_state (TocsinAuthSession *self,
                                TocsinAuthState    state)
{
  if (self->state == state)
    return;

  g_debug ("Auth state %d -> %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_tocsin_auth_session_set_keyring_unsaved (TocsinAuthSession *self,
                                          gboolean           unsaved)
{
  if (self->keyring_unsaved == unsaved)
    return;

  self->keyring_unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_UNSAVED]);
}

/* Sign-in */

/* Stored: the session takes the new sign-in over. */
static void
sign_in_take_over (TocsinAuthSession *self,
                   TocsinSignInFlow  *flow)
{
  GPtrArray *sites = tocsin_sign_in_flow_get_sites (flow);
  g_autoptr(TocsinSite) remembered = NULL;
  TocsinSite *site;

  _tocsin_auth_session_new_generation (self);
  g_set_object (&self->client, tocsin_sign_in_flow_get_client (flow));
  _tocsin_auth_session_bind_endpoints (self, tocsin_sign_in_flow_get_auth_server (flow),
                                       tocsin_sign_in_flow_get_api_base (flow),
                                       tocsin_sign_in_flow_get_client_id (flow));
  g_clear_pointer (&self->tokens, tocsin_token_set_free);
  self->tokens = tocsin_sign_in_flow_steal_tokens (flow);

  _tocsin_auth_session_set_account_id (self, tocsin_sign_in_flow_get_account_id (flow));
  _tocsin_auth_session_set_account_name (self, tocsin_sign_in_flow_get_account_name (flow));

  remembered = tocsin_account_state_load_site (self->account_state);
  site = _tocsin_auth_session_pick_site (sites,
                                         remembered != NULL ? tocsin_site_get_id (remembered) : NULL);
  _tocsin_auth_session_set_sites (self, sites);
  _tocsin_auth_session_set_current_site (self, site);
  tocsin_account_state_save_site (self->account_state, site);
  tocsin_account_state_save_name (self->account_state, self->account_name);
}

/* Ends the sign-in under way once, with @error (taken) or success. The flow
 * is ended first (nothing when it ended itself), so its callback server is
 * stopped before anyone hears of the new state. */
static void
sign_in_end (TocsinAuthSession *self,
             GError            *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->sign_in_task);

  tocsin_sign_in_flow_cancel (self->flow);
  g_clear_object (&self->flow);

  if (error != NULL)
    {
      _tocsin_auth_session_set_state (self, self->sign_in_previous_state);
      g_task_return_error (task, error);
    }
  else
    {
      _tocsin_auth_session_set_state (self, TOCSIN_AUTH_STATE_SIGNED_IN);
      g_task_return_boolean (task, TRUE);
    }
}

static void
on_flow_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinSignInFlow *flow = TOCSIN_SIGN_IN_FLOW (object);
  TocsinAuthSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  tocsin_sign_in_flow_run_finish (flow, result, &error);
  if (self->sign_in_task != task)
    {
      /* Cancelled through the session, which answered already. */
      g_clear_error (&error);
      return;
    }

  if (error == NULL)
    sign_in_take_over (self, flow);
  sign_in_end (self, error);
}

/* The flow's notices count while it is the session's. */
static void
on_flow_authorize_uri_cb (TocsinSignInFlow  *flow,
                          GParamSpec        *pspec,
                          TocsinAuthSession *self)
{
  if (flow == self->flow)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URI]);
}

static void
on_flow_browser_failed_cb (TocsinSignInFlow  *flow,
                           const GError      *error,
                           TocsinAuthSession *self)
{
  if (flow == self->flow)
    g_signal_emit (self, signals[BROWSER_FAILED], 0, error);
}

static void
on_flow_callback_rejected_cb (TocsinSignInFlow  *flow,
                              const GError      *error,
                              TocsinAuthSession *self)
{
  if (flow == self->flow)
    g_signal_emit (self, signals[CALLBACK_REJECTED], 0, error);
}

static void
on_flow_stale_tokens_stored_cb (TocsinSignInFlow  *flow,
                                TocsinAuthSession *self)
{
  _tocsin_auth_session_undo_stale_write (self, tocsin_sign_in_flow_get_auth_server (flow),
                                         tocsin_sign_in_flow_get_client_id (flow));
}

/* Returns: (transfer full) (nullable): a flow for the configured endpoints */
static TocsinSignInFlow *
sign_in_flow_new (TocsinAuthSession  *self,
                  GError            **error)
{
  const char *auth_base_url = tocsin_config_get_auth_base_url (self->config);
  g_autofree char *auth_server = _tocsin_auth_session_strip_slashes (auth_base_url);
  g_autofree char *api_base = NULL;
  TocsinSignInFlowFlags flags = TOCSIN_SIGN_IN_FLOW_DEFAULT;
  TocsinSignInFlow *flow;

  api_base = _tocsin_auth_session_strip_slashes (tocsin_config_get_api_base_url (self->config));
  if (!_tocsin_auth_session_validate_endpoints (auth_server, api_base, error))
    return NULL;

  if (!self->use_pkce)
    flags |= TOCSIN_SIGN_IN_FLOW_NO_PKCE;
  if (!self->launch_browser)
    flags |= TOCSIN_SIGN_IN_FLOW_NO_BROWSER;
  flow = tocsin_sign_in_flow_new (self->http, auth_server, api_base,
                                  tocsin_config_get_client_id (self->config),
                                  tocsin_config_get_redirect_uri (self->config), flags, error);
  if (flow == NULL)
    return NULL;

  g_signal_connect_object (flow, "notify::authorize-uri",
                           G_CALLBACK (on_flow_authorize_uri_cb), self, 0);
  g_signal_connect_object (flow, "browser-failed",
                           G_CALLBACK (on_flow_browser_failed_cb), self, 0);
  g_signal_connect_object (flow, "callback-rejected",
                           G_CALLBACK (on_flow_callback_rejected_cb), self, 0);
  g_signal_connect_object (flow, "stale-tokens-stored",
                           G_CALLBACK (on_flow_stale_tokens_stored_cb), self, 0);
  return flow;
}

/* GObject overrides */

static void
tocsin_auth_session_dispose (GObject *object)
{
  TocsinAuthSession *self = (TocsinAuthSession *)object;

  _tocsin_auth_session_save_abandon (self);
  g_clear_object (&self->config);
  g_clear_object (&self->account_state);
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

  g_clear_pointer (&self->tokens, tocsin_token_set_free);
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
  tocsin_client_secret_claim_environment ();
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
  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));
  g_return_if_fail (site == NULL || TOCSIN_IS_SITE (site));

  if (self->current_site == site)
    return;

  _tocsin_auth_session_set_current_site (self, site);

  if (site != NULL && self->account_state != NULL)
    tocsin_account_state_save_site (self->account_state, site);
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

  return self->flow != NULL ? tocsin_sign_in_flow_get_authorize_uri (self->flow) : NULL;
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

  if (self->account_state == NULL)
    return NULL;

  return g_strdup (tocsin_account_state_get_path (self->account_state));
}

/**
 * tocsin_auth_session_get_account_state:
 *
 * The non-secret state of the signed-in account: the site choice, the
 * display name and where the announced alerts are kept. Signing out deletes
 * it; a new account gets a new one.
 *
 * Returns: (transfer none) (nullable): the state, %NULL without an account
 */
TocsinAccountState *
tocsin_auth_session_get_account_state (TocsinAuthSession *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), NULL);
  return self->account_state;
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

  self->flow = sign_in_flow_new (self, &error);
  if (self->flow == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The flow lives as long as the result, as the callback server's last
   * page may still be on its way when the sign-in ends. */
  g_task_set_task_data (task, g_object_ref (self->flow), g_object_unref);
  self->sign_in_task = g_object_ref (task);
  self->sign_in_previous_state = self->state;
  _tocsin_auth_session_set_state (self, TOCSIN_AUTH_STATE_SIGNING_IN);
  tocsin_sign_in_flow_run_async (self->flow, launch_context, cancellable,
                                 on_flow_done_cb, g_steal_pointer (&task));
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
    sign_in_end (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
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
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->flow == NULL)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("No sign-in is waiting for this address. Start signing in again."));
      return FALSE;
    }

  return tocsin_sign_in_flow_submit_callback_uri (self->flow, uri, error);
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

  if (self->flow == NULL || !tocsin_sign_in_flow_claims_uri (self->flow, uri))
    return FALSE;

  if (!tocsin_auth_session_submit_callback_uri (self, uri, &error))
    g_signal_emit (self, signals[CALLBACK_REJECTED], 0, error);

  return TRUE;
}
