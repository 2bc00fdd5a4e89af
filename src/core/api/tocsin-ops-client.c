/* tocsin-ops-client.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-ops-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "tocsin-endpoint.h"
#include "tocsin-http.h"
#include "tocsin-json-utf8.h"
#include "tocsin-ops-client-private.h"

struct _TocsinOpsClient
{
  GObject              parent_instance;

  SoupSession         *session;
  char                *api_base_url;   /* no trailing slash */
  char                *cloud_id;
  TocsinTokenProvider *token_provider;

  gsize                max_response_size;
  guint                max_retries;
  guint                base_delay_ms;
  guint                max_delay_ms;
  guint                max_retry_after_s;
};

G_DEFINE_FINAL_TYPE (TocsinOpsClient, tocsin_ops_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_BASE_URL,
  PROP_CLOUD_ID,
  PROP_TOKEN_PROVIDER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  TocsinOpsClient   *client;
  char              *method;
  char              *url;
  GBytes            *body;
  char              *token;
  gboolean           refreshed;
  guint              attempt;
  SoupMessage       *msg;
  GBytes            *payload;
  TocsinOpsPostFunc  post_func;
  gpointer           post_data;
  GDestroyNotify     result_free;
  guint              retry_source;
  gulong             cancel_id;
} Request;

static void
request_free (Request *req)
{
  g_clear_handle_id (&req->retry_source, g_source_remove);
  g_clear_object (&req->client);
  g_free (req->method);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  if (req->token != NULL)
    memset (req->token, 0, strlen (req->token));
  g_free (req->token);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->payload, g_bytes_unref);
  g_free (req);
}

/* The same rule as everywhere else: https, or http to a loopback address. */
static gboolean
validate_base_url (const char  *url,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (url != NULL && tocsin_endpoint_validate (url, &local_error))
    return TRUE;

  g_set_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_INVALID,
               _("“%s” is not a usable API address: %s"),
               url != NULL ? url : "", local_error != NULL ? local_error->message : _("it is empty"));
  return FALSE;
}

static void
tocsin_ops_client_finalize (GObject *object)
{
  TocsinOpsClient *self = (TocsinOpsClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->api_base_url, g_free);
  g_clear_pointer (&self->cloud_id, g_free);
  g_clear_object (&self->token_provider);

  G_OBJECT_CLASS (tocsin_ops_client_parent_class)->finalize (object);
}

static void
tocsin_ops_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TocsinOpsClient *self = TOCSIN_OPS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_BASE_URL:
      g_value_set_string (value, self->api_base_url);
      break;
    case PROP_CLOUD_ID:
      g_value_set_string (value, self->cloud_id);
      break;
    case PROP_TOKEN_PROVIDER:
      g_value_set_object (value, self->token_provider);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_ops_client_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TocsinOpsClient *self = TOCSIN_OPS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          len--;
        self->api_base_url = g_strndup (url != NULL ? url : "", len);
      }
      break;
    case PROP_CLOUD_ID:
      self->cloud_id = g_value_dup_string (value);
      break;
    case PROP_TOKEN_PROVIDER:
      self->token_provider = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_ops_client_class_init (TocsinOpsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_ops_client_finalize;
  object_class->get_property = tocsin_ops_client_get_property;
  object_class->set_property = tocsin_ops_client_set_property;

  properties [PROP_API_BASE_URL] =
    g_param_spec_string ("api-base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CLOUD_ID] =
    g_param_spec_string ("cloud-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOKEN_PROVIDER] =
    g_param_spec_object ("token-provider", NULL, NULL, TOCSIN_TYPE_TOKEN_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_ops_client_init (TocsinOpsClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Tocsin/%s ", PACKAGE_VERSION);

  self->session = soup_session_new ();
  soup_session_set_timeout (self->session, 30);
  soup_session_set_idle_timeout (self->session, 60);
  soup_session_set_user_agent (self->session, user_agent);
  self->max_response_size = TOCSIN_OPS_DEFAULT_MAX_RESPONSE_SIZE;
  self->max_retries = 3;
  self->base_delay_ms = 1000;
  self->max_delay_ms = 30000;
  self->max_retry_after_s = 60;
}

TocsinOpsClient *
tocsin_ops_client_new (const char           *api_base_url,
                       const char           *cloud_id,
                       TocsinTokenProvider  *token_provider,
                       GError              **error)
{
  g_return_val_if_fail (cloud_id != NULL && *cloud_id != '\0', NULL);
  g_return_val_if_fail (TOCSIN_IS_TOKEN_PROVIDER (token_provider), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_base_url (api_base_url, error))
    return NULL;

  return g_object_new (TOCSIN_TYPE_OPS_CLIENT,
                       "api-base-url", api_base_url,
                       "cloud-id", cloud_id,
                       "token-provider", token_provider,
                       NULL);
}

const char *
tocsin_ops_client_get_api_base_url (TocsinOpsClient *self)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  return self->api_base_url;
}

const char *
tocsin_ops_client_get_cloud_id (TocsinOpsClient *self)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  return self->cloud_id;
}

TocsinTokenProvider *
tocsin_ops_client_get_token_provider (TocsinOpsClient *self)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  return self->token_provider;
}

void
tocsin_ops_client_set_timeout (TocsinOpsClient *self,
                               guint            seconds)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

void
tocsin_ops_client_set_max_response_size (TocsinOpsClient *self,
                                         gsize            max_bytes)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (self));
  g_return_if_fail (max_bytes > 0);
  self->max_response_size = max_bytes;
}

