/* test-background-portal.c: asking the Background portal to keep running
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays xdg-desktop-portal on its own connection: it owns
 * org.freedesktop.portal.Desktop, records the request's options and answers
 * on the request object as the real portal does, after the method reply.
 */

#include "config.h"

#include "tocsin-background-portal.h"

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "  <method name='RequestBackground'>"
  "    <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/><arg type='o' direction='out'/>"
  "  </method>"
  "</interface></node>";

typedef struct
{
  GDBusConnection *portal;
  guint32          response;   /* what the fake portal answers */
  gboolean         background;
  gboolean         autostart;  /* what the app asks for */
  GVariant        *options;    /* what the app asked with */
  char            *sender;
  gboolean         done;
  gboolean         ok;
  gboolean         allowed;
} Fixture;

typedef struct
{
  Fixture *f;
  char    *handle;
} PendingResponse;

static gboolean
send_response (gpointer data)
{
  PendingResponse *pending = data;
  GVariantBuilder results;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (pending->f->background));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_emit_signal (pending->f->portal, pending->f->sender, pending->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", pending->f->response, &results), NULL);
  g_free (pending->handle);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
portal_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *object_path,
               const char            *interface_name,
               const char            *method_name,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  Fixture *f = user_data;
  g_autofree char *escaped = g_strdelimit (g_strdup (sender + 1), ".", '_');
  const char *token = NULL;
  PendingResponse *pending;

  g_variant_get (parameters, "(&s@a{sv})", NULL, &f->options);
  g_variant_lookup (f->options, "handle_token", "&s", &token);
  f->sender = g_strdup (sender);

  pending = g_new0 (PendingResponse, 1);
  pending->f = f;
  pending->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", escaped, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", pending->handle));
  g_timeout_add (50, send_response, pending);
}

static const GDBusInterfaceVTable portal_vtable = { portal_method, NULL, NULL, { 0 } };

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->ok = tocsin_background_portal_request_finish (result, &f->allowed, &error);
  if (error != NULL)
    g_test_message ("The request failed: %s", error->message);
  f->done = TRUE;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
run_request (guint32  response,
             gboolean background,
             Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint object_id, wake;
  guint32 owner = 0;
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  /* A fixture may run several requests: each waits for its own answer. */
  f->done = f->ok = f->allowed = FALSE;
  f->response = response;
  f->background = background;
  f->portal = g_dbus_connection_new_for_address_sync (address,
                                                      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                      G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                      NULL, NULL, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (f->portal, "/org/freedesktop/portal/desktop", info->interfaces[0],
                                                 &portal_vtable, f, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (f->portal, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  /* 1: the primary owner, not queued behind an earlier test's connection. */
  g_variant_get (reply, "(u)", &owner);
  g_assert_cmpuint (owner, ==, 1);

  tocsin_background_portal_request_async (app_bus, "Watching for on-call alerts", f->autostart,
                                          NULL, request_cb, f);
  wake = g_timeout_add (20, wake_cb, NULL);
  while (!f->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_true (f->done);

  g_dbus_connection_unregister_object (f->portal, object_id);
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (f->portal, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ReleaseName",
                                       g_variant_new ("(s)", "org.freedesktop.portal.Desktop"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_dbus_connection_close_sync (f->portal, NULL, NULL);
  g_clear_object (&f->portal);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->options, g_variant_unref);
  g_clear_pointer (&f->sender, g_free);
}

static void
test_allowed (void)
{
  Fixture f = { 0 };
  const char *reason = NULL;
  gboolean autostart = TRUE, activatable = FALSE;

  run_request (0, TRUE, &f);
  g_assert_true (f.ok);
  g_assert_true (f.allowed);

  /* The request says why, asks for no autostart and names D-Bus activation. */
  g_assert_true (g_variant_lookup (f.options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, ==, "Watching for on-call alerts");
  g_assert_true (g_variant_lookup (f.options, "autostart", "b", &autostart));
  g_assert_false (autostart);
  g_assert_true (g_variant_lookup (f.options, "dbus-activatable", "b", &activatable));
  g_assert_true (activatable);
  g_assert_false (g_variant_lookup (f.options, "commandline", "^a&s", NULL));
  fixture_clear (&f);
}

/* Start at login inside Flatpak: the portal starts Tocsin without a window. */
static void
test_autostart (void)
{
  Fixture f = { 0 };
  g_autofree const char **commandline = NULL;
  gboolean autostart = FALSE;

  f.autostart = TRUE;
  run_request (0, TRUE, &f);
  g_assert_true (f.ok);
  g_assert_true (f.allowed);

  g_assert_true (g_variant_lookup (f.options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (f.options, "commandline", "^a&s", &commandline));
  g_assert_cmpuint (g_strv_length ((char **)commandline), ==, 2);
  g_assert_cmpstr (commandline[0], ==, "tocsin");
  g_assert_cmpstr (commandline[1], ==, "--background");
  fixture_clear (&f);
}

static void
test_refused (void)
{
  Fixture f = { 0 };

  /* The user said no. */
  run_request (0, FALSE, &f);
  g_assert_true (f.ok);
  g_assert_false (f.allowed);
  fixture_clear (&f);

  /* The dialog was dismissed. */
  run_request (1, TRUE, &f);
  g_assert_true (f.ok);
  g_assert_false (f.allowed);
  fixture_clear (&f);
}

static void
test_no_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  Fixture f = { 0 };
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  tocsin_background_portal_request_async (app_bus, "Watching for on-call alerts", FALSE, NULL, request_cb, &f);
  while (!f.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  g_assert_true (f.done);
  g_assert_false (f.ok);
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

  g_test_add_func ("/background-portal/no-portal", test_no_portal);
  g_test_add_func ("/background-portal/allowed", test_allowed);
  g_test_add_func ("/background-portal/refused", test_refused);
  g_test_add_func ("/background-portal/autostart", test_autostart);

  return g_test_run ();
}
