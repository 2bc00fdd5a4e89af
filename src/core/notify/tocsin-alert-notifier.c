/* tocsin-alert-notifier.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert.h"
#include "tocsin-alert-notifier.h"

/* Pages the user for alerts that need them: an open, unacknowledged alert of
 * at least the chosen priority raises one desktop notification, with buttons
 * that activate app.acknowledge-alert, app.snooze-alert and app.show-alert.
 * The notification is withdrawn once the alert is acknowledged, snoozed,
 * closed or gone, and a re-opened alert pages again.
 *
 * The ids that have been announced are kept in a small state file (never
 * anything secret), so a restart or a resume from suspend does not page again
 * for what the user has already seen, while an alert that arrived meanwhile
 * still does.
 *
 * While a TocsinPause is on, new alerts are remembered but not announced
 * (unless the pause lets them through); when it ends, one summary lists
 * those that still need the user. A TocsinAlarm rings for what is
 * announced and stops once nothing it rang for needs the user. */

struct _TocsinAlertNotifier
{
  GObject       parent_instance;

  GApplication *application;
  GListModel   *alerts;
  char         *state_path;

  /* Ids of open alerts that have been announced (and not withdrawn). */
  GHashTable   *announced;
  /* Ids whose notification is on screen now, as opposed to remembered. */
  GHashTable   *shown;

  int           min_priority;
  guint         snooze_minutes;
  gboolean      enabled;
  gboolean      catching_up;
  guint         scan_source;

  TocsinPause  *pause;
  TocsinAlarm  *alarm;
  /* Ids that arrived while paused. */
  GPtrArray    *held;
};

G_DEFINE_FINAL_TYPE (TocsinAlertNotifier, tocsin_alert_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MIN_PRIORITY,
  PROP_ENABLED,
  PROP_SNOOZE_MINUTES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *storm_notification_id = "alert-storm";
static const char *paused_notification_id = "paused-summary";
static const char *catch_up_notification_id = "catch-up";

/* State file */

static void
load_announced (TocsinAlertNotifier *self)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (self->state_path == NULL ||
      !g_file_get_contents (self->state_path, &contents, NULL, NULL))
    return;

  /* One alert id per line; anything unreadable is just not remembered. */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_utf8_validate (lines[i], -1, NULL) && *g_strstrip (lines[i]) != '\0')
      g_hash_table_add (self->announced, g_strdup (lines[i]));
}

static void
save_announced (TocsinAlertNotifier *self)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GHashTableIter iter;
  gpointer id;

  if (self->state_path == NULL)
    return;

  g_hash_table_iter_init (&iter, self->announced);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_string_append_printf (contents, "%s\n", (const char *)id);

  dir = g_path_get_dirname (self->state_path);
  g_mkdir_with_parents (dir, 0700);

  /* Written to a temporary file and renamed: a crash leaves the old list. */
  if (!g_file_set_contents_full (self->state_path, contents->str, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Could not remember announced alerts: %s", error->message);
}

/* Notifications */

char *
tocsin_alert_notifier_notification_id (const char *alert_id)
{
  return g_strconcat ("alert-", alert_id, NULL);
}

static GNotificationPriority
notification_priority (int priority)
{
  switch (priority)
    {
    case 1:
      return G_NOTIFICATION_PRIORITY_URGENT;
    case 2:
      return G_NOTIFICATION_PRIORITY_HIGH;
    default:
      return G_NOTIFICATION_PRIORITY_NORMAL;
    }
}

/**
 * tocsin_alert_notifier_escape_body:
 * @text: plain text
 *
 * Notification bodies are markup to GLib's freedesktop backend and the
 * servers behind it (GNOME Shell, KDE render links there), which know only
 * a few entities: escape &, < and > and nothing else.
 *
 * Returns: (transfer full): @text as a notification body
 */
char *
tocsin_alert_notifier_escape_body (const char *text)
{
  GString *body = g_string_new (text);

  g_string_replace (body, "&", "&amp;", 0);
  g_string_replace (body, "<", "&lt;", 0);
  g_string_replace (body, ">", "&gt;", 0);
  return g_string_free (body, FALSE);
}

static char *
snooze_label (guint minutes)
{
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snooze %u Hour", "Snooze %u Hours", minutes / 60),
                            minutes / 60);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snooze %u Minute", "Snooze %u Minutes", minutes),
                          minutes);
}

