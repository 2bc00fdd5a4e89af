/* sandbox-util.c: time, ids, query strings, request bodies and responses
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sandbox-private.h"

/* ---- time ------------------------------------------------------------- */

gint64
sb_now_us (void)
{
  return g_get_real_time () + sb->clock_offset;
}

GDateTime *
sb_now (void)
{
  gint64 us = sb_now_us ();
  g_autoptr(GDateTime) secs = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return g_date_time_add (secs, us % G_USEC_PER_SEC);
}

/* UTC, with milliseconds only when there are any, like the real API. */
char *
sb_iso (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);
  int ms = g_date_time_get_microsecond (utc) / 1000;
  g_autofree char *base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  if (ms == 0)
    return g_strdup_printf ("%sZ", base);
  return g_strdup_printf ("%s.%03dZ", base, ms);
}

char *
sb_iso_us (gint64 us)
{
  g_autoptr(GDateTime) secs = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) dt = g_date_time_add (secs, us % G_USEC_PER_SEC);

  return sb_iso (dt);
}

/* Accepts full ISO 8601 and a bare date (midnight in default_tz). */
GDateTime *
sb_parse_iso (const char *text,
              GTimeZone  *default_tz)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GTimeZone *tz = default_tz ? default_tz : utc;

  if (text == NULL || *text == '\0')
    return NULL;
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      g_autofree char *full = g_strdup_printf ("%sT00:00:00", text);
      return g_date_time_new_from_iso8601 (full, tz);
    }
  return g_date_time_new_from_iso8601 (text, tz);
}

/* ---- ids -------------------------------------------------------------- */

/* A UUID derived from the seed and a label, so data is stable for a seed. */
char *
sb_stable_uuid (const char *label)
{
  g_autofree char *input = g_strdup_printf ("%u:%s", sb->opts.seed, label);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s",
                          hex, hex + 8, hex + 12, hex + 15, hex + 18);
}

char *
sb_random_token (const char *prefix)
{
  guint8 bytes[32];
  g_autofree char *b64 = NULL;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (sb->token_rand, 0, 256);
  b64 = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strconcat (prefix, b64, NULL);
}

char *
sb_random_uuid (void)
{
  return g_uuid_string_random ();
}

/* ---- query strings ---------------------------------------------------- */

static void
free_ptr_array (gpointer data)
{
  g_ptr_array_unref (data);
}

/* Keeps repeated keys (accountId=a&accountId=b), unlike soup_form_decode(). */
GHashTable *
sb_query_parse (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_ptr_array);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return table;
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      GPtrArray *values;

      if (*pairs[i] == '\0')
        continue;
      g_strdelimit (pairs[i], "+", ' ');
      if (eq != NULL)
        *eq = '\0';
      key = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (eq ? eq + 1 : "", NULL);
      if (key == NULL || value == NULL)
        continue;
      values = g_hash_table_lookup (table, key);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, g_strdup (key), values);
        }
      g_ptr_array_add (values, g_steal_pointer (&value));
    }
  return table;
}

const char *
sb_query_get (GHashTable *query,
              const char *key)
{
  GPtrArray *values = g_hash_table_lookup (query, key);

  return values && values->len > 0 ? g_ptr_array_index (values, 0) : NULL;
}

GPtrArray *
sb_query_get_all (GHashTable *query,
                  const char *key)
{
  return g_hash_table_lookup (query, key);
}

/* FALSE when the value is present but not an integer. */
gboolean
sb_query_get_int (GHashTable *query,
                  const char *key,
                  gint64      default_value,
                  gint64     *out)
{
  const char *text = sb_query_get (query, key);

  *out = default_value;
  if (text == NULL)
    return TRUE;
  return g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, out, NULL);
}

gboolean
sb_query_get_bool (GHashTable *query,
                   const char *key,
                   gboolean    default_value)
{
  const char *text = sb_query_get (query, key);

  if (text == NULL)
    return default_value;
  return g_ascii_strcasecmp (text, "true") == 0 || g_strcmp0 (text, "1") == 0;
}

JsonNode *
sb_query_to_json (GHashTable *query)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *values = value;

      json_builder_set_member_name (b, key);
      if (values->len == 1)
        json_builder_add_string_value (b, g_ptr_array_index (values, 0));
      else
        {
          json_builder_begin_array (b);
          for (guint i = 0; i < values->len; i++)
            json_builder_add_string_value (b, g_ptr_array_index (values, i));
          json_builder_end_array (b);
        }
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- request bodies --------------------------------------------------- */

static GBytes *
request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  return soup_message_body_flatten (body);
}

static gboolean
request_is_form (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *ct = soup_message_headers_get_content_type (h, NULL);

  return g_strcmp0 (ct, "application/x-www-form-urlencoded") == 0;
}

