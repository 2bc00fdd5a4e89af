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

#include "tocsin-dbus-menu.h"
#include "tocsin-status-icon.h"
#include "tocsin-test-notify.h"

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

/* The tray menu over com.canonical.dbusmenu, read and clicked as a panel
 * does: the layout, a click on Pause Paging, and the new layout after it. */

typedef struct {
  char  *paused_for;
  guint  layout_updates;
} MenuState;

static void
pause_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  MenuState *state = user_data;
  GActionMap *map = g_object_get_data (G_OBJECT (action), "map");

  g_free (state->paused_for);
  state->paused_for = g_variant_dup_string (parameter, NULL);
  g_simple_action_set_enabled (action, FALSE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "resume-paging")), TRUE);
}

static void
on_layout_updated (GDBusConnection *connection,
                   const char      *sender,
                   const char      *path,
                   const char      *interface,
                   const char      *signal,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  ((MenuState *)user_data)->layout_updates++;
}

static gboolean
layout_updated (gpointer data)
{
  return ((MenuState *)data)->layout_updates > 0;
}

static gboolean
paused (gpointer data)
{
  return ((MenuState *)data)->paused_for != NULL;
}

static GVariant *
menu_call (GDBusConnection *panel,
           const char      *service,
           const char      *path,
           const char      *method,
           GVariant        *parameters)
{
  GVariant *reply = NULL;

  g_dbus_connection_call (panel, service, path, "com.canonical.dbusmenu", method, parameters,
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, got_reply, &reply);
  wait_for (has_reply, &reply);
  return reply;
}

/* The children of the root as "label|enabled|visible" or "-" for a separator. */
static char *
describe_layout (GVariant *reply)
{
  g_autoptr(GVariant) root = g_variant_get_child_value (reply, 1);
  g_autoptr(GVariant) children = g_variant_get_child_value (root, 2);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) child = g_variant_get_variant (boxed);
      g_autoptr(GVariant) props = g_variant_get_child_value (child, 1);
      const char *type = NULL, *label = NULL;
      gboolean enabled = TRUE, visible = TRUE;

      if (g_variant_lookup (props, "type", "&s", &type) && g_str_equal (type, "separator"))
        {
          g_ptr_array_add (parts, g_strdup ("-"));
          continue;
        }
      g_assert_true (g_variant_lookup (props, "label", "&s", &label));
      g_variant_lookup (props, "enabled", "b", &enabled);
      g_variant_lookup (props, "visible", "b", &visible);
      g_ptr_array_add (parts, g_strdup_printf ("%s|%d|%d", label, enabled, visible));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" ", (char **)parts->pdata);
}

static int
find_item (GVariant   *reply,
           const char *wanted)
{
  g_autoptr(GVariant) root = g_variant_get_child_value (reply, 1);
  g_autoptr(GVariant) children = g_variant_get_child_value (root, 2);

  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) child = g_variant_get_variant (boxed);
      g_autoptr(GVariant) props = g_variant_get_child_value (child, 1);
      const char *label = NULL;
      int id;

      g_variant_get_child (child, 0, "i", &id);
      if (g_variant_lookup (props, "label", "&s", &label) && g_str_equal (label, wanted))
        return id;
    }

  return -1;
}