void
tocsin_ops_client_set_retry_policy (TocsinOpsClient *self,
                                    guint            max_retries,
                                    guint            base_delay_ms,
                                    guint            max_delay_ms)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (self));
  self->max_retries = max_retries;
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

char *
tocsin_ops_client_build_url (TocsinOpsClient    *self,
                             gboolean            jira,
                             const char         *path,
                             const char * const *query)
{
  g_autofree char *cloud = NULL;
  GString *url;

  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  cloud = g_uri_escape_string (self->cloud_id, NULL, FALSE);
  url = g_string_new (self->api_base_url);
  g_string_append (url, "/ex/jira/");
  g_string_append (url, cloud);
  if (!jira)
    g_string_append (url, "/jsm/ops/api/v1");
  g_string_append (url, path);

  if (query != NULL)
    {
      gboolean first = strchr (path, '?') == NULL;

      for (guint i = 0; query[i] != NULL && query[i + 1] != NULL; i += 2)
        {
          g_string_append_c (url, first ? '?' : '&');
          first = FALSE;
          g_string_append_uri_escaped (url, query[i], NULL, FALSE);
          g_string_append_c (url, '=');
          g_string_append_uri_escaped (url, query[i + 1], NULL, FALSE);
        }
    }

  return g_string_free (url, FALSE);
}

/* One request */

static void request_get_token (GTask *task);

static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, (g_date_time_difference (date, now) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static guint
backoff_delay_ms (TocsinOpsClient *self,
                  guint            attempt)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 0; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);
  /* Full jitter on the upper half keeps clients that failed together apart. */
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1));
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  req->retry_source = 0;
  request_get_token (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  Request *req = g_task_get_task_data (task);

  g_debug ("%s %s: retrying in %u ms (attempt %u)", req->method, req->url, delay_ms, req->attempt);
  /* The timeout holds the only reference until it fires; cancellation is
   * noticed when the retried request starts. */
  req->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, retry_cb, task, NULL);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Request *req = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  gsize len;
  const char *data = g_bytes_get_data (req->payload, &len);

  if (!tocsin_json_load (parser, data, len, &error))
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                               _("The server sent an answer Tocsin could not read (%s)."),
                               error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (req->post_func != NULL)
    {
      gpointer result = req->post_func (root, req->post_data, &error);

      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, result, req->result_free);
      return;
    }

  g_task_return_pointer (task, json_node_ref (root), (GDestroyNotify) json_node_unref);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, req->result_free);
}

static gboolean
is_json_content_type (SoupMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                            NULL);

  if (type == NULL)
    return FALSE;
  return g_ascii_strcasecmp (type, "application/json") == 0 ||
         g_str_has_suffix (type, "+json");
}

/* A 2xx with a body: JSON is parsed (and post-processed) in a worker
 * thread. Takes @body. */
static void
request_parse (GTask  *task,
               GBytes *body)
{
  Request *req = g_task_get_task_data (task);
  GTask *thread_task;

  if (!is_json_content_type (req->msg))
    {
      const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (req->msg),
                                                                NULL);
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                               _("The server sent “%s” instead of JSON. A proxy or login page may be in the way."),
                               type != NULL ? type : _("an unknown type"));
      g_bytes_unref (body);
      g_object_unref (task);
      return;
    }

  thread_task = g_task_new (req->client, g_task_get_cancellable (task), parsed_cb, task);
  req->payload = body;
  g_task_set_task_data (thread_task, req, NULL);
  g_task_run_in_thread (thread_task, parse_in_thread);
  g_object_unref (thread_task);
}

