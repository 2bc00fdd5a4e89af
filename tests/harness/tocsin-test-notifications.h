/* tocsin-test-notifications.h: reading the capturing notification server's log
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, like the token provider beside it. The test session's
 * notification server (tests/harness/notification-server.py) writes one JSON
 * object per D-Bus call to $TOCSIN_NOTIFICATION_LOG; tests read it back here.
 */

#pragma once

#include <json-glib/json-glib.h>

/* Waits until the server has handled every call this process sent it.
 * Notify goes out asynchronously; D-Bus keeps one connection's messages in
 * order and the server handles them one by one, so once a later call on the
 * same connection returns, the earlier ones are in the log. Without this a
 * notification sent just before a mark could land after it. */
static inline void
tocsin_test_notifications_flush (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  if (bus == NULL)
    return;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                       "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetServerInformation",
                                       NULL, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
}

/* Every record of the log, in order, after what this process sent. */
static inline GPtrArray *
tocsin_test_notifications_read_all (void)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  tocsin_test_notifications_flush ();
  if (!g_file_get_contents (g_getenv ("TOCSIN_NOTIFICATION_LOG"), &contents, NULL, NULL))
    return records;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (records, json_object_ref (json_node_get_object (node)));
    }
  return records;
}

/* How many records the log holds now: a mark for _since(). */
static inline guint
tocsin_test_notifications_mark (void)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();

  return records->len;
}

/* The Notify calls of @app_name and every CloseNotification after @mark,
 * in order: what one test caused, when others share the server. */
static inline GPtrArray *
tocsin_test_notifications_since (guint       mark,
                                 const char *app_name)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = mark; i < records->len; i++)
    {
      JsonObject *object = g_ptr_array_index (records, i);
      const char *call = json_object_get_string_member_with_default (object, "call", "");

      if (g_str_equal (call, "Notify")
          ? g_strcmp0 (json_object_get_string_member_with_default (object, "app_name", ""), app_name) == 0
          : g_str_equal (call, "CloseNotification"))
        g_ptr_array_add (calls, json_object_ref (object));
    }
  return calls;
}
