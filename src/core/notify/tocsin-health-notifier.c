/* tocsin-health-notifier.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-health-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-date-utils.h"
#include "tocsin-health-notifier.h"

/* Never silent when blind: when the paging watcher is stale while no
 * window shows its banner, one notification says since when Tocsin cannot
 * reach Atlassian. It is withdrawn when polling works again, and the alert
 * notifier then sums up what arrived meanwhile in one notification. */

struct _TocsinHealthNotifier
{
  GObject              parent_instance;

  GApplication        *application;
  TocsinPagingWatcher *watcher;
  TocsinAlertNotifier *notifier;
  gboolean             window_open;
  gboolean             shown;
};

G_DEFINE_FINAL_TYPE (TocsinHealthNotifier, tocsin_health_notifier, G_TYPE_OBJECT)

/* What the window's banner, the status icon and the notification say;
 * NULL while live. */
char *
tocsin_health_describe (TocsinHealth  health,
                        GDateTime    *stale_since)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  switch (health)
    {
    case TOCSIN_HEALTH_STALE:
      local = g_date_time_to_local (stale_since);
      time = tocsin_date_format_time (local, FALSE, tocsin_date_get_clock_format ());
      /* Translators: %s is a time of day, e.g. 10:42 */
      return g_strdup_printf (_("Tocsin cannot reach Atlassian since %s — you may miss alerts"), time);
    case TOCSIN_HEALTH_SIGNED_OUT:
      return g_strdup (_("Atlassian refuses the sign-in — sign in again to be paged"));
    case TOCSIN_HEALTH_LIVE:
    default:
      return NULL;
    }
}

static void
on_health_cb (TocsinHealthNotifier *self)
{
  TocsinHealth health = tocsin_paging_watcher_get_health (self->watcher);

  if (health == TOCSIN_HEALTH_STALE && !self->window_open && !self->shown)
    {
      g_autofree char *title = tocsin_health_describe (health, tocsin_paging_watcher_get_stale_since (self->watcher));
      g_autoptr(GNotification) notification = g_notification_new (title);

      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (self->application, TOCSIN_HEALTH_NOTIFIER_NOTIFICATION_ID, notification);
      self->shown = TRUE;
    }
  else if (health == TOCSIN_HEALTH_LIVE && self->shown)
    {
      g_application_withdraw_notification (self->application, TOCSIN_HEALTH_NOTIFIER_NOTIFICATION_ID);
      self->shown = FALSE;
      tocsin_alert_notifier_catch_up (self->notifier);
    }
}

static void
tocsin_health_notifier_dispose (GObject *object)
{
  TocsinHealthNotifier *self = (TocsinHealthNotifier *)object;

  if (self->shown)
    g_application_withdraw_notification (self->application, TOCSIN_HEALTH_NOTIFIER_NOTIFICATION_ID);
  self->shown = FALSE;
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  g_clear_object (&self->notifier);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (tocsin_health_notifier_parent_class)->dispose (object);
}

static void
tocsin_health_notifier_class_init (TocsinHealthNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_health_notifier_dispose;
}

static void
tocsin_health_notifier_init (TocsinHealthNotifier *self)
{
}

TocsinHealthNotifier *
tocsin_health_notifier_new (GApplication        *application,
                            TocsinPagingWatcher *watcher,
                            TocsinAlertNotifier *notifier)
{
  TocsinHealthNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (watcher), NULL);
  g_return_val_if_fail (TOCSIN_IS_ALERT_NOTIFIER (notifier), NULL);

  self = g_object_new (TOCSIN_TYPE_HEALTH_NOTIFIER, NULL);
  self->application = g_object_ref (application);
  self->watcher = g_object_ref (watcher);
  self->notifier = g_object_ref (notifier);
  g_signal_connect_object (watcher, "notify::health", G_CALLBACK (on_health_cb), self, G_CONNECT_SWAPPED);

  return self;
}

gboolean
tocsin_health_notifier_get_window_open (TocsinHealthNotifier *self)
{
  g_return_val_if_fail (TOCSIN_IS_HEALTH_NOTIFIER (self), FALSE);
  return self->window_open;
}

/* While a window is open its banner tells; no notification then. Closing
 * the last window while stale notifies at once. */
void
tocsin_health_notifier_set_window_open (TocsinHealthNotifier *self,
                                        gboolean              window_open)
{
  g_return_if_fail (TOCSIN_IS_HEALTH_NOTIFIER (self));

  self->window_open = !!window_open;
  on_health_cb (self);
}
