/* test-window.c: the real app's main window, signed out
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tocsin-alerts-page.h"
#include "tocsin-application.h"
#include "tocsin-paging-banner.h"
#include "tocsin-schedules-page.h"
#include "tocsin-sign-in-page.h"
#include "tocsin-preferences-window.h"
#include "tocsin-test-utils.h"
#include "tocsin-window.h"
#include "tocsin-test-notifications.h"

static TocsinApplication *the_app;

/* One registered app per process (its D-Bus objects stay exported), activated
 * anew by each test like a second launch would. */
static TocsinApplication *
start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      the_app = tocsin_application_new ();
      /* Tests share one session bus; a unique name would make the next run remote. */
      g_application_set_flags (G_APPLICATION (the_app),
                               g_application_get_flags (G_APPLICATION (the_app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, &error));
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (the_app));

  return g_object_ref (the_app);
}

static gboolean
window_is_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static TocsinWindow *
wait_for_window (TocsinApplication *app)
{
  g_assert_true (tocsin_test_wait_until (window_is_mapped, app, 10000));
  tocsin_test_spin (200);
  return TOCSIN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
toplevel_of_type_visible (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GListModel) toplevels = NULL;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_mapped (w))
        return TRUE;
    }
  return FALSE;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_mapped (w))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static void
open_and_close (TocsinApplication *app,
                const char        *action,
                GType              type)
{
  GtkWindow *dialog;

  if (g_str_has_prefix (action, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (app), action + 4, NULL);
  else
    g_action_group_activate_action (G_ACTION_GROUP (gtk_application_get_active_window (GTK_APPLICATION (app))),
                                    action + 4, NULL);

  g_assert_true (tocsin_test_wait_until (toplevel_of_type_visible, GSIZE_TO_POINTER (type), 5000));
  dialog = find_toplevel (type);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  tocsin_test_spin (50);
}

static void
test_signed_out (void)
{
  g_autoptr(TocsinApplication) app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  GtkWidget *stack, *button, *status_page, *switcher_bar, *views;
  g_autofree char *shot = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Tocsin"));
  g_assert_false (tocsin_window_get_signed_in (window));

  stack = tocsin_test_find_by_id (GTK_WIDGET (window), "main_stack");
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "signed-out");

  status_page = tocsin_test_find_by_id (gtk_stack_get_visible_child (GTK_STACK (stack)), "start_page");
  g_assert_true (ADW_IS_STATUS_PAGE (status_page));
  g_assert_true (gtk_widget_is_drawable (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, _("Sign In to See Your Alerts"));

  button = tocsin_test_find_button (GTK_WIDGET (window), _("_Sign In with Atlassian"));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.sign-in");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "sign-in"));

  /* Nothing to switch between while signed out. */
  switcher_bar = tocsin_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (switcher_bar)));

  shot = tocsin_test_save_screenshot (GTK_WIDGET (window), "window-signed-out");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  /* The alerts and schedules pages are not built before they are needed. */
  g_assert_null (tocsin_test_find_widget (GTK_WIDGET (window), TOCSIN_TYPE_ALERTS_PAGE, NULL));
  g_assert_null (tocsin_test_find_widget (GTK_WIDGET (window), TOCSIN_TYPE_SCHEDULES_PAGE, NULL));

  /* Signing in swaps the page and shows the view switcher, with both pages. */
  tocsin_window_set_signed_in (window, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "signed-in");
  views = tocsin_test_find_by_id (GTK_WIDGET (window), "view_stack");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (views)), ==, "alerts");
  g_assert_true (
    TOCSIN_IS_ALERTS_PAGE (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (views), "alerts")));
  g_assert_true (adw_view_stack_page_get_use_underline (
                   adw_view_stack_get_page (ADW_VIEW_STACK (views),
                                            adw_view_stack_get_child_by_name (ADW_VIEW_STACK (views), "schedules"))));

  /* The schedules page is built the first time it is shown. */
  g_assert_null (tocsin_test_find_widget (GTK_WIDGET (window), TOCSIN_TYPE_SCHEDULES_PAGE, NULL));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (views), "schedules");
  g_assert_true (TOCSIN_IS_SCHEDULES_PAGE (
    tocsin_test_find_widget (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (views), "schedules"),
                             TOCSIN_TYPE_SCHEDULES_PAGE, NULL)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_menu_windows (void)
{
  g_autoptr(TocsinApplication) app = start_app ();
  TocsinWindow *window = wait_for_window (app);

  open_and_close (app, "app.preferences", TOCSIN_TYPE_PREFERENCES_WINDOW);
  open_and_close (app, "app.about", ADW_TYPE_ABOUT_WINDOW);
  open_and_close (app, "win.show-help-overlay", GTK_TYPE_SHORTCUTS_WINDOW);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_bound (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  TocsinPreferencesWindow *prefs;
  GtkWidget *combo, *spin;

  prefs = tocsin_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (prefs));
  tocsin_test_spin (100);

  g_settings_set_string (settings, "notify-min-priority", "P2");
  combo = tocsin_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 4);
  g_assert_cmpint (g_settings_get_enum (settings, "notify-min-priority"), ==, 5);

  /* page-for: "auto" shows as what pages until it is settled, everything. */
  combo = tocsin_test_find_by_id (GTK_WIDGET (prefs), "page_for_row");
  g_settings_reset (settings, "page-for");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);
  g_assert_cmpstr (g_settings_get_string (settings, "page-for"), ==, "auto");
  g_settings_set_string (settings, "page-for", "me");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "page-for"), ==, "me-and-my-on-call-teams");
  g_settings_reset (settings, "page-for");

  spin = tocsin_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 120);
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 120);
  /* The schema's range holds even when the widget is pushed past it. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 15);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Server rows save on Apply, and only addresses that are https or on this
 * computer. */
