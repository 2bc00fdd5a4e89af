/* test-api-paging.c: the paging helper against a loopback SoupServer
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tiny server pretends to hold 25,000 alerts (more than the sandbox can
 * generate quickly) and records every offset/size it is asked for.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "tocsin-alert-service.h"
#include "tocsin-test-token-provider.h"

typedef struct
{
  SoupServer *server;
  char       *base;
  GArray     *asked;     /* guint pairs: offset, size */
  guint       total;
  gboolean    absolute_next;
} Server;

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Server *s = user_data;
  guint64 offset = 0, size = 20;
  g_autoptr(GString) body = g_string_new ("{\"values\":[");
  const char *v;

  if (query != NULL && (v = g_hash_table_lookup (query, "offset")) != NULL)
    g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &offset, NULL);
  if (query != NULL && (v = g_hash_table_lookup (query, "size")) != NULL)
    g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &size, NULL);
  g_array_append_val (s->asked, offset);
  g_array_append_val (s->asked, size);

  /* As the spec says: offset + size must be lower than 20,000. */
  if (offset + size >= 20000 || size > 100 || size == 0)
    {
      soup_server_message_set_status (msg, 422, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        "{\"message\":\"window\"}", 20);
      return;
    }

  for (guint64 i = offset; i < offset + size && i < s->total; i++)
    g_string_append_printf (body, "%s{\"id\":\"a%" G_GUINT64_FORMAT "\",\"message\":\"m\"}",
                            i > offset ? "," : "", i);
  g_string_append_printf (body, "],\"count\":%u", s->total);
  if (offset + size < s->total && offset + size + 1 < 20000)
    {
      guint64 next_size = MIN (size, 20000 - 1 - offset - size);

      if (s->absolute_next)
        g_string_append_printf (body, ",\"links\":{\"next\":\"%s/ex/jira/c/jsm/ops/api/v1/alerts?offset=%" G_GUINT64_FORMAT "&size=%" G_GUINT64_FORMAT "\"}",
                                s->base, offset + size, next_size);
      else
        g_string_append_printf (body, ",\"links\":{\"next\":\"/v1/alerts?offset=%" G_GUINT64_FORMAT "&size=%" G_GUINT64_FORMAT "\"}",
                                offset + size, next_size);
    }
  g_string_append_c (body, '}');
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str, body->len);
}

static void
server_start (Server *s,
              guint   total,
              gboolean absolute_next)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->server = soup_server_new (NULL, NULL);
  s->asked = g_array_new (FALSE, FALSE, sizeof (guint64));
  s->total = total;
  s->absolute_next = absolute_next;
  soup_server_add_handler (s->server, NULL, handler, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
server_stop (Server *s)
{
  g_clear_object (&s->server);
  g_free (s->base);
  g_array_unref (s->asked);
}

typedef struct
{
  gboolean   done;
  GPtrArray *items;
  gint64     total;
  gboolean   truncated;
  GError    *error;
} Result;

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->items = tocsin_alert_service_list_finish (TOCSIN_ALERT_SERVICE (source), result, &r->total,
                                               &r->truncated, &r->error);
  r->done = TRUE;
}

static void
run (guint    total,
     gboolean absolute_next,
     guint    expect_items,
     gboolean expect_truncated)
{
  Server s = { 0 };
  Result r = { 0 };
  g_autoptr(TestTokenProvider) provider = g_object_new (TEST_TYPE_TOKEN_PROVIDER, NULL);
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertService) service = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  provider->token = g_strdup ("fixed-test-token");
  server_start (&s, total, absolute_next);
  client = tocsin_ops_client_new (s.base, "c", TOCSIN_TOKEN_PROVIDER (provider), NULL);
  service = tocsin_alert_service_new (client);
  tocsin_alert_service_list_async (service, NULL, 0, NULL, list_cb, &r);
  test_wait_for (&r.done);

  g_assert_no_error (r.error);
  g_assert_cmpuint (r.items->len, ==, expect_items);
  g_assert_cmpint (r.total, ==, total);
  g_assert_cmpint (r.truncated, ==, expect_truncated);
  for (guint i = 0; i < r.items->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) tocsin_alert_get_id (g_ptr_array_index (r.items, i))));

  /* Every page asked for stayed inside the window, in order, without gaps. */
  for (guint i = 0; i < s.asked->len; i += 2)
    {
      guint64 offset = g_array_index (s.asked, guint64, i);
      guint64 size = g_array_index (s.asked, guint64, i + 1);

      g_assert_cmpuint (offset, ==, (guint64) i / 2 * 100);
      g_assert_cmpuint (size, >=, 1);
      g_assert_cmpuint (size, <=, 100);
      g_assert_cmpuint (offset + size, <, TOCSIN_OPS_MAX_WINDOW);
    }
  g_assert_cmpuint (s.asked->len / 2, ==, (MIN (total, 19999) + 99) / 100);

  g_ptr_array_unref (r.items);
  g_clear_object (&client);
  server_stop (&s);
}

static void
test_window_relative (void)
{
  run (25000, FALSE, 19999, TRUE);
}

static void
test_window_absolute (void)
{
  run (25000, TRUE, 19999, TRUE);
}

static void
test_small_relative (void)
{
  run (250, FALSE, 250, FALSE);
}

static void
test_small_absolute (void)
{
  run (250, TRUE, 250, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-paging/window-relative-next", test_window_relative);
  g_test_add_func ("/api-paging/window-absolute-next", test_window_absolute);
  g_test_add_func ("/api-paging/250-relative-next", test_small_relative);
  g_test_add_func ("/api-paging/250-absolute-next", test_small_absolute);

  return g_test_run ();
}