static void
test_menu (void)
{
  Fixture f = { 0 };
  MenuState state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(TocsinStatusIcon) icon = NULL;
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show = g_simple_action_new ("activate", NULL);
  g_autoptr(GSimpleAction) pause = g_simple_action_new ("pause-paging", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) resume = g_simple_action_new ("resume-paging", NULL);
  g_autoptr(GSimpleAction) quit = g_simple_action_new ("quit", NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  g_autoptr(GVariant) menu_path = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autofree char *layout = NULL;
  const char *path;
  guint subscription;
  int pause_id;

  g_assert_no_error (error);
  f.panel = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);

  g_simple_action_set_enabled (resume, FALSE);
  g_object_set_data (G_OBJECT (pause), "map", actions);
  g_signal_connect (pause, "activate", G_CALLBACK (pause_cb), &state);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (show));
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (pause));
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (resume));
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (quit));

  g_menu_append (menu, "Show Tocsin", "app.activate");
  item = g_menu_item_new ("Pause Paging for 1 Hour", NULL);
  g_menu_item_set_action_and_target (item, "app.pause-paging", "s", "hour");
  g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  g_menu_append_item (section, item);
  g_clear_object (&item);
  item = g_menu_item_new ("Resume Paging", "app.resume-paging");
  g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_menu_append (menu, "Quit", "app.quit");

  icon = tocsin_status_icon_new (app_bus, "io.github.tocsin.Tocsin", "io.github.tocsin.Tocsin-symbolic");
  tocsin_status_icon_set_menu (icon, G_MENU_MODEL (menu), G_ACTION_GROUP (actions));
  start_watcher (&f);
  wait_for (is_registered, icon);

  menu_path = get_property (&f, f.registered_service, "Menu");
  path = g_variant_get_string (menu_path, NULL);
  g_assert_cmpstr (path, !=, "/NO_DBUSMENU");

  {
    GVariant *value = NULL;

    g_dbus_connection_call (f.panel, f.registered_service, path, "org.freedesktop.DBus.Properties", "Get",
                            g_variant_new ("(ss)", "com.canonical.dbusmenu", "Version"),
                            G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, got_reply, &value);
    wait_for (has_reply, &value);
    g_variant_get (value, "(v)", &version);
    g_variant_unref (value);
    g_assert_cmpuint (g_variant_get_uint32 (version), >=, 3);
  }

  reply = menu_call (f.panel, f.registered_service, path, "GetLayout",
                     g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)));
  layout = describe_layout (reply);
  g_assert_cmpstr (layout, ==,
                   "Show Tocsin|1|1 - Pause Paging for 1 Hour|1|1 Resume Paging|0|0 - Quit|1|1");

  subscription = g_dbus_connection_signal_subscribe (f.panel, NULL, "com.canonical.dbusmenu", "LayoutUpdated",
                                                     path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                     on_layout_updated, &state, NULL);
  /* A round trip, so the bus has the match rule before the menu emits. */
  {
    g_autoptr(GVariant) id = NULL;

    g_dbus_connection_call (f.panel, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                            "GetId", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, got_reply, &id);
    wait_for (has_reply, &id);
  }

  /* Clicking Pause Paging activates the action with its target. */
  pause_id = find_item (reply, "Pause Paging for 1 Hour");
  g_assert_cmpint (pause_id, >, 0);
  g_variant_unref (menu_call (f.panel, f.registered_service, path, "Event",
                              g_variant_new ("(isvu)", pause_id, "clicked", g_variant_new_int32 (0), 0)));
  wait_for (paused, &state);
  g_assert_cmpstr (state.paused_for, ==, "hour");

  /* The panel is told to fetch again, and Resume replaces Pause. */
  wait_for (layout_updated, &state);
  g_clear_pointer (&reply, g_variant_unref);
  g_clear_pointer (&layout, g_free);
  reply = menu_call (f.panel, f.registered_service, path, "GetLayout",
                     g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)));
  layout = describe_layout (reply);
  g_assert_cmpstr (layout, ==,
                   "Show Tocsin|1|1 - Pause Paging for 1 Hour|0|0 Resume Paging|1|1 - Quit|1|1");

  g_dbus_connection_signal_unsubscribe (f.panel, subscription);
  stop_watcher (&f);
  g_clear_object (&f.panel);
  g_free (f.registered_service);
  g_free (state.paused_for);
}

static GDBusConnection *
connect_panel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *panel;

  g_assert_no_error (error);
  panel = g_dbus_connection_new_for_address_sync (address,
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);
  return panel;
}

static void
got_error (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GVariant) reply =
    g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, error);

  g_assert_null (reply);
}

static gboolean
has_error (gpointer data)
{
  return *(GError **)data != NULL;
}