static GNotification *
build_notification (TocsinAlertNotifier *self,
                    TocsinAlert         *alert)
{
  const char *id = tocsin_alert_get_id (alert);
  const char *source = tocsin_alert_get_source (alert);
  const char *tiny_id = tocsin_alert_get_tiny_id (alert);
  g_autofree char *title = NULL;
  g_autofree char *snooze = snooze_label (self->snooze_minutes);
  g_autoptr(GString) body = g_string_new (NULL);
  GNotification *notification;

  /* Translators: the notification title: an alert's priority (P1…P5) and message */
  title = g_strdup_printf (_("P%d · %s"), tocsin_alert_get_priority (alert),
                           tocsin_alert_get_message (alert) ? tocsin_alert_get_message (alert) : "");

  if (tiny_id != NULL && *tiny_id != '\0')
    g_string_append_printf (body, "#%s", tiny_id);
  if (source != NULL && *source != '\0')
    g_string_append_printf (body, "%s%s", body->len > 0 ? " · " : "", source);

  notification = g_notification_new (title);
  if (body->len > 0)
    {
      g_autofree char *escaped = tocsin_alert_notifier_escape_body (body->str);

      g_notification_set_body (notification, escaped);
    }
  g_notification_set_priority (notification, notification_priority (tocsin_alert_get_priority (alert)));
  g_notification_set_default_action_and_target (notification, "app.show-alert", "s", id);
  g_notification_add_button_with_target (notification, _("Acknowledge"), "app.acknowledge-alert", "s", id);
  g_notification_add_button_with_target (notification, snooze, "app.snooze-alert", "s", id);
  if (self->alarm != NULL && tocsin_alarm_wants (self->alarm, tocsin_alert_get_priority (alert)))
    g_notification_add_button (notification, _("Silence"), "app.silence-alarm");
  g_notification_add_button_with_target (notification, C_("notification action", "Open"), "app.show-alert", "s", id);

  return notification;
}

static GNotification *
build_storm_notification (guint n_alerts)
{
  g_autofree char *title = NULL;
  GNotification *notification;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new alert", "%u new alerts", n_alerts), n_alerts);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Open Tocsin to see them all."));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_set_default_action (notification, "app.activate");

  return notification;
}

/* One notification for what arrived during a pause and still needs the
 * user, so that nothing is lost by pausing. */
static void
send_paused_summary (TocsinAlertNotifier *self)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  guint n_items = g_list_model_get_n_items (self->alerts);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (self->alerts, i);

      if (tocsin_alert_is_open_unacknowledged (alert) &&
          g_ptr_array_find_with_equal_func (self->held, tocsin_alert_get_id (alert), g_str_equal, NULL))
        g_ptr_array_add (waiting, g_steal_pointer (&alert));
    }
  g_ptr_array_set_size (self->held, 0);

  if (waiting->len == 0 || !self->enabled)
    return;

  for (guint i = 0; i < MIN (waiting->len, TOCSIN_ALERT_NOTIFIER_STORM_THRESHOLD); i++)
    {
      TocsinAlert *alert = g_ptr_array_index (waiting, i);

      g_string_append_printf (body, _("P%d · %s"), tocsin_alert_get_priority (alert),
                              tocsin_alert_get_message (alert) ? tocsin_alert_get_message (alert) : "");
      g_string_append_c (body, '\n');
    }
  if (waiting->len > TOCSIN_ALERT_NOTIFIER_STORM_THRESHOLD)
    {
      guint more = waiting->len - TOCSIN_ALERT_NOTIFIER_STORM_THRESHOLD;

      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
    }
  g_strchomp (body->str);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert arrived while paging was paused",
                                        "%u alerts arrived while paging was paused", waiting->len),
                           waiting->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (self->application, paused_notification_id, notification);
}

