/* tocsin-oauth-client.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tocsin-api-error.h"
#include "tocsin-auth-error.h"
#include "tocsin-http.h"
#include "tocsin-json-utf8.h"
#include "tocsin-oauth-client.h"
#include "tocsin-site.h"

/* Token, sites and myself answers are a few KiB. */
#define MAX_RESPONSE_SIZE (1024 * 1024)

/* Longer than any access token lives; keeps expires_at arithmetic in range. */
#define MAX_EXPIRES_IN (365 * 24 * 3600)

/* The HTTP side of signing in: the token endpoint (both grants), the list of
 * accessible sites and the user's account id. OAuth errors are mapped here,
 * on the `error` code rather than the HTTP status, as Atlassian advises. */

struct _TocsinOAuthClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *auth_base_url;
  char        *api_base_url;
  char        *client_id;
  char        *client_secret;
};

G_DEFINE_FINAL_TYPE (TocsinOAuthClient, tocsin_oauth_client, G_TYPE_OBJECT)

typedef enum
{
  GRANT_AUTHORIZATION_CODE,
  GRANT_REFRESH_TOKEN,
} Grant;

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
tocsin_oauth_client_finalize (GObject *object)
{
  TocsinOAuthClient *self = (TocsinOAuthClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->auth_base_url, g_free);
  g_clear_pointer (&self->api_base_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  if (self->client_secret != NULL)
    explicit_bzero (self->client_secret, strlen (self->client_secret));
  g_clear_pointer (&self->client_secret, g_free);

  G_OBJECT_CLASS (tocsin_oauth_client_parent_class)->finalize (object);
}

static void
tocsin_oauth_client_class_init (TocsinOAuthClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_oauth_client_finalize;
}

static void
tocsin_oauth_client_init (TocsinOAuthClient *self)
{
}

/**
 * tocsin_oauth_client_new:
 * @session: (nullable): the session to send with, or %NULL for a new one
 * @auth_base_url: e.g. "https://auth.atlassian.com" (validated by the caller)
 * @api_base_url: e.g. "https://api.atlassian.com" (validated by the caller)
 */
TocsinOAuthClient *
tocsin_oauth_client_new (SoupSession *session,
                         const char  *auth_base_url,
                         const char  *api_base_url,
                         const char  *client_id,
                         const char  *client_secret)
{
  TocsinOAuthClient *self;

  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (auth_base_url != NULL, NULL);
  g_return_val_if_fail (api_base_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_OAUTH_CLIENT, NULL);
  self->session = session != NULL ? g_object_ref (session) : soup_session_new ();
  self->auth_base_url = strip_slashes (auth_base_url);
  self->api_base_url = strip_slashes (api_base_url);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);

  return self;
}

static GError *
network_error (const GError *error)
{
  /* The reader's refusals (a redirect, a huge answer) say what to do already. */
  if (error->domain == TOCSIN_API_ERROR)
    return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER, error->message);

  return g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NETWORK,
                      _("Could not reach the Atlassian servers (%s). Check your network "
                        "connection and try again."),
                      error->message);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
  JsonNode *root;

  if (data == NULL || len == 0 ||
      !tocsin_json_load (parser, data, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* Maps a token endpoint answer other than a token to an error the UI can act
 * on. Branches on the OAuth `error` code, not the status. */
static GError *
token_error (Grant       grant,
             guint       status,
             JsonObject *object)
{
  g_autofree char *code = tocsin_json_dup_string (object, "error");
  g_autofree char *description = tocsin_json_dup_string (object, "error_description");
  g_autofree char *lower = description != NULL ? g_utf8_strdown (description, -1) : NULL;

  /* Atlassian does not document PKCE for 3LO: a server that does not know
   * it may refuse the verifier (invalid_request) or fail to check it
   * (invalid_grant); the session then signs in once without it. */
  if (grant == GRANT_AUTHORIZATION_CODE && lower != NULL &&
      (g_strcmp0 (code, "invalid_request") == 0 || g_strcmp0 (code, "invalid_grant") == 0) &&
      (strstr (lower, "verifier") != NULL || strstr (lower, "pkce") != NULL))
    return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_PKCE_REJECTED,
                                _("The sign-in server did not accept the PKCE check of this "
                                  "sign-in. Sign in again."));

  if (g_strcmp0 (code, "invalid_grant") == 0 || g_strcmp0 (code, "unauthorized_client") == 0)
    {
      if (grant == GRANT_REFRESH_TOKEN)
        return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                                    _("Your sign-in has expired or was revoked. Sign in again."));
      return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED,
                                  _("The authorization code was refused (it may have expired). "
                                    "Sign in again."));
    }

  if (g_strcmp0 (code, "access_denied") == 0 || g_strcmp0 (code, "invalid_client") == 0)
    return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_CLIENT,
                                _("Atlassian refused Tocsin’s app credentials. Check the client ID "
                                  "and client secret in Preferences against your app in the "
                                  "Atlassian developer console."));

  if (code != NULL)
    return g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER,
                        _("The sign-in server answered with an error (%s). Try again later."),
                        code);

  return g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER,
                      _("The sign-in server answered unexpectedly (HTTP %u). Try again later."),
                      status);
}