/* A com.canonical.dbusmenu call that must fail; returns its error. */
static GError *
menu_call_error (GDBusConnection *panel,
                 const char      *service,
                 const char      *path,
                 const char      *method,
                 GVariant        *parameters)
{
  GError *error = NULL;

  g_dbus_connection_call (panel, service, path, "com.canonical.dbusmenu", method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, got_error, &error);
  wait_for (has_error, &error);
  return error;
}

/* The icon's properties notify when they change, and never on a set to the
 * value they have; registered follows the panel coming and going. */
static void
test_notify (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(TocsinStatusIcon) icon = NULL;
  g_autoptr(TocsinTestNotify) registered = NULL;
  g_autoptr(TocsinTestNotify) tooltip = NULL;
  g_autoptr(TocsinTestNotify) needs_attention = NULL;

  g_assert_no_error (error);
  f.panel = connect_panel ();
  icon =
    tocsin_status_icon_new (app_bus, "io.github.tocsin.Tocsin", "io.github.tocsin.Tocsin-symbolic");
  registered = tocsin_test_notify_new (icon, "registered");
  tooltip = tocsin_test_notify_new (icon, "tooltip");
  needs_attention = tocsin_test_notify_new (icon, "needs-attention");

  tocsin_status_icon_set_tooltip (icon, tocsin_status_icon_get_tooltip (icon));
  tocsin_test_notify_assert (tooltip, 0);
  tocsin_status_icon_set_tooltip (icon, "2 open alerts");
  tocsin_status_icon_set_tooltip (icon, "2 open alerts");
  tocsin_test_notify_assert (tooltip, 1);
  tocsin_status_icon_set_tooltip (icon, NULL);
  tocsin_test_notify_assert (tooltip, 1);

  tocsin_status_icon_set_needs_attention (icon, FALSE);
  tocsin_test_notify_assert (needs_attention, 0);
  tocsin_status_icon_set_needs_attention (icon, TRUE);
  tocsin_status_icon_set_needs_attention (icon, TRUE);
  tocsin_test_notify_assert (needs_attention, 1);

  tocsin_test_notify_assert (registered, 0);
  start_watcher (&f);
  wait_for (is_registered, icon);
  tocsin_test_notify_assert (registered, 1);
  stop_watcher (&f);
  wait_for (is_unregistered, icon);
  tocsin_test_notify_assert (registered, 1);

  g_clear_object (&f.panel);
  g_free (f.registered_service);
}

static void
count_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  (*(guint *)user_data)++;
}

/* The menu's other methods, as hosts use them: properties of a group of
 * items or of one, a group of clicks, and the AboutToShow calls. Then,
 * finalized, it is gone from the bus. */
