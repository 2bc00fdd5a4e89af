/* tocsin-status-icon.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-status-icon"

#include "config.h"

#include <unistd.h>

#include "tocsin-dbus-menu.h"
#include "tocsin-status-icon.h"

/* A StatusNotifierItem (the "tray icon" of KDE, Waybar, and GNOME with the
 * AppIndicator extension), written against GDBus because GTK 4 has no tray
 * API and libayatana is GTK 3 only. A click emits "activate", which brings
 * the window up; the tooltip says what needs the user; an optional menu is
 * exported as com.canonical.dbusmenu (TocsinDBusMenu) for a right-click. It registers with org.kde.StatusNotifierWatcher whenever one is on
 * the bus, so a panel that starts later still shows it. */

#define ITEM_PATH "/StatusNotifierItem"
#define MENU_PATH "/StatusNotifierItem/Menu"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierItem'>"
  "    <property name='Category' type='s' access='read'/>"
  "    <property name='Id' type='s' access='read'/>"
  "    <property name='Title' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='IconName' type='s' access='read'/>"
  "    <property name='AttentionIconName' type='s' access='read'/>"
  "    <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "    <property name='ItemIsMenu' type='b' access='read'/>"
  "    <property name='Menu' type='o' access='read'/>"
  "    <method name='Activate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "    <method name='SecondaryActivate'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "    <method name='ContextMenu'><arg type='i' direction='in'/><arg type='i' direction='in'/></method>"
  "    <method name='Scroll'><arg type='i' direction='in'/><arg type='s' direction='in'/></method>"
  "    <signal name='NewStatus'><arg type='s'/></signal>"
  "    <signal name='NewToolTip'/>"
  "  </interface>"
  "</node>";

struct _TocsinStatusIcon
{
  GObject          parent_instance;

  GDBusConnection *connection;
  char            *id;
  char            *icon_name;
  char            *bus_name;
  char            *tooltip;
  gboolean         needs_attention;
  gboolean         registered;
  TocsinDBusMenu  *menu;

  guint            object_id;
  guint            own_id;
  guint            watch_id;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (TocsinStatusIcon, tocsin_status_icon, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGISTERED,
  PROP_TOOLTIP,
  PROP_NEEDS_ATTENTION,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
emit_item_signal (TocsinStatusIcon *self,
                  const char       *name,
                  GVariant         *parameters)
{
  if (self->object_id == 0)
    {
      if (parameters != NULL)
        g_variant_unref (g_variant_ref_sink (parameters));
      return;
    }

  g_dbus_connection_emit_signal (self->connection, NULL, ITEM_PATH,
                                 "org.kde.StatusNotifierItem", name, parameters, NULL);
}

static GVariant *
get_item_property (GDBusConnection *connection,
                   const char      *sender,
                   const char      *object_path,
                   const char      *interface_name,
                   const char      *property_name,
                   GError         **error,
                   gpointer         user_data)
{
  TocsinStatusIcon *self = user_data;

  if (g_str_equal (property_name, "Category"))
    return g_variant_new_string ("Communications");
  if (g_str_equal (property_name, "Id"))
    return g_variant_new_string (self->id);
  if (g_str_equal (property_name, "Title"))
    return g_variant_new_string ("Tocsin");
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string (self->needs_attention ? "NeedsAttention" : "Active");
  if (g_str_equal (property_name, "IconName") || g_str_equal (property_name, "AttentionIconName"))
    return g_variant_new_string (self->icon_name);
  if (g_str_equal (property_name, "ToolTip"))
    return g_variant_new ("(s@a(iiay)ss)", self->icon_name,
                          g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0),
                          "Tocsin", self->tooltip != NULL ? self->tooltip : "");
  if (g_str_equal (property_name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (property_name, "Menu"))
    return g_variant_new_object_path (self->menu != NULL ? MENU_PATH : "/NO_DBUSMENU");

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

static void
call_item_method (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  TocsinStatusIcon *self = user_data;

  /* A right-click shows the menu, when there is one (the host draws it);
   * every other click means "show me". */
  if (!g_str_equal (method_name, "Scroll") &&
      !(self->menu != NULL && g_str_equal (method_name, "ContextMenu")))
    g_signal_emit (self, signals [ACTIVATE], 0);

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable item_vtable = {
  call_item_method, get_item_property, NULL, { 0 }
};

static void
set_registered (TocsinStatusIcon *self,
                gboolean          registered)
{
  if (self->registered == registered)
    return;

  self->registered = registered;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REGISTERED]);
}

static void
on_registered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    g_debug ("The status notifier watcher refused the icon: %s", error->message);
  set_registered (TOCSIN_STATUS_ICON (user_data), reply != NULL);
}

static void
on_watcher_appeared_cb (GDBusConnection *connection,
                        const char      *name,
                        const char      *name_owner,
                        gpointer         user_data)
{
  TocsinStatusIcon *self = user_data;

  g_dbus_connection_call (connection, WATCHER_NAME, "/StatusNotifierWatcher", WATCHER_NAME,
                          "RegisterStatusNotifierItem", g_variant_new ("(s)", self->bus_name),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          on_registered_cb, self);
}

static void
on_watcher_vanished_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  set_registered (TOCSIN_STATUS_ICON (user_data), FALSE);
}