static void
on_pause_changed_cb (TocsinAlertNotifier *self)
{
  if (!tocsin_pause_get_paused (self->pause))
    send_paused_summary (self);
}

static gboolean
lets_through (TocsinAlertNotifier *self,
              TocsinAlert         *alert)
{
  return self->pause == NULL || tocsin_pause_lets_through (self->pause, tocsin_alert_get_priority (alert));
}

static GNotification *
build_catch_up_notification (guint n_alerts)
{
  g_autofree char *body = NULL;
  GNotification *notification;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new alert arrived meanwhile.",
                                       "%u new alerts arrived meanwhile.", n_alerts), n_alerts);
  notification = g_notification_new (_("Tocsin Reaches Atlassian Again"));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, n_alerts > 0 ? G_NOTIFICATION_PRIORITY_URGENT
                                                          : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action (notification, "app.activate");

  return notification;
}

static gboolean
wants_page (TocsinAlertNotifier *self,
            TocsinAlert         *alert)
{
  return tocsin_alert_is_open_unacknowledged (alert) &&
         tocsin_alert_get_priority (alert) <= self->min_priority;
}

static void
withdraw (TocsinAlertNotifier *self,
          const char          *alert_id)
{
  if (g_hash_table_remove (self->shown, alert_id))
    {
      g_autofree char *notification_id = tocsin_alert_notifier_notification_id (alert_id);

      g_application_withdraw_notification (self->application, notification_id);
    }
}

/* Sorts the list into @paging, the ids that want a page now, and @fresh,
 * those of them not announced yet. */
static void
collect_paging (TocsinAlertNotifier *self,
                GHashTable          *paging,
                GPtrArray           *fresh)
{
  guint n_items = g_list_model_get_n_items (self->alerts);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (self->alerts, i);
      const char *id = tocsin_alert_get_id (alert);

      if (!wants_page (self, alert))
        continue;

      g_hash_table_add (paging, (gpointer)id);
      if (!g_hash_table_contains (self->announced, id))
        g_ptr_array_add (fresh, g_steal_pointer (&alert));
    }
}

/* Acknowledged, snoozed, closed, below the threshold or gone: forget it, so
 * that it pages again if it comes back open. Returns whether any was. */
static gboolean
forget_not_paging (TocsinAlertNotifier *self,
                   GHashTable          *paging)
{
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->announced);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (paging, key))
        continue;

      withdraw (self, key);
      if (self->alarm != NULL)
        tocsin_alarm_forget (self->alarm, key);
      g_hash_table_iter_remove (&iter);
      changed = TRUE;
    }

  return changed;
}

/* Held back by a pause: remembered, and summarised when it ends. Removes
 * them from @fresh and returns whether any was. */
static gboolean
hold_paused (TocsinAlertNotifier *self,
             GPtrArray           *fresh)
{
  gboolean changed = FALSE;

  for (guint i = fresh->len; i > 0; i--)
    {
      TocsinAlert *alert = g_ptr_array_index (fresh, i - 1);

      if (lets_through (self, alert))
        continue;

      g_ptr_array_add (self->held, g_strdup (tocsin_alert_get_id (alert)));
      g_hash_table_add (self->announced, g_strdup (tocsin_alert_get_id (alert)));
      g_ptr_array_remove_index (fresh, i - 1);
      changed = TRUE;
    }

  return changed;
}

/* Back in reach: one summary for @fresh instead of a page each. */
static void
announce_catch_up (TocsinAlertNotifier *self,
                   GPtrArray           *fresh)
{
  self->catching_up = FALSE;
  if (self->enabled)
    {
      g_autoptr(GNotification) notification = build_catch_up_notification (fresh->len);

      g_application_send_notification (self->application, catch_up_notification_id, notification);
    }
  for (guint i = 0; i < fresh->len; i++)
    g_hash_table_add (self->announced,
                      g_strdup (tocsin_alert_get_id (g_ptr_array_index (fresh, i))));
}

