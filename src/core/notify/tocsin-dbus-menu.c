/* tocsin-dbus-menu.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-dbus-menu"

#include "config.h"

#include <string.h>

#include "tocsin-dbus-menu.h"

/* Exports a GMenuModel as com.canonical.dbusmenu, the menu protocol of
 * StatusNotifierItem hosts (KDE Plasma, Waybar, the GNOME AppIndicator
 * extension). There is no GLib implementation of it and libdbusmenu drags
 * in GTK 3, so this speaks it over GDBus. The menu is flat: sections become
 * items separated by separators (submenus are not used by Tocsin); items
 * activate "app." actions of the given action group, are greyed out while
 * their action is disabled and hidden then if they carry
 * hidden-when="action-disabled", as GTK's own menus do. Item ids are
 * positions, so every change of the menu or of an action's state bumps the
 * revision and announces a new layout. */

typedef struct
{
  char     *label;
  char     *action;     /* without "app.", NULL for a separator */
  GVariant *target;
  gboolean  separator;
  gboolean  hide_when_disabled;
} Entry;

struct _TocsinDBusMenu
{
  GObject          parent_instance;

  GDBusConnection *connection;
  char            *path;
  GMenuModel      *menu;
  GActionGroup    *actions;
  GPtrArray       *entries;   /* Entry; the item id is the index + 1 */
  GPtrArray       *models;    /* the menu and its sections, watched */
  guint            revision;
  guint            object_id;
};

G_DEFINE_FINAL_TYPE (TocsinDBusMenu, tocsin_dbus_menu, G_TYPE_OBJECT)

static const char introspection_xml[] =
  "<node>"
  "  <interface name='com.canonical.dbusmenu'>"
  "    <property name='Version' type='u' access='read'/>"
  "    <property name='TextDirection' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='IconThemePath' type='as' access='read'/>"
  "    <method name='GetLayout'>"
  "      <arg type='i' direction='in'/><arg type='i' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='u' direction='out'/><arg type='(ia{sv}av)' direction='out'/>"
  "    </method>"
  "    <method name='GetGroupProperties'>"
  "      <arg type='ai' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a(ia{sv})' direction='out'/>"
  "    </method>"
  "    <method name='GetProperty'>"
  "      <arg type='i' direction='in'/><arg type='s' direction='in'/><arg type='v' direction='out'/>"
  "    </method>"
  "    <method name='Event'>"
  "      <arg type='i' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='v' direction='in'/><arg type='u' direction='in'/>"
  "    </method>"
  "    <method name='EventGroup'>"
  "      <arg type='a(isvu)' direction='in'/><arg type='ai' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShow'><arg type='i' direction='in'/><arg type='b' direction='out'/></method>"
  "    <method name='AboutToShowGroup'>"
  "      <arg type='ai' direction='in'/><arg type='ai' direction='out'/><arg type='ai' direction='out'/>"
  "    </method>"
  "    <signal name='ItemsPropertiesUpdated'><arg type='a(ia{sv})'/><arg type='a(ias)'/></signal>"
  "    <signal name='LayoutUpdated'><arg type='u'/><arg type='i'/></signal>"
  "    <signal name='ItemActivationRequested'><arg type='i'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

static void
entry_free (Entry *entry)
{
  g_free (entry->label);
  g_free (entry->action);
  g_clear_pointer (&entry->target, g_variant_unref);
  g_free (entry);
}

static void rebuild (TocsinDBusMenu *self);

/* Hosts fetch the layout again on LayoutUpdated. */
static void
layout_changed (TocsinDBusMenu *self)
{
  self->revision++;
  if (self->object_id != 0)
    g_dbus_connection_emit_signal (self->connection, NULL, self->path, "com.canonical.dbusmenu",
                                   "LayoutUpdated", g_variant_new ("(ui)", self->revision, 0), NULL);
}

static void
on_menu_changed_cb (TocsinDBusMenu *self)
{
  rebuild (self);
}

static void
add_separator (TocsinDBusMenu *self)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->separator = TRUE;
  g_ptr_array_add (self->entries, entry);
}

/* A section is set apart by separators from whatever is next to it, as in
 * GTK's menus. */
static void
add_items (TocsinDBusMenu *self,
           GMenuModel     *model,
           gboolean        after_section)
{
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_menu_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->models, g_object_ref (model));

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *action = NULL;
      g_autofree char *hidden_when = NULL;
      Entry *entry;

      if (self->entries->len > 0 && (section != NULL || after_section))
        add_separator (self);

      if (section != NULL)
        {
          add_items (self, section, FALSE);
          after_section = TRUE;
          continue;
        }

      after_section = FALSE;
      entry = g_new0 (Entry, 1);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &entry->label);
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_has_prefix (action, "app."))
        entry->action = g_strdup (action + strlen ("app."));
      entry->target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      entry->hide_when_disabled =
        g_menu_model_get_item_attribute (model, i, "hidden-when", "s", &hidden_when) &&
        g_str_equal (hidden_when, "action-disabled");
      g_ptr_array_add (self->entries, entry);
    }
}

