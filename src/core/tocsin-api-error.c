/* tocsin-api-error.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-api"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tocsin-api-error.h"
#include "tocsin-json-utf8.h"

/* The one place where HTTP statuses, error bodies and transport errors become
 * messages a person can act on. */

G_DEFINE_QUARK (tocsin-api-error-quark, tocsin_api_error)

static char *
member_string (JsonObject *object,
               const char *name)
{
  char *value = tocsin_json_dup_string (object, name);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

char *
tocsin_api_error_body_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *errors;
  char *message;
  const char *data;
  gsize len = 0;

  if (body == NULL)
    return NULL;
  /* This runs on the main thread, so only small bodies are parsed: an
   * error body worth showing is a few hundred bytes, and 64 KiB of depth-checked
   * JSON parse in well under a millisecond. */
  data = g_bytes_get_data (body, &len);
  if (len == 0 || len > 64 * 1024)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!tocsin_json_load (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  /* {"code":401,"message":"..."} and {"message":"...","took":0,"requestId":"..."} */
  if ((message = member_string (object, "message")) != NULL)
    return message;

  /* {"errors":[{"title":"...","code":"..."|"detail":"..."}]} */
  errors = json_object_get_member (object, "errors");
  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors))
    {
      JsonArray *array = json_node_get_array (errors);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autofree char *title = NULL;
          g_autofree char *detail = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          title = member_string (json_node_get_object (item), "title");
          detail = member_string (json_node_get_object (item), "detail");
          if (title == NULL && detail == NULL)
            continue;
          if (out->len > 0)
            g_string_append (out, "; ");
          if (title != NULL && detail != NULL)
            g_string_append_printf (out, "%s: %s", title, detail);
          else
            g_string_append (out, title != NULL ? title : detail);
        }
      if (out->len > 0)
        return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* OAuth style, in case a proxy answers: {"error":"...","error_description":"..."} */
  if ((message = member_string (object, "error_description")) != NULL)
    return message;
  return member_string (object, "error");
}

static GError *
with_detail (TocsinApiError  code,
             const char     *text,
             const char     *detail)
{
  if (detail != NULL)
    /* Translators: the first %s is a sentence, the second what the server said */
    return g_error_new (TOCSIN_API_ERROR, code, _("%s (The server said: “%s”)"), text, detail);
  return g_error_new_literal (TOCSIN_API_ERROR, code, text);
}

GError *
tocsin_api_error_from_response (guint       status,
                                const char *reason,
                                GBytes     *body,
                                gint64      retry_after_s)
{
  g_autofree char *detail = NULL;

  if (status >= 200 && status < 300)
    return NULL;

  detail = tocsin_api_error_body_message (body);

  switch (status)
    {
    case 401:
      if (detail != NULL && strstr (detail, "scope does not match") != NULL)
        return with_detail (TOCSIN_API_ERROR_SCOPE,
                            _("Tocsin lacks a permission it needs on this site. Sign in again and allow everything Tocsin asks for."),
                            detail);
      return with_detail (TOCSIN_API_ERROR_UNAUTHORIZED,
                          _("Your sign-in has expired or was revoked. Sign in again."),
                          detail);
    case 402:
      return with_detail (TOCSIN_API_ERROR_PAYMENT_REQUIRED,
                          _("This site’s Jira Service Management plan does not include this feature."),
                          detail);
    case 403:
      return with_detail (TOCSIN_API_ERROR_FORBIDDEN,
                          _("You do not have permission to do this on this site. Ask a Jira Service Management administrator for access."),
                          detail);
    case 404:
      return with_detail (TOCSIN_API_ERROR_NOT_FOUND,
                          _("The item was not found. It may have been deleted."),
                          detail);
    case 409:
      return with_detail (TOCSIN_API_ERROR_CONFLICT,
                          _("The change conflicts with the current state. Refresh and try again."),
                          detail);
    case 400:
    case 422:
      return with_detail (TOCSIN_API_ERROR_INVALID,
                          _("The server refused the request. Check what you entered (for example the search query)."),
                          detail);
    case 429:
      if (retry_after_s > 0)
        return g_error_new (TOCSIN_API_ERROR, TOCSIN_API_ERROR_RATE_LIMITED,
                            ngettext ("The server is receiving too many requests. Try again in %d second.",
                                      "The server is receiving too many requests. Try again in %d seconds.",
                                      (gulong) retry_after_s),
                            (int) retry_after_s);
      return with_detail (TOCSIN_API_ERROR_RATE_LIMITED,
                          _("The server is receiving too many requests. Try again in a minute."),
                          detail);
    default:
      break;
    }

  if (status >= 500 && status < 600)
    {
      g_autofree char *text =
        g_strdup_printf (_("The Jira Service Management server has a problem (HTTP %u). Try again later."),
                         status);
      return with_detail (TOCSIN_API_ERROR_SERVER, text, detail);
    }

  {
    g_autofree char *text = g_strdup_printf (_("The server answered with an unexpected status (HTTP %u %s)."),
                                             status, reason != NULL ? reason : "");
    return with_detail (TOCSIN_API_ERROR_FAILED, text, detail);
  }
}

GError *
tocsin_api_error_from_transport (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == TOCSIN_API_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (TOCSIN_API_ERROR, TOCSIN_API_ERROR_TIMEOUT,
                                _("The server did not answer in time. Check your network connection or try again later."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new (TOCSIN_API_ERROR, TOCSIN_API_ERROR_TLS,
                        _("The secure connection to the server failed: %s. Check the system date and any proxy that intercepts HTTPS."),
                        error->message);

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_PARSING:
        case SOUP_SESSION_ERROR_ENCODING:
          return g_error_new (TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                              _("The server sent an answer Tocsin could not read: %s."), error->message);
        case SOUP_SESSION_ERROR_MESSAGE_ALREADY_IN_QUEUE:
        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_TOO_MANY_RESTARTS:
        case SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION:
        case SOUP_SESSION_ERROR_REDIRECT_BAD_URI:
          return g_error_new (TOCSIN_API_ERROR, TOCSIN_API_ERROR_FAILED,
                              _("The request could not be completed: %s."), error->message);
        default:
          break;
        }
    }

  return g_error_new (TOCSIN_API_ERROR, TOCSIN_API_ERROR_NETWORK,
                      _("Could not reach the server: %s. Check your network connection."),
                      error->message);
}