/* A page for each of @fresh, or one storm notification for too many. */
static void
announce_fresh (TocsinAlertNotifier *self,
                GPtrArray           *fresh)
{
  gboolean storm = fresh->len > TOCSIN_ALERT_NOTIFIER_STORM_THRESHOLD;

  if (self->enabled && storm)
    {
      g_autoptr(GNotification) notification = build_storm_notification (fresh->len);

      g_application_send_notification (self->application, storm_notification_id, notification);
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (fresh, i);
      const char *id = tocsin_alert_get_id (alert);

      if (self->enabled && !storm)
        {
          g_autoptr(GNotification) notification = build_notification (self, alert);
          g_autofree char *notification_id = tocsin_alert_notifier_notification_id (id);

          g_application_send_notification (self->application, notification_id, notification);
          g_hash_table_add (self->shown, g_strdup (id));
        }
      if (self->enabled && self->alarm != NULL)
        tocsin_alarm_ring (self->alarm, id, tocsin_alert_get_priority (alert));

      /* Remembered even while disabled: turning notifications back on must
       * not page for a backlog the user was already looking at. */
      g_hash_table_add (self->announced, g_strdup (id));
    }
}

/* Compares the list with what was announced: pages for new and re-opened
 * alerts, withdraws what no longer needs the user. */
void
tocsin_alert_notifier_scan (TocsinAlertNotifier *self)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) paging = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean changed = FALSE;

  g_return_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self));

  g_clear_handle_id (&self->scan_source, g_source_remove);

  collect_paging (self, paging, fresh);
  changed |= forget_not_paging (self, paging);
  changed |= hold_paused (self, fresh);

  if (self->catching_up)
    {
      announce_catch_up (self, fresh);
      changed |= fresh->len > 0;
    }
  else if (fresh->len > 0)
    {
      announce_fresh (self, fresh);
      changed = TRUE;
    }

  if (changed)
    save_announced (self);
}

static gboolean
scan_idle_cb (gpointer user_data)
{
  TocsinAlertNotifier *self = user_data;

  self->scan_source = 0;
  tocsin_alert_notifier_scan (self);

  return G_SOURCE_REMOVE;
}

static void
queue_scan (TocsinAlertNotifier *self)
{
  /* A refresh emits many small changes; scan once after them. */
  if (self->scan_source == 0)
    self->scan_source = g_idle_add_full (G_PRIORITY_LOW, scan_idle_cb, self, NULL);
}

static void
on_items_changed_cb (TocsinAlertNotifier *self,
                     guint                position,
                     guint                removed,
                     guint                added,
                     GListModel          *model)
{
  queue_scan (self);
}

/* GObject */

static void
tocsin_alert_notifier_dispose (GObject *object)
{
  TocsinAlertNotifier *self = (TocsinAlertNotifier *)object;

  g_clear_handle_id (&self->scan_source, g_source_remove);
  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_clear_object (&self->alerts);
  if (self->pause != NULL)
    g_signal_handlers_disconnect_by_data (self->pause, self);
  g_clear_object (&self->pause);
  g_clear_object (&self->alarm);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (tocsin_alert_notifier_parent_class)->dispose (object);
}

static void
tocsin_alert_notifier_finalize (GObject *object)
{
  TocsinAlertNotifier *self = (TocsinAlertNotifier *)object;

  g_clear_pointer (&self->announced, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->state_path, g_free);

  G_OBJECT_CLASS (tocsin_alert_notifier_parent_class)->finalize (object);
}