static void
rebuild (TocsinDBusMenu *self)
{
  for (guint i = 0; i < self->models->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->models, i), self);
  g_ptr_array_set_size (self->models, 0);
  g_ptr_array_set_size (self->entries, 0);
  add_items (self, self->menu, FALSE);
  layout_changed (self);
}

static gboolean
entry_enabled (TocsinDBusMenu *self,
               Entry          *entry)
{
  return entry->action != NULL && g_action_group_get_action_enabled (self->actions, entry->action);
}

static Entry *
lookup_entry (TocsinDBusMenu *self,
              int             id)
{
  if (id < 1 || (guint)id > self->entries->len)
    return NULL;

  return g_ptr_array_index (self->entries, id - 1);
}

static gboolean
wanted (const char * const *names,
        const char         *name)
{
  /* An empty list asks for every property. */
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

static GVariant *
item_properties (TocsinDBusMenu     *self,
                 int                 id,
                 const char * const *names)
{
  GVariantBuilder props;
  Entry *entry = lookup_entry (self, id);

  g_variant_builder_init (&props, G_VARIANT_TYPE_VARDICT);
  if (id == 0)
    {
      if (wanted (names, "children-display"))
        g_variant_builder_add (&props, "{sv}", "children-display", g_variant_new_string ("submenu"));
    }
  else if (entry->separator)
    {
      if (wanted (names, "type"))
        g_variant_builder_add (&props, "{sv}", "type", g_variant_new_string ("separator"));
    }
  else
    {
      gboolean enabled = entry_enabled (self, entry);

      if (wanted (names, "label"))
        g_variant_builder_add (&props, "{sv}", "label", g_variant_new_string (entry->label ? entry->label : ""));
      if (wanted (names, "enabled"))
        g_variant_builder_add (&props, "{sv}", "enabled", g_variant_new_boolean (enabled));
      if (wanted (names, "visible"))
        g_variant_builder_add (&props, "{sv}", "visible",
                               g_variant_new_boolean (enabled || !entry->hide_when_disabled));
    }

  return g_variant_builder_end (&props);
}

static GVariant *
layout (TocsinDBusMenu     *self,
        int                 id,
        int                 depth,
        const char * const *names)
{
  GVariantBuilder children;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  if (id == 0 && depth != 0)
    for (guint i = 0; i < self->entries->len; i++)
      g_variant_builder_add (&children, "v", layout (self, i + 1, depth - 1, names));

  return g_variant_new ("(i@a{sv}av)", id, item_properties (self, id, names), &children);
}

static gboolean
activate (TocsinDBusMenu *self,
          int             id,
          const char     *event)
{
  Entry *entry = lookup_entry (self, id);

  if (id != 0 && entry == NULL)
    return FALSE;

  if (g_str_equal (event, "clicked") && entry != NULL && entry_enabled (self, entry))
    g_action_group_activate_action (self->actions, entry->action, entry->target);

  return TRUE;
}

/* The methods of com.canonical.dbusmenu, one function each. */

static void
method_get_layout (TocsinDBusMenu        *self,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation)
{
  g_autofree const char **names = NULL;
  int parent, depth;

  g_variant_get (parameters, "(ii^a&s)", &parent, &depth, &names);
  if (parent != 0 && lookup_entry (self, parent) == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "No menu item %d", parent);
      return;
    }
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(u@(ia{sv}av))", self->revision,
                                                        layout (self, parent, depth, names)));
}

static void
method_get_group_properties (TocsinDBusMenu        *self,
                             GVariant              *parameters,
                             GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) ids = NULL;
  g_autofree const char **names = NULL;
  GVariantBuilder result;
  GVariantIter iter;
  int id;

  g_variant_get (parameters, "(@ai^a&s)", &ids, &names);
  g_variant_builder_init (&result, G_VARIANT_TYPE ("a(ia{sv})"));
  g_variant_iter_init (&iter, ids);
  while (g_variant_iter_next (&iter, "i", &id))
    if (id == 0 || lookup_entry (self, id) != NULL)
      g_variant_builder_add (&result, "(i@a{sv})", id, item_properties (self, id, names));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &result));
}

static void
method_get_property (TocsinDBusMenu        *self,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *name;
  const char *names[2] = { NULL, NULL };
  int id;

  g_variant_get (parameters, "(i&s)", &id, &name);
  names[0] = name;
  if (id == 0 || lookup_entry (self, id) != NULL)
    props = g_variant_ref_sink (item_properties (self, id, names));
  if (props != NULL)
    value = g_variant_lookup_value (props, name, NULL);
  if (value == NULL)
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                           "No property %s on menu item %d", name, id);
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
}

static void
method_event (TocsinDBusMenu        *self,
              GVariant              *parameters,
              GDBusMethodInvocation *invocation)
{
  const char *event;
  int id;

  g_variant_get (parameters, "(i&svu)", &id, &event, NULL, NULL);
  if (activate (self, id, event))
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                           "No menu item %d", id);
}