/**
 * tocsin_oauth_client_parse_token_response:
 * @status: the HTTP status of the token endpoint's answer
 * @body: (nullable): its body
 * @refresh: %TRUE for grant_type=refresh_token, %FALSE for a code exchange
 *
 * Pure: the tokens in a token endpoint answer, or the error to show for it.
 */
TocsinTokenSet *
tocsin_oauth_client_parse_token_response (guint    status,
                                          GBytes  *body,
                                          gboolean refresh,
                                          GError **error)
{
  Grant grant = refresh ? GRANT_REFRESH_TOKEN : GRANT_AUTHORIZATION_CODE;
  g_autoptr(JsonObject) object_ = NULL;
  g_autoptr(TocsinTokenSet) tokens = NULL;
  g_autofree char *access_token = NULL;
  JsonNode *expires_in;

  object_ = parse_object (body);
  access_token = tocsin_json_dup_string (object_, "access_token");

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || access_token == NULL)
    {
      g_propagate_error (error, token_error (grant, status, object_));
      return NULL;
    }

  tokens = tocsin_token_set_new ();
  tokens->access_token = g_steal_pointer (&access_token);
  tokens->refresh_token = tocsin_json_dup_string (object_, "refresh_token");
  tokens->scope = tocsin_json_dup_string (object_, "scope");
  expires_in = json_object_get_member (object_, "expires_in");
  if (expires_in != NULL && JSON_NODE_HOLDS_VALUE (expires_in) &&
      json_node_get_value_type (expires_in) == G_TYPE_INT64)
    {
      tokens->lifetime = CLAMP (json_node_get_int (expires_in), 0, MAX_EXPIRES_IN);
      tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + tokens->lifetime;
    }

  return g_steal_pointer (&tokens);
}

static void
on_token_response_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  Grant grant = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "grant"));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TocsinTokenSet *tokens;

  bytes = tocsin_http_send_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, network_error (error));
      return;
    }

  tokens = tocsin_oauth_client_parse_token_response (soup_message_get_status (message), bytes,
                                                     grant == GRANT_REFRESH_TOKEN, &error);
  if (tokens == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify)tocsin_token_set_free);
}

static void
post_token (TocsinOAuthClient   *self,
            Grant                grant,
            JsonBuilder         *builder,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GTask) task = NULL;
  char *json;
  gsize len;

  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, self->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, self->client_secret);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  body = g_bytes_new_take (json, len);

  url = g_strconcat (self->auth_base_url, "/oauth/token", NULL);
  message = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  g_object_set_data (G_OBJECT (task), "grant", GINT_TO_POINTER (grant));

  tocsin_http_send_async (self->session, message, MAX_RESPONSE_SIZE, cancellable,
                          on_token_response_cb, g_steal_pointer (&task));
}

/**
 * tocsin_oauth_client_exchange_code_async:
 * @code_verifier: (nullable): the PKCE verifier when the request used PKCE
 *
 * POST {auth}/oauth/token with grant_type=authorization_code (JSON body).
 */