static void
export_item (TocsinStatusIcon *self)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  static guint instance;

  info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_assert (info != NULL);

  self->object_id = g_dbus_connection_register_object (self->connection, ITEM_PATH, info->interfaces[0],
                                                       &item_vtable, self, NULL, &error);
  if (self->object_id == 0)
    {
      g_debug ("Could not export the status icon: %s", error->message);
      return;
    }

  /* The well-known name the specification asks for; watchers also accept
   * the unique name, which is what hosts see if owning this fails. */
  self->bus_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-%u", getpid (), ++instance);
  self->own_id = g_bus_own_name_on_connection (self->connection, self->bus_name,
                                               G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  self->watch_id = g_bus_watch_name_on_connection (self->connection, WATCHER_NAME,
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   on_watcher_appeared_cb, on_watcher_vanished_cb,
                                                   self, NULL);
}

static void
tocsin_status_icon_dispose (GObject *object)
{
  TocsinStatusIcon *self = (TocsinStatusIcon *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->own_id, g_bus_unown_name);
  if (self->object_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->object_id);
  self->object_id = 0;
  g_clear_object (&self->menu);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tocsin_status_icon_parent_class)->dispose (object);
}

static void
tocsin_status_icon_finalize (GObject *object)
{
  TocsinStatusIcon *self = (TocsinStatusIcon *)object;

  g_free (self->id);
  g_free (self->icon_name);
  g_free (self->bus_name);
  g_free (self->tooltip);

  G_OBJECT_CLASS (tocsin_status_icon_parent_class)->finalize (object);
}

static void
tocsin_status_icon_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinStatusIcon *self = TOCSIN_STATUS_ICON (object);

  switch (prop_id)
    {
    case PROP_REGISTERED:
      g_value_set_boolean (value, self->registered);
      break;

    case PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
      break;

    case PROP_NEEDS_ATTENTION:
      g_value_set_boolean (value, self->needs_attention);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_status_icon_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TocsinStatusIcon *self = TOCSIN_STATUS_ICON (object);

  switch (prop_id)
    {
    case PROP_TOOLTIP:
      tocsin_status_icon_set_tooltip (self, g_value_get_string (value));
      break;

    case PROP_NEEDS_ATTENTION:
      tocsin_status_icon_set_needs_attention (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_status_icon_class_init (TocsinStatusIconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_status_icon_dispose;
  object_class->finalize = tocsin_status_icon_finalize;
  object_class->get_property = tocsin_status_icon_get_property;
  object_class->set_property = tocsin_status_icon_set_property;

  properties [PROP_REGISTERED] =
    g_param_spec_boolean ("registered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NEEDS_ATTENTION] =
    g_param_spec_boolean ("needs-attention", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tocsin_status_icon_init (TocsinStatusIcon *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * tocsin_status_icon_new:
 * @connection: the session bus
 * @id: the application id, shown by hosts that list items
 * @icon_name: a themed icon name
 */
TocsinStatusIcon *
tocsin_status_icon_new (GDBusConnection *connection,
                        const char      *id,
                        const char      *icon_name)
{
  TocsinStatusIcon *self;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (icon_name != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_STATUS_ICON, NULL);
  self->connection = g_object_ref (connection);
  self->id = g_strdup (id);
  self->icon_name = g_strdup (icon_name);
  export_item (self);

  return self;
}

gboolean
tocsin_status_icon_get_registered (TocsinStatusIcon *self)
{
  g_return_val_if_fail (TOCSIN_IS_STATUS_ICON (self), FALSE);

  return self->registered;
}

const char *
tocsin_status_icon_get_tooltip (TocsinStatusIcon *self)
{
  g_return_val_if_fail (TOCSIN_IS_STATUS_ICON (self), NULL);

  return self->tooltip;
}

void
tocsin_status_icon_set_tooltip (TocsinStatusIcon *self,
                                const char       *tooltip)
{
  g_return_if_fail (TOCSIN_IS_STATUS_ICON (self));

  if (g_strcmp0 (self->tooltip, tooltip) == 0)
    return;

  g_free (self->tooltip);
  self->tooltip = g_strdup (tooltip);
  emit_item_signal (self, "NewToolTip", NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOOLTIP]);
}

gboolean
tocsin_status_icon_get_needs_attention (TocsinStatusIcon *self)
{
  g_return_val_if_fail (TOCSIN_IS_STATUS_ICON (self), FALSE);

  return self->needs_attention;
}

void
tocsin_status_icon_set_needs_attention (TocsinStatusIcon *self,
                                        gboolean          needs_attention)
{
  g_return_if_fail (TOCSIN_IS_STATUS_ICON (self));

  needs_attention = !!needs_attention;
  if (self->needs_attention == needs_attention)
    return;

  self->needs_attention = needs_attention;
  emit_item_signal (self, "NewStatus", g_variant_new ("(s)", needs_attention ? "NeedsAttention" : "Active"));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_ATTENTION]);
}

/* Exports @menu (items activating "app." actions of @actions) as the icon's
 * context menu. */
void
tocsin_status_icon_set_menu (TocsinStatusIcon *self,
                             GMenuModel       *menu,
                             GActionGroup     *actions)
{
  g_return_if_fail (TOCSIN_IS_STATUS_ICON (self));
  g_return_if_fail (G_IS_MENU_MODEL (menu));
  g_return_if_fail (G_IS_ACTION_GROUP (actions));

  g_clear_object (&self->menu);
  self->menu = tocsin_dbus_menu_new (self->connection, MENU_PATH, menu, actions);
}