static void
method_event_group (TocsinDBusMenu        *self,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariantIter) events = NULL;
  GVariantBuilder errors;
  const char *event;
  int id;

  g_variant_get (parameters, "(a(isvu))", &events);
  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  while (g_variant_iter_loop (events, "(i&svu)", &id, &event, NULL, NULL))
    if (!activate (self, id, event))
      g_variant_builder_add (&errors, "i", id);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", &errors));
}

/* Nothing is built lazily: no item needs an update before it shows. */
static void
method_about_to_show (TocsinDBusMenu        *self,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation)
{
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
}

static void
method_about_to_show_group (TocsinDBusMenu        *self,
                            GVariant              *parameters,
                            GDBusMethodInvocation *invocation)
{
  GVariant *none = g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0);
  GVariant *no_errors = g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0);

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(@ai@ai)", none, no_errors));
}

static const struct
{
  const char *name;
  void (*handle) (TocsinDBusMenu        *self,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation);
} methods[] = {
  { "GetLayout", method_get_layout },
  { "GetGroupProperties", method_get_group_properties },
  { "GetProperty", method_get_property },
  { "Event", method_event },
  { "EventGroup", method_event_group },
  { "AboutToShow", method_about_to_show },
  { "AboutToShowGroup", method_about_to_show_group },
};

static void
call_method (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  TocsinDBusMenu *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_str_equal (method_name, methods[i].name))
      {
        methods[i].handle (self, parameters, invocation);
        return;
      }

  g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                         "No method %s", method_name);
}

static GVariant *
get_property (GDBusConnection *connection,
              const char      *sender,
              const char      *object_path,
              const char      *interface_name,
              const char      *property_name,
              GError         **error,
              gpointer         user_data)
{
  if (g_str_equal (property_name, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (property_name, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string ("normal");
  if (g_str_equal (property_name, "IconThemePath"))
    return g_variant_new_strv (NULL, 0);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", property_name);
  return NULL;
}

static const GDBusInterfaceVTable menu_vtable = {
  call_method, get_property, NULL, { 0 }
};

static void
on_action_changed_cb (TocsinDBusMenu *self)
{
  /* Enabled and visible follow the actions. */
  layout_changed (self);
}

static void
tocsin_dbus_menu_dispose (GObject *object)
{
  TocsinDBusMenu *self = (TocsinDBusMenu *)object;

  if (self->object_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->object_id);
  self->object_id = 0;
  g_clear_object (&self->connection);
  if (self->models != NULL)
    for (guint i = 0; i < self->models->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->models, i), self);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (tocsin_dbus_menu_parent_class)->dispose (object);
}

static void
tocsin_dbus_menu_finalize (GObject *object)
{
  TocsinDBusMenu *self = (TocsinDBusMenu *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (tocsin_dbus_menu_parent_class)->finalize (object);
}

static void
tocsin_dbus_menu_class_init (TocsinDBusMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_dbus_menu_dispose;
  object_class->finalize = tocsin_dbus_menu_finalize;
}

static void
tocsin_dbus_menu_init (TocsinDBusMenu *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tocsin_dbus_menu_new:
 * @connection: the session bus
 * @object_path: where to export the menu
 * @menu: the items; "app." actions are looked up in @actions
 * @actions: usually the application
 */
TocsinDBusMenu *
tocsin_dbus_menu_new (GDBusConnection *connection,
                      const char      *object_path,
                      GMenuModel      *menu,
                      GActionGroup    *actions)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  TocsinDBusMenu *self;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (g_variant_is_object_path (object_path), NULL);
  g_return_val_if_fail (G_IS_MENU_MODEL (menu), NULL);
  g_return_val_if_fail (G_IS_ACTION_GROUP (actions), NULL);

  self = g_object_new (TOCSIN_TYPE_DBUS_MENU, NULL);
  self->connection = g_object_ref (connection);
  self->path = g_strdup (object_path);
  self->menu = g_object_ref (menu);
  self->actions = g_object_ref (actions);
  rebuild (self);

  g_signal_connect_object (actions, "action-enabled-changed", G_CALLBACK (on_action_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (actions, "action-added", G_CALLBACK (on_action_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (actions, "action-removed", G_CALLBACK (on_action_changed_cb),
                           self, G_CONNECT_SWAPPED);

  info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_assert (info != NULL);
  self->object_id = g_dbus_connection_register_object (connection, object_path, info->interfaces[0],
                                                       &menu_vtable, self, NULL, &error);
  if (self->object_id == 0)
    g_debug ("Could not export the menu: %s", error->message);

  return self;
}

const char *
tocsin_dbus_menu_get_path (TocsinDBusMenu *self)
{
  g_return_val_if_fail (TOCSIN_IS_DBUS_MENU (self), NULL);

  return self->path;
}

guint
tocsin_dbus_menu_get_revision (TocsinDBusMenu *self)
{
  g_return_val_if_fail (TOCSIN_IS_DBUS_MENU (self), 0);

  return self->revision;
}
