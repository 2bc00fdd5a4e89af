/* test-preferences-window.c: the preferences window's priority rows and their settings
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-preferences-window.h"
#include "tocsin-priority.h"
#include "tocsin-test-utils.h"

/* What @row shows for its selected item, through the row's own expression. */
static char *
shown_text (AdwComboRow *row)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  g_assert_true (gtk_expression_evaluate (adw_combo_row_get_expression (row), item, &value));
  return g_value_dup_string (&value);
}

/* A row over the values of @enum_type follows @key both ways: the setting
 * selects the row's item of the same nick, choosing an item stores its nick. */
static void
check_row (GSettings  *settings,
           AdwComboRow *row,
           const char *key,
           GType       enum_type)
{
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  g_assert_true (ADW_IS_ENUM_LIST_MODEL (model));
  g_assert_true (adw_enum_list_model_get_enum_type (ADW_ENUM_LIST_MODEL (model)) == enum_type);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, klass->n_values);

  for (guint i = 0; i < klass->n_values; i++)
    {
      GEnumValue *value = &klass->values[i];
      g_autoptr(AdwEnumListItem) item = NULL;
      g_autofree char *stored = NULL;
      guint position;

      /* The setting moves the row … */
      g_settings_set_string (settings, key, value->value_nick);
      item = ADW_ENUM_LIST_ITEM (g_object_ref (adw_combo_row_get_selected_item (row)));
      g_assert_cmpint (adw_enum_list_item_get_value (item), ==, value->value);

      /* … and the row moves the setting, from another item back to this one. */
      adw_combo_row_set_selected (row, (adw_combo_row_get_selected (row) + 1) % klass->n_values);
      g_assert_cmpstr ((stored = g_settings_get_string (settings, key)), !=, value->value_nick);
      g_clear_pointer (&stored, g_free);
      position = adw_enum_list_model_find_position (ADW_ENUM_LIST_MODEL (model), value->value);
      adw_combo_row_set_selected (row, position);
      g_assert_cmpstr ((stored = g_settings_get_string (settings, key)), ==, value->value_nick);
      g_assert_cmpint (g_settings_get_enum (settings, key), ==, value->value);
    }
}

static void
test_priority_rows (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  TocsinPreferencesWindow *prefs = tocsin_preferences_window_new (settings);
  AdwComboRow             *notify_row, *alarm_row;
  g_autofree char         *text = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  notify_row =
    ADW_COMBO_ROW (tocsin_test_find_by_id (GTK_WIDGET (prefs), "notify_min_priority_row"));
  alarm_row = ADW_COMBO_ROW (tocsin_test_find_by_id (GTK_WIDGET (prefs), "alarm_min_priority_row"));

  /* The stored defaults show as they did. */
  g_settings_reset (settings, "notify-min-priority");
  g_settings_reset (settings, "alarm-min-priority");
  text = shown_text (notify_row);
  g_assert_cmpstr (text, ==, "P3 · Moderate");
  g_clear_pointer (&text, g_free);
  text = shown_text (alarm_row);
  g_assert_cmpstr (text, ==, "Off");
  g_clear_pointer (&text, g_free);

  check_row (settings, notify_row, "notify-min-priority", TOCSIN_TYPE_PRIORITY);
  check_row (settings, alarm_row, "alarm-min-priority", TOCSIN_TYPE_ALARM_PRIORITY);

  g_settings_set_string (settings, "alarm-min-priority", "P1");
  text = shown_text (alarm_row);
  g_assert_cmpstr (text, ==, "P1 · Critical");

  g_settings_reset (settings, "notify-min-priority");
  g_settings_reset (settings, "alarm-min-priority");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* The enums carry the schema's nicks and values, so what users stored
 * before reads back as the same priority. */
static void
check_enum_matches_key (GSettings  *settings,
                        const char *key,
                        GType       enum_type)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) nicks = NULL;
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  const char *kind;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &nicks);
  g_assert_cmpstr (kind, ==, "enum");
  g_assert_cmpuint (g_variant_n_children (nicks), ==, klass->n_values);

  for (gsize i = 0; i < g_variant_n_children (nicks); i++)
    {
      const char *nick = NULL;
      GEnumValue *value;

      g_variant_get_child (nicks, i, "&s", &nick);
      value = g_enum_get_value_by_nick (klass, nick);
      g_assert_nonnull (value);
      g_assert_true (g_settings_set_string (settings, key, nick));
      g_assert_cmpint (g_settings_get_enum (settings, key), ==, value->value);
    }
  g_settings_reset (settings, key);
}

static void
test_enums_match_schema (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  check_enum_matches_key (settings, "notify-min-priority", TOCSIN_TYPE_PRIORITY);
  check_enum_matches_key (settings, "alarm-min-priority", TOCSIN_TYPE_ALARM_PRIORITY);
}

/* The window goes away when closed, with the settings bindings it holds:
 * g_settings_bind keeps no reference on the window alive. */
static void
test_finalize (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  TocsinPreferencesWindow *prefs = tocsin_preferences_window_new (settings);

  g_object_ref (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  tocsin_test_spin (100);
  gtk_window_destroy (GTK_WINDOW (prefs));
  tocsin_test_spin (50);
  g_assert_finalize_object (prefs);
  /* The settings outlive it; changing them now touches nothing freed. */
  g_settings_set_string (settings, "notify-min-priority", "P2");
  g_settings_reset (settings, "notify-min-priority");
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/preferences-window/priority-rows", test_priority_rows);
  g_test_add_func ("/preferences-window/enums-match-schema", test_enums_match_schema);
  g_test_add_func ("/preferences-window/finalize", test_finalize);

  return g_test_run ();
}
