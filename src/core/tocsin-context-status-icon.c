/* tocsin-context-status-icon.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-context"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-context-private.h"
#include "tocsin-schedule-list.h"

/* The context's optional status icon, while signed in with show-tray-icon
 * on: what needs the user in its tooltip, and a menu of app.* actions. */

static void
add_menu_item (GMenu      *menu,
               const char *label,
               const char *action,
               const char *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, action, target != NULL ? "s" : NULL, target);
  g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  g_menu_append_item (menu, item);
}

/* The status icon's menu, as KDE and Waybar users expect one. */
static GMenuModel *
build_tray_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) paging = g_menu_new ();
  g_autoptr(GMenu) quit = g_menu_new ();

  /* The same labels as the window's menu; dbusmenu also takes "_" mnemonics. */
  g_menu_append (menu, _("_Show Tocsin"), "app.activate");
  add_menu_item (paging, _("Pause Paging for 1 _Hour"), "app.pause-paging", "hour");
  add_menu_item (paging, _("Pause Paging Until _Tomorrow 08:00"), "app.pause-paging", "morning");
  add_menu_item (paging, _("Pause Paging Until I _Resume"), "app.pause-paging", "until-resumed");
  add_menu_item (paging, _("_Resume Paging"), "app.resume-paging", NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (paging));
  g_menu_append (quit, _("_Quit"), "app.quit");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (quit));

  return G_MENU_MODEL (menu);
}

/* The optional status icon: what needs the user, in a tooltip. */
void
_tocsin_context_update_status_icon_text (TocsinContext *self)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);
  const char *summary = NULL;
  guint       count;

  if (self->status_icon == NULL || self->alert_monitor == NULL)
    return;

  count = tocsin_alert_monitor_get_open_unacknowledged_count (self->alert_monitor);
  g_string_printf (tooltip,
                   g_dngettext (GETTEXT_PACKAGE, "%u unacknowledged alert",
                                "%u unacknowledged alerts", count),
                   count);
  if (self->schedule_monitor != NULL)
    summary =
      tocsin_schedule_list_get_summary (tocsin_schedule_monitor_get_model (self->schedule_monitor));
  if (summary != NULL)
    g_string_append_printf (tooltip, " · %s", summary);
  if (tocsin_pause_get_paused (self->pause))
    {
      g_autofree char *paused = tocsin_context_dup_pause_text (self);

      g_string_append_printf (tooltip, "\n%s", paused);
    }
  if (self->watcher != NULL)
    {
      g_autofree char *health =
        tocsin_health_describe (tocsin_paging_watcher_get_health (self->watcher),
                                tocsin_paging_watcher_get_stale_since (self->watcher));

      if (health != NULL)
        g_string_append_printf (tooltip, "\n%s", health);
    }

  tocsin_status_icon_set_tooltip (self->status_icon, tooltip->str);
  tocsin_status_icon_set_needs_attention (self->status_icon, count > 0);
}

void
_tocsin_context_update_status_icon (TocsinContext *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (self->application);
  gboolean         wanted = self->alert_monitor != NULL && bus != NULL &&
                            g_settings_get_boolean (self->settings, "show-tray-icon");

  if (!wanted)
    {
      g_clear_object (&self->status_icon);
      return;
    }

  if (self->status_icon == NULL)
    {
      g_autoptr(GMenuModel) menu = build_tray_menu ();

      self->status_icon = tocsin_status_icon_new (bus, APP_ID, APP_ID "-symbolic");
      tocsin_status_icon_set_menu (self->status_icon, menu, G_ACTION_GROUP (self->application));
      g_signal_connect_object (self->status_icon, "activate", G_CALLBACK (g_application_activate),
                               self->application, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->alert_monitor, "notify::open-unacknowledged-count",
                               G_CALLBACK (_tocsin_context_update_status_icon_text), self,
                               G_CONNECT_SWAPPED);
      if (self->schedule_monitor != NULL)
        g_signal_connect_object (tocsin_schedule_monitor_get_model (self->schedule_monitor),
                                 "notify::summary",
                                 G_CALLBACK (_tocsin_context_update_status_icon_text), self,
                                 G_CONNECT_SWAPPED);
    }

  _tocsin_context_update_status_icon_text (self);
}