static void
test_dbus_menu (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusConnection) panel = connect_panel ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show = g_simple_action_new ("activate", NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GVariant) failed = NULL;
  g_autoptr(GVariant) updates = NULL;
  g_autoptr(GVariant) id_errors = NULL;
  g_autoptr(GVariant) items = NULL;
  const char *service;
  const char *label;
  guint activations = 0;
  gboolean needs_update;
  TocsinDBusMenu *dbus_menu;
  int id;

  g_assert_no_error (error);
  service = g_dbus_connection_get_unique_name (app_bus);
  g_signal_connect (show, "activate", G_CALLBACK (count_cb), &activations);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (show));
  g_menu_append (menu, "Show Tocsin", "app.activate");
  g_menu_append (menu, "Quit", "app.quit");
  dbus_menu = tocsin_dbus_menu_new (app_bus, "/io/github/tocsin/TestMenu", G_MENU_MODEL (menu),
                                    G_ACTION_GROUP (actions));

  /* Item 3 does not exist: left out of the answer. */
  reply = menu_call (panel, service, "/io/github/tocsin/TestMenu", "GetGroupProperties",
                     g_variant_new_parsed ("([1, 2, 3], ['label'])"));
  items = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (items), ==, 2);
  g_variant_get_child (items, 1, "(i@a{sv})", &id, &props);
  g_assert_cmpint (id, ==, 2);
  g_assert_true (g_variant_lookup (props, "label", "&s", &label));
  g_assert_cmpstr (label, ==, "Quit");
  /* Only what was asked for. */
  g_assert_cmpuint (g_variant_n_children (props), ==, 1);
  g_clear_pointer (&reply, g_variant_unref);

  reply = menu_call (panel, service, "/io/github/tocsin/TestMenu", "GetProperty",
                     g_variant_new ("(is)", 1, "label"));
  g_variant_get (reply, "(v)", &value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "Show Tocsin");
  g_clear_pointer (&reply, g_variant_unref);
  error = menu_call_error (panel, service, "/io/github/tocsin/TestMenu", "GetProperty",
                           g_variant_new ("(is)", 3, "label"));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);

  /* Quit has no action here: its click does nothing, and item 3 fails. */
  reply = menu_call (panel, service, "/io/github/tocsin/TestMenu", "EventGroup",
                     g_variant_new_parsed (
                       "([(1, 'clicked', <0>, uint32 0), (2, 'clicked', <0>, uint32 0),"
                       "  (3, 'clicked', <0>, uint32 0)],)"));
  g_variant_get (reply, "(@ai)", &failed);
  g_assert_cmpuint (g_variant_n_children (failed), ==, 1);
  g_variant_get_child (failed, 0, "i", &id);
  g_assert_cmpint (id, ==, 3);
  g_assert_cmpuint (activations, ==, 1);
  g_clear_pointer (&reply, g_variant_unref);

  reply = menu_call (panel, service, "/io/github/tocsin/TestMenu", "AboutToShow",
                     g_variant_new ("(i)", 0));
  g_variant_get (reply, "(b)", &needs_update);
  g_assert_false (needs_update);
  g_clear_pointer (&reply, g_variant_unref);
  reply = menu_call (panel, service, "/io/github/tocsin/TestMenu", "AboutToShowGroup",
                     g_variant_new_parsed ("([0, 1],)"));
  g_variant_get (reply, "(@ai@ai)", &updates, &id_errors);
  g_assert_cmpuint (g_variant_n_children (updates), ==, 0);
  g_assert_cmpuint (g_variant_n_children (id_errors), ==, 0);

  g_assert_finalize_object (dbus_menu);
  error = menu_call_error (panel, service, "/io/github/tocsin/TestMenu", "AboutToShow",
                           g_variant_new ("(i)", 0));
  g_assert_true (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                 g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT));
}

/* Dropped by its owner while registered, the icon and its menu are
 * finalized and leave the bus. */
static void
test_finalize (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) app_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GVariant) menu_path = NULL;
  TocsinStatusIcon *icon;

  g_assert_no_error (error);
  f.panel = connect_panel ();
  g_menu_append (menu, "Quit", "app.quit");
  icon =
    tocsin_status_icon_new (app_bus, "io.github.tocsin.Tocsin", "io.github.tocsin.Tocsin-symbolic");
  tocsin_status_icon_set_menu (icon, G_MENU_MODEL (menu), G_ACTION_GROUP (actions));
  start_watcher (&f);
  wait_for (is_registered, icon);
  menu_path = get_property (&f, f.registered_service, "Menu");

  g_assert_finalize_object (icon);
  /* Asked on the app's own connection, where the menu was exported: gone. */
  error = menu_call_error (f.panel, g_dbus_connection_get_unique_name (app_bus),
                           g_variant_get_string (menu_path, NULL), "AboutToShow",
                           g_variant_new ("(i)", 0));
  g_assert_true (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                 g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT));

  stop_watcher (&f);
  g_clear_object (&f.panel);
  g_free (f.registered_service);
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
  g_test_add_func ("/status-icon/menu", test_menu);
  g_test_add_func ("/status-icon/notify", test_notify);
  g_test_add_func ("/status-icon/dbus-menu", test_dbus_menu);
  g_test_add_func ("/status-icon/finalize", test_finalize);

  return g_test_run ();
}