void
tocsin_oauth_client_exchange_code_async (TocsinOAuthClient   *self,
                                         const char          *code,
                                         const char          *redirect_uri,
                                         const char          *code_verifier,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (TOCSIN_IS_OAUTH_CLIENT (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (redirect_uri != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "grant_type");
  json_builder_add_string_value (builder, "authorization_code");
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "redirect_uri");
  json_builder_add_string_value (builder, redirect_uri);
  if (code_verifier != NULL)
    {
      json_builder_set_member_name (builder, "code_verifier");
      json_builder_add_string_value (builder, code_verifier);
    }

  post_token (self, GRANT_AUTHORIZATION_CODE, builder, cancellable, callback, user_data,
              tocsin_oauth_client_exchange_code_async);
}

TocsinTokenSet *
tocsin_oauth_client_exchange_code_finish (TocsinOAuthClient  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tocsin_oauth_client_refresh_async:
 *
 * POST {auth}/oauth/token with grant_type=refresh_token. The result may lack
 * a refresh token; the caller then keeps the one it sent.
 */
void
tocsin_oauth_client_refresh_async (TocsinOAuthClient   *self,
                                   const char          *refresh_token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (TOCSIN_IS_OAUTH_CLIENT (self));
  g_return_if_fail (refresh_token != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "grant_type");
  json_builder_add_string_value (builder, "refresh_token");
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh_token);

  post_token (self, GRANT_REFRESH_TOKEN, builder, cancellable, callback, user_data,
              tocsin_oauth_client_refresh_async);
}

TocsinTokenSet *
tocsin_oauth_client_refresh_finish (TocsinOAuthClient  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* API GETs */

static SoupMessage *
new_api_get (TocsinOAuthClient *self,
             const char        *path,
             const char        *access_token)
{
  g_autofree char *url = g_strconcat (self->api_base_url, path, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", access_token, NULL);
  SoupMessage *message = soup_message_new (SOUP_METHOD_GET, url);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Accept", "application/json");
  explicit_bzero (bearer, strlen (bearer));

  return message;
}

static GBytes *
finish_api_get (SoupSession   *session,
                SoupMessage   *message,
                GAsyncResult  *result,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = tocsin_http_send_finish (session, result, &local_error);
  guint status;

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, network_error (local_error));
      return NULL;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                           _("Atlassian did not accept the new sign-in. Sign in again."));
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER,
                   _("The Atlassian API answered unexpectedly (HTTP %u). Try again later."),
                   status);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* Finding the sites. Atlassian's examples of accessible-resources show only
 * classic scopes, and nothing found promises that the granular Operations
 * scopes are listed there. Sites that list them are taken as they are; when
 * none does, every listed site is asked for one alert, all at once: 200
 * means usable, 403 or 404 (no Operations there) means not. */

static void
wipe_string (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

typedef struct
{
  GTask      *task;      /* the get_sites task */
  GPtrArray  *sites;     /* TocsinSite, all listed */
  gboolean   *usable;
  guint       pending;
  GError     *error;     /* the first failure that is not a verdict */
} Probe;

typedef struct
{
  Probe       *probe;
  guint        index;
  SoupMessage *message;
} ProbeCall;

static void
probe_finish (Probe *probe)
{
  GPtrArray *usable = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < probe->sites->len; i++)
    if (probe->usable[i])
      g_ptr_array_add (usable, g_object_ref (g_ptr_array_index (probe->sites, i)));

  /* No usable site because the server failed is not "no sites". */
  if (usable->len == 0 && probe->error != NULL)
    {
      g_ptr_array_unref (usable);
      g_task_return_error (probe->task, g_steal_pointer (&probe->error));
    }
  else
    g_task_return_pointer (probe->task, usable, (GDestroyNotify)g_ptr_array_unref);

  g_clear_error (&probe->error);
  g_object_unref (probe->task);
  g_ptr_array_unref (probe->sites);
  g_free (probe->usable);
  g_free (probe);
}

static void
on_probe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ProbeCall *call = user_data;
  Probe *probe = call->probe;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  status = soup_message_get_status (call->message);
  if (bytes != NULL && status == SOUP_STATUS_OK)
    probe->usable[call->index] = TRUE;
  else if (bytes != NULL && (status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_NOT_FOUND))
    g_debug ("Site %s has no Operations (HTTP %u)",
             tocsin_site_get_id (g_ptr_array_index (probe->sites, call->index)), status);
  else if (probe->error == NULL)
    {
      if (bytes == NULL)
        probe->error = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? g_steal_pointer (&error) : network_error (error);
      else
        probe->error = g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER,
                                    _("The Atlassian API answered unexpectedly (HTTP %u). Try again later."),
                                    status);
    }

  g_object_unref (call->message);
  g_free (call);

  if (--probe->pending == 0)
    probe_finish (probe);
}