static void
tocsin_alert_notifier_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TocsinAlertNotifier *self = TOCSIN_ALERT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_MIN_PRIORITY:
      g_value_set_int (value, self->min_priority);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_SNOOZE_MINUTES:
      g_value_set_uint (value, self->snooze_minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_notifier_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TocsinAlertNotifier *self = TOCSIN_ALERT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_MIN_PRIORITY:
      tocsin_alert_notifier_set_min_priority (self, g_value_get_int (value));
      break;

    case PROP_ENABLED:
      tocsin_alert_notifier_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_SNOOZE_MINUTES:
      if (self->snooze_minutes != g_value_get_uint (value))
        {
          self->snooze_minutes = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_notifier_class_init (TocsinAlertNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_alert_notifier_dispose;
  object_class->finalize = tocsin_alert_notifier_finalize;
  object_class->get_property = tocsin_alert_notifier_get_property;
  object_class->set_property = tocsin_alert_notifier_set_property;

  properties [PROP_MIN_PRIORITY] =
    g_param_spec_int ("min-priority", NULL, NULL, 1, 5, 3,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How long the notification's Snooze button snoozes, for its label. */
  properties [PROP_SNOOZE_MINUTES] =
    g_param_spec_uint ("snooze-minutes", NULL, NULL, 1, 7 * 24 * 60, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_notifier_init (TocsinAlertNotifier *self)
{
  self->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->held = g_ptr_array_new_with_free_func (g_free);
  self->min_priority = 3;
  self->snooze_minutes = 60;
  self->enabled = TRUE;
}

/**
 * tocsin_alert_notifier_new:
 * @application: the registered application that sends the notifications
 * @alerts: a #GListModel of #TocsinAlert
 * @state_path: (nullable): where to remember announced alert ids
 */
TocsinAlertNotifier *
tocsin_alert_notifier_new (GApplication *application,
                           GListModel   *alerts,
                           const char   *state_path)
{
  TocsinAlertNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (alerts), NULL);

  self = g_object_new (TOCSIN_TYPE_ALERT_NOTIFIER, NULL);
  self->application = g_object_ref (application);
  self->alerts = g_object_ref (alerts);
  self->state_path = g_strdup (state_path);
  load_announced (self);

  g_signal_connect_object (alerts, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

int
tocsin_alert_notifier_get_min_priority (TocsinAlertNotifier *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self), 3);

  return self->min_priority;
}

/* Alerts of @priority (1 = P1) or more urgent page the user. */
void
tocsin_alert_notifier_set_min_priority (TocsinAlertNotifier *self,
                                        int                  priority)
{
  g_return_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self));

  priority = CLAMP (priority, 1, 5);
  if (self->min_priority == priority)
    return;

  self->min_priority = priority;
  queue_scan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MIN_PRIORITY]);
}

/* After a time without news (Atlassian out of reach): the next scan tells
 * what arrived meanwhile in one summary instead of a page each. */
void
tocsin_alert_notifier_catch_up (TocsinAlertNotifier *self)
{
  g_return_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self));

  self->catching_up = TRUE;
}

gboolean
tocsin_alert_notifier_get_enabled (TocsinAlertNotifier *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self), FALSE);

  return self->enabled;
}

void
tocsin_alert_notifier_set_enabled (TocsinAlertNotifier *self,
                                   gboolean             enabled)
{
  g_return_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENABLED]);
}

/* Consults @pause before announcing; its end sends one summary. */
void
tocsin_alert_notifier_set_pause (TocsinAlertNotifier *self,
                                 TocsinPause         *pause)
{
  g_return_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self));
  g_return_if_fail (pause == NULL || TOCSIN_IS_PAUSE (pause));

  if (self->pause != NULL)
    g_signal_handlers_disconnect_by_data (self->pause, self);
  g_set_object (&self->pause, pause);
  if (pause != NULL)
    g_signal_connect_object (pause, "notify::paused", G_CALLBACK (on_pause_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

/* Rings @alarm for the alerts announced from now on. */
void
tocsin_alert_notifier_set_alarm (TocsinAlertNotifier *self,
                                 TocsinAlarm         *alarm)
{
  g_return_if_fail (TOCSIN_IS_ALERT_NOTIFIER (self));
  g_return_if_fail (alarm == NULL || TOCSIN_IS_ALARM (alarm));

  g_set_object (&self->alarm, alarm);
}
