/* test-resume-watcher.c: "resumed" after logind's PrepareForSleep(false)
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays logind on the session bus (the test session has no system
 * bus): a second connection owns org.freedesktop.login1 and emits the signal.
 */

#include "config.h"

#include "tocsin-resume-watcher.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets signals in flight arrive (bounded, with a wake-up source). */
static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static GDBusConnection *
new_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static void
emit_prepare_for_sleep (GDBusConnection *from,
                        gboolean         going_to_sleep)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (from, NULL, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                 "PrepareForSleep", g_variant_new ("(b)", going_to_sleep), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (from, NULL, NULL);
}

static void
on_resumed (TocsinResumeWatcher *watcher,
            guint               *count)
{
  (*count)++;
}

static void
test_resumed_only_on_wake (void)
{
  g_autoptr(GDBusConnection) app_bus = new_connection ();
  g_autoptr(GDBusConnection) logind = new_connection ();
  g_autoptr(GDBusConnection) impostor = new_connection ();
  g_autoptr(TocsinResumeWatcher) watcher = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint resumed = 0;

  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);

  watcher = tocsin_resume_watcher_new_for_connection (app_bus);
  g_signal_connect (watcher, "resumed", G_CALLBACK (on_resumed), &resumed);
  /* The watcher's match rule is in place once a later call has come back. */
  reply = g_dbus_connection_call_sync (app_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  spin (200);

  emit_prepare_for_sleep (logind, TRUE);
  spin (300);
  g_assert_cmpuint (resumed, ==, 0);

  /* Someone else than logind cannot make the app think it woke up. */
  emit_prepare_for_sleep (impostor, FALSE);
  spin (300);
  g_assert_cmpuint (resumed, ==, 0);

  emit_prepare_for_sleep (logind, FALSE);
  spin (300);
  g_assert_cmpuint (resumed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_message ("needs a session bus (./build-aux/dev test)");
      return 77;
    }

  g_test_add_func ("/resume-watcher/resumed-only-on-wake", test_resumed_only_on_wake);

  return g_test_run ();
}