static void
test_preferences_refuse_plain_http (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *saved = NULL;
  TocsinPreferencesWindow *prefs;
  GtkWidget *api_row;

  g_settings_reset (settings, "api-base-url");
  prefs = tocsin_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (prefs));
  tocsin_test_spin (100);
  api_row = tocsin_test_find_by_id (GTK_WIDGET (prefs), "api_base_url_row");
  g_assert_nonnull (api_row);

  gtk_editable_set_text (GTK_EDITABLE (api_row), "http://api.example.com");
  g_signal_emit_by_name (api_row, "apply");
  saved = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (saved, ==, "https://api.atlassian.com");
  g_assert_true (gtk_widget_has_css_class (api_row, "error"));
  g_clear_pointer (&saved, g_free);

  gtk_editable_set_text (GTK_EDITABLE (api_row), "  http://127.0.0.1:4000 ");
  g_signal_emit_by_name (api_row, "apply");
  saved = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (saved, ==, "http://127.0.0.1:4000");
  g_assert_false (gtk_widget_has_css_class (api_row, "error"));

  g_settings_reset (settings, "api-base-url");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_window_state_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(TocsinApplication) app = NULL;
  TocsinWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 820);
  g_settings_set_int (settings, "window-height", 610);

  app = start_app ();
  window = wait_for_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  tocsin_test_spin (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_german (void)
{
  g_autoptr(TocsinApplication) app = NULL;
  TocsinWindow *window;
  GtkWidget *button;

  if (g_strcmp0 (g_getenv ("LANGUAGE"), "de") != 0)
    {
      g_test_skip ("runs with LANGUAGE=de");
      return;
    }

  app = start_app ();
  window = wait_for_window (app);

  /* The German catalogue from the build tree, as the user would see it. */
  button = tocsin_test_find_button (GTK_WIDGET (window), "Mit Atlassian _anmelden");
  g_assert_nonnull (button);
  tocsin_test_save_screenshot (GTK_WIDGET (window), "window-signed-out-de");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Start at login (outside Flatpak): the Preferences switch writes an
 * autostart entry and removes it again; the entry's Exec really starts
 * Tocsin without a window (it stays up and says nobody is signed in). */

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_missing (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The started app's notice that nobody is signed in, after the log's mark
 * in @data: an earlier run's notice in the same session does not count. */
static gboolean
logged_not_signed_in (gpointer data)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();

  for (guint i = GPOINTER_TO_UINT (data); i < records->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (records, i), "summary", ""),
                   _("Tocsin Cannot Page You")) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the app on the bus has a window: GtkApplication exports each
 * window's actions under <app path>/window/<n>. */
static gboolean
remote_has_window (GDBusConnection *bus)
{
  g_autofree char *path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *xml;

  reply = g_dbus_connection_call_sync (bus, APP_ID, path, "org.freedesktop.DBus.Introspectable", "Introspect",
                                       NULL, G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  for (guint i = 0; node->nodes != NULL && node->nodes[i] != NULL; i++)
    if (g_strcmp0 (node->nodes[i]->path, "window") == 0)
      return TRUE;

  return FALSE;
}

static gboolean
remote_window_appeared (gpointer data)
{
  return remote_has_window (data);
}

static void
test_start_at_login (void)
{
  g_autoptr(TocsinApplication) app = start_app ();
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *entry_path = g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
  g_autofree char *exec = NULL;
  g_autofree char *app_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_auto(GStrv) argv = NULL;
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GSubprocess) started = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *preferences;
  GtkSwitch *sw;

  wait_for_window (app);
  g_unlink (entry_path);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (tocsin_test_wait_until (toplevel_of_type_visible,
                                         GSIZE_TO_POINTER (TOCSIN_TYPE_PREFERENCES_WINDOW), 5000));
  preferences = find_toplevel (TOCSIN_TYPE_PREFERENCES_WINDOW);
  sw = GTK_SWITCH (tocsin_test_find_by_id (GTK_WIDGET (preferences), "start_at_login_switch"));
  g_assert_nonnull (sw);

  gtk_switch_set_active (sw, TRUE);
  g_assert_true (tocsin_test_wait_until (file_exists, entry_path, 5000));

  g_assert_true (g_key_file_load_from_file (entry, entry_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL));
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_true (g_shell_parse_argv (exec, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 2);
  g_assert_cmpstr (argv[0], ==, "tocsin");
  g_assert_cmpstr (argv[1], ==, "--background");

  /* What the session does at login, with the build's tocsin as the one on
   * PATH. This test's app is not unique, so the started one owns the app id. */
  if (g_getenv ("TOCSIN_NOTIFICATION_LOG") != NULL)
    {
      g_autofree char *program = g_build_filename (g_getenv ("TOCSIN_BUILD_ROOT"), "src", argv[0], NULL);

      g_assert_true (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE));
      g_free (argv[0]);
      argv[0] = g_steal_pointer (&program);
      guint mark = tocsin_test_notifications_mark ();

      started = g_subprocess_newv ((const char * const *)argv, G_SUBPROCESS_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_true (tocsin_test_wait_until (logged_not_signed_in, GUINT_TO_POINTER (mark), 20000));
      g_assert_nonnull (g_subprocess_get_identifier (started));
      g_assert_false (remote_has_window (bus));

      /* The check does see windows: activating it opens one. */
      g_dbus_connection_call_sync (bus, APP_ID, app_path, "org.freedesktop.Application", "Activate",
                                   g_variant_new ("(a{sv})", NULL), NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (tocsin_test_wait_until (remote_window_appeared, bus, 10000));

      g_dbus_connection_call_sync (bus, APP_ID, app_path, "org.gtk.Actions", "Activate",
                                   g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                   NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (tocsin_test_wait_subprocess (started, 10000));
    }

  gtk_switch_set_active (sw, FALSE);
  g_assert_true (tocsin_test_wait_until (file_missing, entry_path, 5000));

  gtk_window_destroy (preferences);
  tocsin_test_spin (50);
}

/* Pausing from the menu shows the bar with its end and Resume Paging;
 * resuming hides it, and the menu offers pausing again. */
static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

/* Folded and hidden: a folded revealer still measures its child. */
static gboolean
concealed (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data) && !gtk_widget_get_visible (data);
}

static void
test_pause_banner (void)
{
  g_autoptr(TocsinApplication) app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  GtkRevealer *revealer = GTK_REVEALER (tocsin_test_find_by_id (GTK_WIDGET (window), "pause_revealer"));
  GtkLabel *label = GTK_LABEL (tocsin_test_find_by_id (GTK_WIDGET (window), "pause_label"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = g_date_time_add_hours (now, 1);
  g_autofree char *end_text = g_date_time_format (end, "%H:%M");
  g_autofree char *expected = g_strdup_printf (_("Paging paused until %s"), end_text);

  g_assert_nonnull (revealer);
  g_assert_true (concealed (revealer));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "pause-paging"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "resume-paging"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "pause-paging", g_variant_new_string ("hour"));
  g_assert_true (tocsin_test_wait_until (revealed, revealer, 5000));
  g_assert_true (tocsin_test_wait_until ((TocsinTestPredicate) gtk_widget_get_mapped, label, 5000));
  /* The minute may turn between the two clocks. */
  if (g_strcmp0 (gtk_label_get_label (label), expected) != 0)
    {
      g_autoptr(GDateTime) later = g_date_time_add_minutes (end, 1);
      g_autofree char *later_text = g_date_time_format (later, "%H:%M");

      g_free (expected);
      expected = g_strdup_printf (_("Paging paused until %s"), later_text);
    }
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "pause-paging"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "resume-paging"));
  tocsin_test_spin (300);
  g_free (tocsin_test_save_screenshot (GTK_WIDGET (window), "window-paused"));

  gtk_widget_activate (tocsin_test_find_by_id (GTK_WIDGET (window), "resume_button"));
  g_assert_true (tocsin_test_wait_until (concealed, revealer, 5000));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "pause-paging"));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
toast_shown (gpointer data)
{
  return find_label (GTK_WIDGET (data), "<b>Plain</b> & simple") != NULL;
}

/* win.toast is how a page without the window's header shows a toast; its
 * text is shown as it is, never as markup. */
static void
test_toast_action (void)
{
  g_autoptr(TocsinApplication) app = start_app ();
  TocsinWindow *window = wait_for_window (app);

  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", "<b>Plain</b> & simple"));
  g_assert_true (tocsin_test_wait_until (toast_shown, window, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window and the pages it built with the context are finalized when it
 * closes: no binding, signal or clock tick keeps one alive. */
static void
test_finalize (void)
{
  g_autoptr(TocsinApplication) app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  TocsinContext *context = tocsin_application_get_context (app);
  GtkWidget *main_stack = tocsin_test_find_by_id (GTK_WIDGET (window), "main_stack");
  GtkWidget *views = tocsin_test_find_by_id (GTK_WIDGET (window), "view_stack");
  GtkWidget *sign_in_page, *banner, *alerts_page, *schedules_page;
  g_autoptr(TocsinContext) page_context = NULL;

  g_assert_nonnull (context);
  sign_in_page = gtk_stack_get_child_by_name (GTK_STACK (main_stack), "signed-out");
  g_assert_true (TOCSIN_IS_SIGN_IN_PAGE (sign_in_page));
  g_assert_true (tocsin_sign_in_page_get_context (TOCSIN_SIGN_IN_PAGE (sign_in_page)) == context);
  banner = tocsin_test_find_widget (GTK_WIDGET (window), TOCSIN_TYPE_PAGING_BANNER, NULL);
  g_assert_nonnull (banner);

  /* The pages come with the first sign-in and the first look at them,
   * built with the window's context. */
  tocsin_window_set_signed_in (window, TRUE);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (views), "schedules");
  alerts_page = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (views), "alerts");
  schedules_page = tocsin_test_find_widget (views, TOCSIN_TYPE_SCHEDULES_PAGE, NULL);
  g_assert_nonnull (schedules_page);
  g_object_get (alerts_page, "context", &page_context, NULL);
  g_assert_true (page_context == context);
  g_clear_object (&page_context);
  g_object_get (schedules_page, "context", &page_context, NULL);
  g_assert_true (page_context == context);
  g_clear_object (&page_context);
  tocsin_test_spin (200);

  g_object_ref (sign_in_page);
  g_object_ref (banner);
  g_object_ref (alerts_page);
  g_object_ref (schedules_page);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  tocsin_test_spin (100);

  /* The window first: its children go with it, but for these references. */
  g_assert_finalize_object (window);
  g_assert_finalize_object (alerts_page);
  g_assert_finalize_object (schedules_page);
  g_assert_finalize_object (sign_in_page);
  g_assert_finalize_object (banner);
  /* The context outlives its windows. */
  g_assert_true (TOCSIN_IS_CONTEXT (tocsin_application_get_context (app)));
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);

  g_test_add_func ("/window/signed-out", test_signed_out);
  g_test_add_func ("/window/menu-windows", test_menu_windows);
  g_test_add_func ("/window/preferences-bound", test_preferences_bound);
  g_test_add_func ("/window/preferences-refuse-plain-http", test_preferences_refuse_plain_http);
  g_test_add_func ("/window/state-saved", test_window_state_saved);
  g_test_add_func ("/window/start-at-login", test_start_at_login);
  g_test_add_func ("/window/pause-banner", test_pause_banner);
  g_test_add_func ("/window/german", test_german);
  g_test_add_func ("/window/toast-action", test_toast_action);
  g_test_add_func ("/window/finalize", test_finalize);

  return g_test_run ();
}
