/* test-status-icon.c: the StatusNotifierItem against a watcher on the bus
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the panel: on its own connection to the session bus it owns
 * org.kde.StatusNotifierWatcher, records registrations, reads the item's
 * properties and clicks it, as KDE's or Waybar's tray would.
 */

#include "config.h"

#include "tocsin-status-icon.h"

static const char watcher_xml[] =
  "<node><interface name='org.kde.StatusNotifierWatcher'>"
  "  <method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
  "</interface></node>";

typedef struct {
  GDBusConnection *panel;       /* the "panel" process's connection */
  guint            owner_id;
  guint            object_id;
  char            *registered_service;
  char            *last_status;
  guint            activations;
} Fixture;

static void
watcher_method (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Fixture *f = user_data;

  g_free (f->registered_service);
  g_variant_get (parameters, "(s)", &f->registered_service);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable watcher_vtable = { watcher_method, NULL, NULL, { 0 } };

static void
start_watcher (Fixture *f)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (watcher_xml, NULL);
  g_autoptr(GError) error = NULL;

  f->object_id = g_dbus_connection_register_object (f->panel, "/StatusNotifierWatcher", info->interfaces[0],
                                                    &watcher_vtable, f, NULL, &error);
  g_assert_no_error (error);
  f->owner_id = g_bus_own_name_on_connection (f->panel, "org.kde.StatusNotifierWatcher",
                                              G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
}

static void
stop_watcher (Fixture *f)
{
  g_clear_handle_id (&f->owner_id, g_bus_unown_name);
  if (f->object_id != 0)
    g_dbus_connection_unregister_object (f->panel, f->object_id);
  f->object_id = 0;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until @predicate holds, for at most 5 s; the wake-up source makes
 * a blocking iteration return even when nothing else happens. */
static void
wait_for (gboolean (*predicate) (gpointer),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!predicate (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_true (predicate (data));
}

static gboolean
is_registered (gpointer data)
{
  return tocsin_status_icon_get_registered (data);
}

static gboolean
is_unregistered (gpointer data)
{
  return !tocsin_status_icon_get_registered (data);
}

static void
got_reply (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GVariant **reply = user_data;
  g_autoptr(GError) error = NULL;

  *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
has_reply (gpointer data)
{
  return *(GVariant **)data != NULL;
}

/* Asynchronous: the item answers from this same process's main loop. */
static GVariant *
get_property (Fixture    *f,
              const char *service,
              const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  GVariant *value;

  g_dbus_connection_call (f->panel, service, "/StatusNotifierItem",
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", "org.kde.StatusNotifierItem", name),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, got_reply, &reply);
  wait_for (has_reply, &reply);
  g_variant_get (reply, "(v)", &value);
  return value;
}

static void
on_new_status (GDBusConnection *connection,
               const char      *sender,
               const char      *path,
               const char      *interface,
               const char      *signal,
               GVariant        *parameters,
               gpointer         user_data)
{
  Fixture *f = user_data;

  g_free (f->last_status);
  g_variant_get (parameters, "(s)", &f->last_status);
}

static gboolean
status_is_attention (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (f->last_status, "NeedsAttention") == 0;
}

static void
on_activate (TocsinStatusIcon *icon,
             Fixture          *f)
{
  f->activations++;
}

static gboolean
activated (gpointer data)
{
  return ((Fixture *)data)->activations > 0;
}

static void
test_register_show_and_click (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(TocsinStatusIcon) icon = NULL;
  g_autoptr(GVariant) icon_name = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GVariant) tooltip = NULL;
  g_autofree char *tooltip_text = NULL;
  const char *service;
  guint subscription;

  g_assert_no_error (error);
  f.panel = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);

  /* The icon comes first; the panel starts later, as after a login. */
  icon = tocsin_status_icon_new (app_bus, "io.github.tocsin.Tocsin", "io.github.tocsin.Tocsin-symbolic");
  g_signal_connect (icon, "activate", G_CALLBACK (on_activate), &f);
  g_assert_false (tocsin_status_icon_get_registered (icon));

  start_watcher (&f);
  g_test_message ("waiting for the first registration");
  wait_for (is_registered, icon);
  g_assert_true (g_str_has_prefix (f.registered_service, "org.kde.StatusNotifierItem-"));
  service = f.registered_service;

  icon_name = get_property (&f, service, "IconName");
  g_assert_cmpstr (g_variant_get_string (icon_name, NULL), ==, "io.github.tocsin.Tocsin-symbolic");
  status = get_property (&f, service, "Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "Active");

  tocsin_status_icon_set_tooltip (icon, "3 open alerts · On call until Tue 09:00");
  tooltip = get_property (&f, service, "ToolTip");
  g_variant_get_child (tooltip, 3, "s", &tooltip_text);
  g_assert_cmpstr (tooltip_text, ==, "3 open alerts · On call until Tue 09:00");

  subscription = g_dbus_connection_signal_subscribe (f.panel, NULL, "org.kde.StatusNotifierItem", "NewStatus",
                                                     "/StatusNotifierItem", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                     on_new_status, &f, NULL);
  /* The match rule is installed when the bus has read the AddMatch; a round
   * trip on the same connection guarantees that before the icon emits. */
  {
    g_autoptr(GVariant) id = NULL;

    g_dbus_connection_call (f.panel, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                            "GetId", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, got_reply, &id);
    wait_for (has_reply, &id);
  }
  tocsin_status_icon_set_needs_attention (icon, TRUE);
  wait_for (status_is_attention, &f);
  g_dbus_connection_signal_unsubscribe (f.panel, subscription);

  g_test_message ("clicking");
  /* A click in the panel. */
  g_dbus_connection_call (f.panel, service, "/StatusNotifierItem", "org.kde.StatusNotifierItem",
                          "Activate", g_variant_new ("(ii)", 0, 0), NULL, G_DBUS_CALL_FLAGS_NONE,
                          -1, NULL, NULL, NULL);
  wait_for (activated, &f);

  g_test_message ("restarting the panel");
  /* The panel restarts: the icon registers with the new one. */
  stop_watcher (&f);
  wait_for (is_unregistered, icon);
  g_clear_pointer (&f.registered_service, g_free);
  start_watcher (&f);
  wait_for (is_registered, icon);
  g_assert_nonnull (f.registered_service);

  stop_watcher (&f);
  g_clear_object (&f.panel);
  g_free (f.registered_service);
  g_free (f.last_status);
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

  g_test_add_func ("/status-icon/register-show-and-click", test_register_show_and_click);

  return g_test_run ();
}
