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
#include "tocsin-json-depth.h"
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
      !tocsin_json_check_depth (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Maps a token endpoint answer other than a token to an error the UI can act
 * on. Branches on the OAuth `error` code, not the status. */
static GError *
token_error (Grant       grant,
             guint       status,
             JsonObject *object)
{
  const char *code = member_string (object, "error");

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
  JsonNode *expires_in;

  object_ = parse_object (body);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || member_string (object_, "access_token") == NULL)
    {
      g_propagate_error (error, token_error (grant, status, object_));
      return NULL;
    }

  tokens = tocsin_token_set_new ();
  tokens->access_token = g_strdup (member_string (object_, "access_token"));
  tokens->refresh_token = g_strdup (member_string (object_, "refresh_token"));
  tokens->scope = g_strdup (member_string (object_, "scope"));
  expires_in = json_object_get_member (object_, "expires_in");
  if (expires_in != NULL && JSON_NODE_HOLDS_VALUE (expires_in) &&
      json_node_get_value_type (expires_in) == G_TYPE_INT64)
    tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC +
                         CLAMP (json_node_get_int (expires_in), 0, MAX_EXPIRES_IN);

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
  sites = tocsin_site_list_from_json (data != NULL ? data : "", len, TRUE, &error);
  if (sites == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, sites, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * tocsin_oauth_client_get_sites_async:
 *
 * GET {api}/oauth/token/accessible-resources, keeping the sites that granted
 * the Operations scopes.
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
  const char *account_id;

  bytes = finish_api_get (SOUP_SESSION (object), g_task_get_task_data (task), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object_ = parse_object (bytes);
  account_id = member_string (object_, "accountId");
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
    *display_name = g_strdup (member_string (object, "displayName"));

  return g_strdup (member_string (object, "accountId"));
}