/* Takes @task and @sites. */
static void
sites_pick_or_probe (GTask     *task,
                     GPtrArray *sites)
{
  TocsinOAuthClient *self = g_task_get_source_object (task);
  const char *access_token = g_object_get_data (G_OBJECT (task), "access-token");
  GPtrArray *with_scopes = g_ptr_array_new_with_free_func (g_object_unref);
  Probe *probe;

  for (guint i = 0; i < sites->len; i++)
    if (tocsin_site_has_ops_scopes (g_ptr_array_index (sites, i)))
      g_ptr_array_add (with_scopes, g_object_ref (g_ptr_array_index (sites, i)));

  if (with_scopes->len > 0 || sites->len == 0)
    {
      g_ptr_array_unref (sites);
      g_task_return_pointer (task, with_scopes, (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  g_ptr_array_unref (with_scopes);

  probe = g_new0 (Probe, 1);
  probe->task = task;
  probe->sites = sites;
  probe->usable = g_new0 (gboolean, sites->len);
  probe->pending = sites->len;

  for (guint i = 0; i < sites->len; i++)
    {
      g_autofree char *id = g_uri_escape_string (tocsin_site_get_id (g_ptr_array_index (sites, i)), NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/alerts?size=1", id);
      ProbeCall *call = g_new0 (ProbeCall, 1);

      call->probe = probe;
      call->index = i;
      call->message = new_api_get (self, path, access_token);
      /* The bearer token goes to this origin only. */
      soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
      soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT,
                                        g_task_get_cancellable (task), on_probe_cb, call);
    }
}

static void
on_sites_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *sites;
  gsize len;
  const char *data;

  bytes = finish_api_get (SOUP_SESSION (object), g_task_get_task_data (task), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (bytes, &len);
  sites = tocsin_site_list_from_json (data != NULL ? data : "", len, FALSE, &error);
  if (sites == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    sites_pick_or_probe (g_steal_pointer (&task), sites);
}

/**
 * tocsin_oauth_client_get_sites_async:
 *
 * GET {api}/oauth/token/accessible-resources, keeping the sites that granted
 * the Operations scopes; when none lists them, the listed sites whose
 * Operations API answers (see sites_pick_or_probe()).
 */
void
tocsin_oauth_client_get_sites_async (TocsinOAuthClient   *self,
                                     const char          *access_token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TOCSIN_IS_OAUTH_CLIENT (self));
  g_return_if_fail (access_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_oauth_client_get_sites_async);

  message = new_api_get (self, "/oauth/token/accessible-resources", access_token);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "access-token", g_strdup (access_token), (GDestroyNotify)wipe_string);
  tocsin_http_send_async (self->session, message, MAX_RESPONSE_SIZE, cancellable,
                          on_sites_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full) (element-type TocsinSite): the Operations sites */
GPtrArray *
tocsin_oauth_client_get_sites_finish (TocsinOAuthClient  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_myself_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) object_ = NULL;
  g_autofree char *account_id = NULL;

  bytes = finish_api_get (SOUP_SESSION (object), g_task_get_task_data (task), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object_ = parse_object (bytes);
  account_id = tocsin_json_dup_string (object_, "accountId");
  if (account_id == NULL || *account_id == '\0')
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER,
                               _("The Atlassian API did not say who is signed in."));
      return;
    }

  g_task_return_pointer (task, json_object_ref (object_), (GDestroyNotify)json_object_unref);
}

/**
 * tocsin_oauth_client_get_myself_async:
 *
 * GET {api}/ex/jira/{cloud_id}/rest/api/3/myself (scope read:jira-user).
 */
void
tocsin_oauth_client_get_myself_async (TocsinOAuthClient   *self,
                                      const char          *access_token,
                                      const char          *cloud_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TOCSIN_IS_OAUTH_CLIENT (self));
  g_return_if_fail (access_token != NULL);
  g_return_if_fail (cloud_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_oauth_client_get_myself_async);

  escaped = g_uri_escape_string (cloud_id, NULL, FALSE);
  path = g_strdup_printf ("/ex/jira/%s/rest/api/3/myself", escaped);
  message = new_api_get (self, path, access_token);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  tocsin_http_send_async (self->session, message, MAX_RESPONSE_SIZE, cancellable,
                          on_myself_cb, g_steal_pointer (&task));
}

/**
 * tocsin_oauth_client_get_myself_finish:
 * @display_name: (out) (optional): the user's display name
 *
 * Returns: (transfer full) (nullable): the Atlassian account id
 */
char *
tocsin_oauth_client_get_myself_finish (TocsinOAuthClient  *self,
                                       GAsyncResult       *result,
                                       char              **display_name,
                                       GError            **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (display_name != NULL)
    *display_name = NULL;

  object = g_task_propagate_pointer (G_TASK (result), error);
  if (object == NULL)
    return NULL;

  if (display_name != NULL)
    *display_name = tocsin_json_dup_string (object, "displayName");

  return tocsin_json_dup_string (object, "accountId");
}
