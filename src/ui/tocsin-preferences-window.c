/* tocsin-preferences-window.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tocsin-endpoint.h"
#include "tocsin-plain-text.h"
#include "tocsin-preferences-window.h"
#include "tocsin-priority.h"

struct _TocsinPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *poll_interval_adjustment;
  AdwComboRow          *notify_min_priority_row;
  AdwComboRow          *alarm_min_priority_row;
  GtkAdjustment        *alarm_repeat_adjustment;
  GtkAdjustment        *snooze_minutes_adjustment;
  GtkSwitch            *pause_p1_switch;
  GtkSwitch            *start_at_login_switch;
  AdwComboRow          *page_for_row;
  GtkSwitch            *run_in_background_switch;
  GtkSwitch            *show_tray_icon_switch;
  AdwEntryRow          *auth_base_url_row;
  AdwEntryRow          *api_base_url_row;
  AdwEntryRow          *redirect_uri_row;
  AdwEntryRow          *client_id_row;
  AdwEntryRow          *client_secret_row;

  GSettings            *settings;
  TocsinAuthSession    *session;
};

G_DEFINE_FINAL_TYPE (TocsinPreferencesWindow, tocsin_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A priority row shows the values of its AdwEnumListModel; the setting is
 * the enum's nick, which GSettings stores for enum keys. */
static gboolean
nick_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  AdwEnumListModel *model = user_data;
  g_autoptr(GEnumClass) klass = g_type_class_ref (adw_enum_list_model_get_enum_type (model));
  GEnumValue *enum_value = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  if (enum_value == NULL)
    return FALSE;

  g_value_set_uint (value, adw_enum_list_model_find_position (model, enum_value->value));
  return TRUE;
}

static GVariant *
position_to_nick (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  g_autoptr(AdwEnumListItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (user_data), g_value_get_uint (value));

  if (item == NULL)
    return NULL;
  return g_variant_new_string (adw_enum_list_item_get_nick (item));
}

/* What a priority row shows for each value of TocsinPriority and
 * TocsinAlarmPriority. */
static char *
priority_name_cb (AdwEnumListItem *item,
                  int              value,
                  gpointer         user_data)
{
  switch (value)
    {
    case TOCSIN_ALARM_PRIORITY_OFF:
      return g_strdup (_("Off"));
    case TOCSIN_PRIORITY_P1:
      return g_strdup (_("P1 · Critical"));
    case TOCSIN_PRIORITY_P2:
      return g_strdup (_("P2 · High"));
    case TOCSIN_PRIORITY_P3:
      return g_strdup (_("P3 · Moderate"));
    case TOCSIN_PRIORITY_P4:
      return g_strdup (_("P4 · Low"));
    case TOCSIN_PRIORITY_P5:
      return g_strdup (_("P5 · Informational"));
    default:
      g_assert_not_reached ();
    }
}

/* @row lists the values of @enum_type and selects the one @key names. */
static void
bind_priority_row (TocsinPreferencesWindow *self,
                   const char              *key,
                   AdwComboRow             *row,
                   GType                    enum_type)
{
  g_autoptr(AdwEnumListModel) model = adw_enum_list_model_new (enum_type);
  GtkExpression *value = gtk_property_expression_new (ADW_TYPE_ENUM_LIST_ITEM, NULL, "value");
  g_autoptr(GtkExpression) name = NULL;

  /* The row wants its expression before its model. */
  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &value, G_CALLBACK (priority_name_cb),
                                      NULL, NULL);
  adw_combo_row_set_expression (row, name);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_position, position_to_nick, g_object_ref (model),
                                g_object_unref);
}

/* The page-for row lists the scopes in the setting's order after "auto",
 * which shows as everything: that is what pages until it is settled. */
static const char * const page_for_nicks[] = { "everything", "me-and-my-on-call-teams", "me" };

static gboolean
page_for_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; i < G_N_ELEMENTS (page_for_nicks); i++)
    if (g_str_equal (nick, page_for_nicks[i]))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
position_to_page_for (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (page_for_nicks))
    return NULL;
  return g_variant_new_string (page_for_nicks[position]);
}

/* Connection rows write on Apply, not per keystroke, so a half-typed URL is
 * never what the app connects to. */