static void
request_complete (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  TocsinOpsClient *self = req->client;
  g_autoptr(GBytes) body = g_steal_pointer (&req->payload);
  guint status = soup_message_get_status (req->msg);

  g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)", req->method, req->url, status,
           g_bytes_get_size (body));

  if (status == 401)
    {
      g_autoptr(GError) error = tocsin_api_error_from_response (status, NULL, body, -1);

      if (error->code != TOCSIN_API_ERROR_SCOPE && !req->refreshed)
        {
          /* Once: the provider refreshes unless it already holds a newer token. */
          req->refreshed = TRUE;
          request_get_token (task);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (status == 429 || (status >= 500 && status < 600))
    {
      gint64 retry_after = status == 429 ? parse_retry_after (req->msg) : -1;

      if (req->attempt < self->max_retries &&
          (retry_after < 0 || retry_after <= (gint64) self->max_retry_after_s))
        {
          guint delay = retry_after >= 0 ? (guint) retry_after * 1000
                                         : backoff_delay_ms (self, req->attempt);
          req->attempt++;
          schedule_retry (task, delay);
          return;
        }
      g_task_return_error (task, tocsin_api_error_from_response (status,
                                                                 soup_message_get_reason_phrase (req->msg),
                                                                 body, retry_after));
      g_object_unref (task);
      return;
    }

  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, tocsin_api_error_from_response (status,
                                                                 soup_message_get_reason_phrase (req->msg),
                                                                 body, -1));
      g_object_unref (task);
      return;
    }

  if (status == 204 || g_bytes_get_size (body) == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  request_parse (task, g_steal_pointer (&body));
}

static void
finish_with_transport_error (GTask  *task,
                             GError *error)
{
  g_task_return_error (task, tocsin_api_error_from_transport (error));
  g_error_free (error);
  g_object_unref (task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  GError *error = NULL;

  req->payload = tocsin_http_send_finish (SOUP_SESSION (source), result, &error);
  if (req->payload == NULL)
    {
      finish_with_transport_error (task, error);
      return;
    }
  request_complete (task);
}

static void
request_send (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autofree char *authorization = NULL;

  g_clear_object (&req->msg);
  req->msg = soup_message_new (req->method, req->url);
  if (req->msg == NULL)
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_FAILED,
                               _("Tocsin built an invalid request address."));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (req->msg);
  authorization = g_strconcat ("Bearer ", req->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);

  tocsin_http_send_async (req->client->session, req->msg, req->client->max_response_size,
                          g_task_get_cancellable (task), sent_cb, task);
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (source), result, &error);
  if (token == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (TOCSIN_API_ERROR, TOCSIN_API_ERROR_UNAUTHORIZED,
                                     _("You are not signed in. Sign in again."));
      /* The sign-in layer's errors pass through unchanged: they already say
       * what to do (sign in again, unlock the keyring, ...). */
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (req->token != NULL)
    memset (req->token, 0, strlen (req->token));
  g_free (req->token);
  req->token = token;
  request_send (task);
}

static void
request_get_token (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  const char *rejected = req->refreshed && req->attempt == 0 ? req->token : NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  tocsin_token_provider_get_access_token_async (req->client->token_provider, rejected,
                                                g_task_get_cancellable (task), token_cb, task);
}

void
_tocsin_ops_client_request_start (TocsinOpsClient     *self,
                                  const char          *method,
                                  char                *url,
                                  JsonNode            *body,
                                  TocsinOpsPostFunc    post_func,
                                  gpointer             post_data,
                                  GDestroyNotify       result_free,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Request *req;

  req = g_new0 (Request, 1);
  req->client = g_object_ref (self);
  req->method = g_ascii_strup (method, -1);
  req->url = url;
  req->post_func = post_func;
  req->post_data = post_data;
  req->result_free = result_free != NULL ? result_free : (GDestroyNotify) json_node_unref;
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize len;
      char *data;

      json_generator_set_root (generator, body);
      data = json_generator_to_data (generator, &len);
      req->body = g_bytes_new_take (data, len);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  request_get_token (task);
}

void
tocsin_ops_client_request_async (TocsinOpsClient     *self,
                                 const char          *method,
                                 const char          *path,
                                 const char * const  *query,
                                 JsonNode            *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _tocsin_ops_client_request_start (self, method,
                                    tocsin_ops_client_build_url (self, FALSE, path, query), body, NULL, NULL, NULL, tocsin_ops_client_request_async,
                                    cancellable, callback, user_data);
}

JsonNode *
tocsin_ops_client_request_finish (TocsinOpsClient  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tocsin_ops_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tocsin_ops_client_jira_request_async (TocsinOpsClient     *self,
                                      const char          *method,
                                      const char          *path,
                                      const char * const  *query,
                                      JsonNode            *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _tocsin_ops_client_request_start (self, method,
                                    tocsin_ops_client_build_url (self, TRUE, path, query), body, NULL, NULL, NULL, tocsin_ops_client_jira_request_async,
                                    cancellable, callback, user_data);
}

JsonNode *
tocsin_ops_client_jira_request_finish (TocsinOpsClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tocsin_ops_client_jira_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
