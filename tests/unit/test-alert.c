/* test-alert.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <string.h>

#include "tocsin-alert-parser.h"

#define N_ALERTS 2000

static const char * const statuses [] = { "open", "acked", "closed" };
static const char * const owners [] = { "Dana Okafor", "Lukas Brenner", "María José Álvarez" };
static const char * const sources [] = { "Datadog", "Prometheus", "Zabbix", "Sentry" };
static const char * const entities [] = { "db-prod-eu", "checkout-api", "ingest", "auth-il",
                                          "dns" };
static const char * const tags [] = { "prod",      "payments", "db",      "sev:high",
                                      "region:eu", "kafka",    "flapping" };

/* A page of @n alerts shaped like the API's: the words come from small
 * vocabularies, as they do on a real site; id, tinyId, alias, message and
 * description are different in each alert. Adds the bytes of those unique
 * strings (with their terminators) to @unique. */
static GBytes *
build_page (guint  n,
            gsize *unique)
{
  GString *json = g_string_new ("{\"count\":");

  *unique = 0;
  g_string_append_printf (json, "%u,\"values\":[", n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("5e0c1d2a-9b7f-4c61-a3d8-%012u", i);
      g_autofree char *tiny_id = g_strdup_printf ("%u", 1000 + i);
      g_autofree char *alias = g_strdup_printf ("%s-%u", entities [i % 5], i);
      g_autofree char *message =
        g_strdup_printf ("CPU usage above 95%% on %s-%u", entities [i % 5], i);
      g_autofree char *description = g_strdup_printf (
        "Alert %u. The primary node has been above 95%% CPU for 10 minutes; autovacuum and a "
        "long-running analytics query are competing for cores. Runbook: scale out by two replicas, "
        "then roll back the last deployment if the load stays.",
        i);

      *unique += strlen (id) + strlen (tiny_id) + strlen (alias) + strlen (message) +
                 strlen (description) + 5;
      g_string_append_printf (
        json,
        "%s{\"id\":\"%s\",\"tinyId\":\"%s\",\"alias\":\"%s\",\"message\":\"%s\","
        "\"description\":\"%s\",\"status\":\"%s\",\"acknowledged\":%s,\"seen\":true,\"count\":%u,"
        "\"priority\":\"P%u\",\"owner\":\"%s\",\"tags\":[\"%s\",\"%s\",\"%s\"],"
        "\"responders\":[{\"id\":\"2f1c0d9e-team-%u\",\"type\":\"team\"}],"
        "\"extraProperties\":{\"region\":\"eu-west-1\",\"runbook\":\"https://wiki.example/runbooks/cpu\"},"
        "\"source\":\"%s\",\"entity\":\"%s\",\"createdAt\":\"2026-11-30T08:%02u:00Z\","
        "\"updatedAt\":\"2026-11-30T09:%02u:00Z\"}",
        i > 0 ? "," : "", id, tiny_id, alias, message, description, statuses [i % 3],
        i % 3 == 1 ? "true" : "false", 1 + i % 7, 1 + i % 5, owners [i % 3], tags [i % 7],
        tags [(i + 2) % 7], tags [(i + 4) % 7], i % 4, sources [i % 4], entities [i % 5], i % 60,
        i % 60);
    }
  g_string_append (json, "]}");
  return g_string_free_to_bytes (json);
}

static gsize
heap_in_use (void)
{
  return mallinfo2 ().uordblks;
}

/* What an alert costs beyond its own text, measured on the heap: the words
 * and the responders and extra properties it shares with other alerts are
 * stored once, not once per alert. On x86_64: 730 bytes an alert when each
 * kept its own (the variants as the builder's trees), 250 with the words
 * interned and the variants serialized, 138 with the variants shared. */
static void
test_memory (void)
{
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  gsize unique, before, per_alert;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's allocator is not the heap mallinfo2() counts");
  return;
#endif

  page = build_page (N_ALERTS, &unique);
  /* Once, so what the parser and GLib set up on first use is not counted. */
  alerts = tocsin_alert_parse_page (page, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&alerts, g_ptr_array_unref);

  before = heap_in_use ();
  alerts = tocsin_alert_parse_page (page, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, N_ALERTS);
  per_alert = (heap_in_use () - before - unique) / N_ALERTS;

  g_test_message ("%" G_GSIZE_FORMAT " bytes an alert beyond its %" G_GSIZE_FORMAT " bytes of text",
                  per_alert, unique / N_ALERTS);
  g_assert_cmpuint (per_alert, <=, 200);
}

/* Shared words and variants are the same values as before, whatever
 * happens to the buffers they came from and to the other alerts that hold
 * them. */
static void
test_shared_words (void)
{
  g_autoptr(TocsinAlert) a = tocsin_alert_new ("a");
  g_autoptr(TocsinAlert) b = tocsin_alert_new ("b");
  g_autofree char *owner = g_strdup ("Dana Okafor");
  g_auto(GStrv) words = g_strsplit ("prod,db,prod", ",", -1);
  g_autoptr(GVariant) responders =
    g_variant_ref_sink (g_variant_new_parsed ("[('team', 't1'), ('user', 'u1')]"));
  const char * const *got;

  tocsin_alert_set_owner (a, owner);
  tocsin_alert_set_tags (a, (const char * const *)words);
  tocsin_alert_set_owner (b, "Dana Okafor");
  tocsin_alert_set_tags (b, (const char * const *)words);
  g_clear_pointer (&owner, g_free);
  g_clear_pointer (&words, g_strfreev);

  g_assert_cmpstr (tocsin_alert_get_owner (a), ==, "Dana Okafor");
  got = tocsin_alert_get_tags (a);
  g_assert_cmpuint (g_strv_length ((char **)got), ==, 3);
  g_assert_cmpstr (got [0], ==, "prod");
  g_assert_cmpstr (got [1], ==, "db");
  g_assert_cmpstr (got [2], ==, "prod");
  g_assert_true (tocsin_alert_equal_content (a, b));

  tocsin_alert_set_owner (a, NULL);
  g_assert_null (tocsin_alert_get_owner (a));
  g_assert_false (tocsin_alert_equal_content (a, b));
  g_assert_true (tocsin_alert_update_from (a, b));
  g_assert_cmpstr (tocsin_alert_get_owner (a), ==, "Dana Okafor");

  tocsin_alert_set_responders (a, g_variant_new_parsed ("[('team', 't1'), ('user', 'u1')]"));
  tocsin_alert_set_responders (b, g_variant_new_parsed ("[('team', 't1'), ('user', 'u1')]"));
  g_assert_true (tocsin_alert_get_responders (a) == tocsin_alert_get_responders (b));
  g_clear_object (&a);
  g_assert_true (g_variant_equal (tocsin_alert_get_responders (b), responders));
  tocsin_alert_set_responders (b, g_variant_new_parsed ("@a(ss) []"));
  g_assert_cmpuint (g_variant_n_children (tocsin_alert_get_responders (b)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert/memory", test_memory);
  g_test_add_func ("/alert/shared-words", test_shared_words);

  return g_test_run ();
}