static void
on_entry_row_apply_cb (AdwEntryRow             *row,
                       TocsinPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "settings-key");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  /* A server address that is not https (except on this computer) is refused
   * here, where it was typed, not later at sign-in. */
  if ((g_str_equal (key, "auth-base-url") || g_str_equal (key, "api-base-url")) &&
      !tocsin_endpoint_validate (stripped, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), tocsin_toast_new_plain (error->message));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, key, stripped);
}

static void
bind_entry_row (TocsinPreferencesWindow *self,
                AdwEntryRow             *row,
                const char              *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  g_object_set_data_full (G_OBJECT (row), "settings-key", g_strdup (key), g_free);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_row_apply_cb), self);
}

static void
on_client_secret_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(TocsinPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!tocsin_auth_session_set_client_secret_finish (TOCSIN_AUTH_SESSION (object), result, &error))
    text = g_strdup_printf (_("Could not save the client secret: %s"), error->message);
  else
    text = g_strdup (_("Client secret saved in the keyring"));

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), tocsin_toast_new_plain (text));
}

/* The secret goes to the keyring through the session, never to GSettings;
 * the row is emptied so it does not linger on screen. */
static void
on_client_secret_apply_cb (AdwEntryRow             *row,
                           TocsinPreferencesWindow *self)
{
  g_autofree char *secret = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  gtk_editable_set_text (GTK_EDITABLE (row), "");

  if (self->session == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Could not save the client secret: Tocsin is not ready yet")));
      return;
    }

  tocsin_auth_session_set_client_secret_async (self->session, secret, NULL,
                                               on_client_secret_saved_cb, g_object_ref (self));
  explicit_bzero (secret, strlen (secret));
}

static void
tocsin_preferences_window_constructed (GObject *object)
{
  TocsinPreferencesWindow *self = TOCSIN_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (tocsin_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "poll-interval",
                   self->poll_interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  bind_priority_row (self, "notify-min-priority", self->notify_min_priority_row,
                     TOCSIN_TYPE_PRIORITY);
  bind_priority_row (self, "alarm-min-priority", self->alarm_min_priority_row,
                     TOCSIN_TYPE_ALARM_PRIORITY);
  g_settings_bind (self->settings, "alarm-repeat-interval",
                   self->alarm_repeat_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snooze-minutes",
                   self->snooze_minutes_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "pause-p1-breaks-through",
                   self->pause_p1_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "start-at-login",
                   self->start_at_login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "page-for",
                                self->page_for_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                page_for_to_position, position_to_page_for,
                                NULL, NULL);
  g_settings_bind (self->settings, "run-in-background",
                   self->run_in_background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-tray-icon",
                   self->show_tray_icon_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  bind_entry_row (self, self->auth_base_url_row, "auth-base-url");
  bind_entry_row (self, self->api_base_url_row, "api-base-url");
  bind_entry_row (self, self->redirect_uri_row, "redirect-uri");
  bind_entry_row (self, self->client_id_row, "client-id");
  g_signal_connect (self->client_secret_row, "apply", G_CALLBACK (on_client_secret_apply_cb), self);
}

static void
tocsin_preferences_window_dispose (GObject *object)
{
  TocsinPreferencesWindow *self = (TocsinPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tocsin_preferences_window_parent_class)->dispose (object);
}

static void
tocsin_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TocsinPreferencesWindow *self = TOCSIN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_preferences_window_class_init (TocsinPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_preferences_window_constructed;
  object_class->dispose = tocsin_preferences_window_dispose;
  object_class->set_property = tocsin_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, poll_interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, notify_min_priority_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, page_for_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, run_in_background_switch);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, show_tray_icon_switch);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, alarm_min_priority_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, alarm_repeat_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, snooze_minutes_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, pause_p1_switch);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, start_at_login_switch);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, auth_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, api_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, redirect_uri_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinPreferencesWindow, client_secret_row);
}

static void
tocsin_preferences_window_init (TocsinPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TocsinPreferencesWindow *
tocsin_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (TOCSIN_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/* Where the client secret row stores what is typed. */
void
tocsin_preferences_window_set_auth_session (TocsinPreferencesWindow *self,
                                            TocsinAuthSession       *session)
{
  g_return_if_fail (TOCSIN_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (session == NULL || TOCSIN_IS_AUTH_SESSION (session));

  g_set_object (&self->session, session);
}
