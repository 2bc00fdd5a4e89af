/* test-json-depth.c: deep JSON is refused before json-glib recurses into it
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tocsin-alert-parser.h"
#include "tocsin-api-error.h"
#include "tocsin-json-depth.h"
#include "tocsin-oauth-client.h"
#include "tocsin-schedule-parser.h"
#include "tocsin-site.h"
#include "tocsin-token-set.h"

/* Deep enough that json-glib 1.6 runs out of stack without the check. */
#define VERY_DEEP 200000

static char *
nested (const char *open,
        guint       depth,
        const char *inside,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inside);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static gboolean
passes (const char *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = tocsin_json_check_depth (text, -1, &error);

  g_assert_true (ok == (error == NULL));
  if (error != NULL)
    g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  return ok;
}

static void
test_limit (void)
{
  g_autofree char *at_limit = nested ("[", TOCSIN_JSON_MAX_DEPTH, "1", "]");
  g_autofree char *over = nested ("[", TOCSIN_JSON_MAX_DEPTH + 1, "1", "]");
  g_autofree char *objects = nested ("{\"a\":", TOCSIN_JSON_MAX_DEPTH + 1, "1", "}");
  g_autofree char *mixed = nested ("{\"a\":[", TOCSIN_JSON_MAX_DEPTH / 2, "1", "]}");
  g_autofree char *unclosed = nested ("[", VERY_DEEP, "", "");

  g_assert_true (passes (at_limit));
  g_assert_false (passes (over));
  g_assert_false (passes (objects));
  g_assert_true (passes (mixed));
  g_assert_false (passes (unclosed));
  /* Depth, not count: many shallow siblings are fine. */
  {
    g_autoptr(GString) siblings = g_string_new ("[");

    for (guint i = 0; i < 10000; i++)
      g_string_append (siblings, "[{},[]],");
    g_string_append (siblings, "1]");
    g_assert_true (passes (siblings->str));
  }
  g_assert_true (passes (""));
  g_assert_true (tocsin_json_check_depth (NULL, 0, NULL));
}

static void
test_strings (void)
{
  g_autofree char *brackets = nested ("[", VERY_DEEP, "", "");
  g_autofree char *in_string = g_strdup_printf ("{\"message\":\"%s\"}", brackets);
  g_autofree char *escaped_quote = g_strdup_printf ("[\"\\\"%s\"]", brackets);
  g_autofree char *escaped_backslash = g_strdup_printf ("[\"\\\\\"%s", brackets);
  g_autofree char *unicode = g_strdup_printf ("[\"\\u0022%s\"]", brackets);

  /* Brackets inside strings are text. */
  g_assert_true (passes (in_string));
  /* \" does not end a string ... */
  g_assert_true (passes (escaped_quote));
  g_assert_true (passes (unicode));
  /* ... but the quote after \\ does. */
  g_assert_false (passes (escaped_backslash));
  /* An explicit length ends the scan. */
  g_assert_true (tocsin_json_check_depth (escaped_backslash, 4, NULL));
}

/* Every parser that reads the network refuses it rather than crashing. */
static void
test_parsers (void)
{
  g_autofree char *deep = nested ("[", VERY_DEEP, "", "");
  g_autofree char *deep_member = nested ("{\"a\":", VERY_DEEP, "1", "}");
  const char *inputs[] = { deep, deep_member };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) alerts = NULL;
      g_autoptr(GPtrArray) sites = NULL;
      g_autoptr(JsonNode) schedule = NULL;
      g_autoptr(TocsinTokenSet) tokens = NULL;
      g_autoptr(TocsinTokenSet) stored = NULL;
      g_autoptr(GError) api_error = NULL;
      g_autofree char *detail = NULL;

      alerts = tocsin_alert_parse_page (bytes, NULL, NULL, &error);
      g_assert_null (alerts);
      g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
      g_clear_error (&error);

      schedule = tocsin_schedule_parser_load (bytes, &error);
      g_assert_null (schedule);
      g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
      g_clear_error (&error);

      sites = tocsin_site_list_from_json (inputs[i], -1, TRUE, &error);
      g_assert_null (sites);
      g_assert_nonnull (error);
      g_clear_error (&error);

      tokens = tocsin_oauth_client_parse_token_response (200, bytes, FALSE, &error);
      g_assert_null (tokens);
      g_assert_nonnull (error);
      g_clear_error (&error);

      stored = tocsin_token_set_from_json (inputs[i], &error);
      g_assert_null (stored);
      g_assert_nonnull (error);
      g_clear_error (&error);

      /* Error bodies are only parsed up to 64 KiB: as deep as fits. */
      {
        g_autofree char *small = nested ("[", 65000, "", "");
        g_autoptr(GBytes) small_bytes = g_bytes_new_take (g_steal_pointer (&small), 65000);

        detail = tocsin_api_error_body_message (small_bytes);
        g_assert_null (detail);
        api_error = tocsin_api_error_from_response (500, "Internal Server Error", small_bytes, -1);
        g_assert_error (api_error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SERVER);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-depth/limit", test_limit);
  g_test_add_func ("/json-depth/strings", test_strings);
  g_test_add_func ("/json-depth/parsers", test_parsers);

  return g_test_run ();
}