JsonNode *
sb_request_json (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* Any content type: control requests from curl -d arrive as forms. */
  if (len == 0)
    return NULL;
  if (!json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

GHashTable *
sb_request_form (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = request_body (msg);
  g_autofree char *text = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!request_is_form (msg))
    return NULL;
  text = g_strndup (data, len);
  return sb_query_parse (text);
}

/* The body as an object of fields, from JSON or from a form. */
JsonObject *
sb_request_fields (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = sb_request_form (msg);
  g_autoptr(JsonNode) node = NULL;

  if (form != NULL)
    {
      JsonObject *obj = json_object_new ();
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_string_member (obj, key, g_ptr_array_index ((GPtrArray *) value, 0));
      return obj;
    }
  node = sb_request_json (msg);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_object_ref (json_node_get_object (node));
  return NULL;
}

GHashTable *
sb_request_query (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return sb_query_parse (g_uri_get_query (uri));
}

/* ---- responses -------------------------------------------------------- */

/* The store keeps a lone UTF-16 surrogate (the half of an emoji a server
 * cut) the way json-glib reads "\ud83d" in mid-string: as its three-byte
 * WTF-8 form (ED A0..BF 80..BF). A server whose strings are UTF-16 writes it
 * as an escape, and so does the sandbox. Takes @text. */
static char *
escape_lone_surrogates (char *text)
{
  GString *out;
  const guchar *p = (const guchar *) text;

  if (strchr (text, '\xed') == NULL)
    return text;

  out = g_string_sized_new (strlen (text) + 16);
  for (; *p != '\0'; p++)
    {
      if (p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF && p[2] >= 0x80 && p[2] <= 0xBF)
        {
          g_string_append_printf (out, "\\u%04x", 0xD000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
          p += 2;
        }
      else
        g_string_append_c (out, (char) *p);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

void
sb_respond_json (SoupServerMessage *msg,
                 guint              status,
                 JsonNode          *node)
{
  char *text = escape_lone_surrogates (json_to_string (node, FALSE));
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

void
sb_respond_object (SoupServerMessage *msg,
                   guint              status,
                   JsonObject        *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);

  sb_respond_json (msg, status, node);
}

void
sb_respond_text (SoupServerMessage *msg,
                 guint              status,
                 const char        *content_type,
                 const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
sb_respond_redirect (SoupServerMessage *msg,
                     const char        *location)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (h, "Location", location);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

void
sb_respond_empty (SoupServerMessage *msg,
                  guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
}

/* ---- error shapes of the reference -------------------------------------- */

void
sb_error_oauth (SoupServerMessage *msg,
                guint              status,
                const char        *error,
                const char        *description)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  json_object_set_string_member (obj, "error", error);
  json_object_set_string_member (obj, "error_description", description);
  sb_respond_object (msg, status, obj);
}

void
sb_error_gateway (SoupServerMessage *msg,
                  guint              status,
                  const char        *message)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  json_object_set_int_member (obj, "code", status);
  json_object_set_string_member (obj, "message", message);
  sb_respond_object (msg, status, obj);
}

void
sb_error_alert (SoupServerMessage *msg,
                guint              status,
                const char        *message)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *request_id = sb_random_uuid ();

  json_object_set_string_member (obj, "message", message);
  json_object_set_double_member (obj, "took", 0.002);
  json_object_set_string_member (obj, "requestId", request_id);
  sb_respond_object (msg, status, obj);
}

void
sb_error_generic (SoupServerMessage *msg,
                  guint              status,
                  const char        *title,
                  const char        *code)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "title", title);
  json_object_set_string_member (error, "code", code);
  json_array_add_object_element (errors, error);
  json_object_set_array_member (obj, "errors", errors);
  sb_respond_object (msg, status, obj);
}

void
sb_error_jira (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonArray *messages = json_array_new ();

  json_array_add_string_element (messages, message);
  json_object_set_array_member (obj, "errorMessages", messages);
  json_object_set_object_member (obj, "errors", json_object_new ());
  sb_respond_object (msg, status, obj);
}

/* ---- misc ------------------------------------------------------------- */

char *
sb_html_escape (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}

gboolean
sb_strv_contains_all (const char * const *haystack,
                      const char * const *needles)
{
  for (guint i = 0; needles && needles[i]; i++)
    if (!g_strv_contains (haystack, needles[i]))
      return FALSE;
  return TRUE;
}

/* base + "?k=v&..." (or "&" when base has a query); NULL values are skipped. */
char *
sb_url_with_params (const char *base,
                    ...)
{
  GString *url = g_string_new (base);
  gboolean has_query = strchr (base, '?') != NULL;
  const char *key;
  va_list ap;

  va_start (ap, base);
  while ((key = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_c (url, has_query ? '&' : '?');
      g_string_append_printf (url, "%s=%s", key, escaped);
      has_query = TRUE;
    }
  va_end (ap);
  return g_string_free (url, FALSE);
}

JsonNode *
sb_string_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  for (guint i = 0; strings && i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}
