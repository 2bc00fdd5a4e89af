/* test-hostile-text.c: text from the network shows as written, never as markup
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whoever can raise an alert writes its message, source, tags, owner and
 * notes, and a server (or what stands in front of it) writes the error
 * texts. Toasts, status pages and rows in libadwaita take Pango markup, so
 * each test puts markup into one of those places against the sandbox and
 * reads back the text the widgets render: it must equal what was written,
 * and no label may show a link whose text hides where it goes.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-alerts-page.h"
#include "tocsin-preferences-window.h"
#include "tocsin-schedule-list.h"
#include "tocsin-schedule-monitor.h"
#include "tocsin-schedule-service.h"
#include "tocsin-schedules-page.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-test-utils.h"
#include "tocsin-test-token-provider.h"

#define WAIT_MS 15000

/* A lone '&' makes a markup parser give up; the link and bold tags would be
 * rendered. */
#define HOSTILE_MESSAGE "CPU & memory <b>high</b> <a href='https://evil.example/'>Click to ack</a>"
#define HOSTILE_SOURCE  "<a href=\"https://evil.example/\">monitoring</a> & co"
#define HOSTILE_OWNER   "Eve <b>Admin</b> & Mallory"
#define HOSTILE_TAG     "<i>tag</i>&"
#define HOSTILE_NOTE    "See <a href='https://evil.example/'>the runbook</a> & <b>act</b>"
#define HOSTILE_DESCRIPTION "Runbook: <a href='https://evil.example/'>here</a> & <b>now</b>"
#define HOSTILE_ERROR   "Upstream <b>broke</b> & <a href='https://evil.example/'>Click to fix</a>"

typedef struct
{
  TocsinTestSandbox *sb;
  TestTokenProvider *provider;
  TocsinOpsClient   *client;
  GtkWindow         *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sb = tocsin_test_sandbox_start ("--action-delay-ms", "100", NULL);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), &error);
  g_assert_no_error (error);
  tocsin_ops_client_set_retry_policy (f->client, 0, 10, 10);
  tocsin_ops_client_set_timeout (f->client, 10);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 760);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  tocsin_test_spin (50);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

/* Helpers */

/* A status fault on @path whose error body carries @message. */
static void
add_fault (Fixture    *f,
           const char *path,
           const char *method,
           guint       status,
           int         times,
           const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *fault = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "status");
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "times");
  json_builder_add_int_value (builder, times);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  fault = json_to_string (node, FALSE);
  tocsin_test_sandbox_add_fault (f->sb, fault);
}

/* The first label under @root whose rendered text holds @text (all of it
 * when !@substring), mapped or not. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    substring)
{
  if (GTK_IS_LABEL (root))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (root));

      if (substring ? strstr (shown, text) != NULL : g_strcmp0 (shown, text) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, substring);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  char    *href;      /* of the <a> being read */
  GString *link_text;
} LinkCheck;

static void
link_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  LinkCheck *check = user_data;

  if (!g_str_equal (element, "a"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "href"))
      check->href = g_strdup (values[i]);
  g_string_truncate (check->link_text, 0);
}

static void
link_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  LinkCheck *check = user_data;

  if (!g_str_equal (element, "a"))
    return;
  /* A link may only say where it goes (linkified URLs do). */
  g_assert_cmpstr (check->link_text->str, ==, check->href);
  g_clear_pointer (&check->href, g_free);
}

static void
link_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 len,
           gpointer              user_data,
           GError              **error)
{
  LinkCheck *check = user_data;

  if (check->href != NULL)
    g_string_append_len (check->link_text, text, len);
}

/* No label under @root shows a link dressed up as something else, and
 * every markup label parses (GTK shows nothing for one that does not). */
static void
assert_no_disguised_links (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_use_markup (GTK_LABEL (root)))
    {
      static const GMarkupParser parser = { link_start, link_end, link_text, NULL, NULL };
      LinkCheck check = { NULL, g_string_new (NULL) };
      g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &check, NULL);
      g_autofree char *document = g_strconcat ("<markup>", gtk_label_get_label (GTK_LABEL (root)),
                                               "</markup>", NULL);
      g_autoptr(GError) error = NULL;

      g_markup_parse_context_parse (context, document, -1, &error);
      if (error == NULL)
        g_markup_parse_context_end_parse (context, &error);
      g_assert_no_error (error);
      g_string_free (check.link_text, TRUE);
      g_free (check.href);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_disguised_links (child);
}

/* The label of a toast shown anywhere under @root that holds @text. */
static GtkWidget *
find_toast_label (GtkWidget  *root,
                  const char *text)
{
  if (g_strcmp0 (gtk_widget_get_css_name (root), "toast") == 0)
    return find_label (root, text, TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
toast_shown (gpointer data)
{
  LabelWait *w = data;

  return find_toast_label (w->root, w->text) != NULL;
}

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  return find_label (w->root, w->text, FALSE) != NULL;
}

static gboolean
alerts_loaded (gpointer data)
{
  TocsinAlertMonitor *monitor = data;

  return !tocsin_alert_monitor_get_loading (monitor) && tocsin_alert_monitor_get_last_refresh (monitor) != NULL;
}

static gboolean
stack_shows (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (pair[0])), pair[1]) == 0;
}

/* Lets layout and drawing settle first: a widget waiting for its allocation
 * renders nothing. */
static void
shot (Fixture    *f,
      const char *name)
{
  tocsin_test_spin (300);
  g_free (tocsin_test_save_screenshot (GTK_WIDGET (f->window), name));
}

static TocsinAlertsPage *
alerts_page_new (Fixture             *f,
                 TocsinAlertMonitor  *monitor)
{
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  TocsinAlertsPage *page = g_object_new (TOCSIN_TYPE_ALERTS_PAGE, NULL);

  adw_view_stack_add_titled (stack, GTK_WIDGET (page), "alerts", "Alerts");
  gtk_window_set_child (f->window, GTK_WIDGET (stack));
  gtk_window_present (f->window);
  tocsin_alerts_page_set_monitor (page, monitor);
  return page;
}

/* Tests */

/* An alert written by an attacker, in the list, the details pane and the
 * failure toast of an action on it. */
static void
test_alert (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TocsinAlertMonitor) monitor = tocsin_alert_monitor_new (f->client);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) fields = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *body = NULL;
  g_autofree char *create_path = g_strdup_printf ("/_sandbox/alerts?site=%s", tocsin_test_sandbox_get_cloud_id (f->sb, 0));
  g_autofree char *rest = NULL;
  g_autofree char *ack_path = NULL;
  TocsinAlertsPage *page;
  GtkWidget *details;
  GtkWidget *toast;
  LabelWait wait;
  const char *id;
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, HOSTILE_MESSAGE);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, HOSTILE_SOURCE);
  json_builder_set_member_name (builder, "owner");
  json_builder_add_string_value (builder, HOSTILE_OWNER);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, HOSTILE_DESCRIPTION);
  json_builder_set_member_name (builder, "priority");
  json_builder_add_string_value (builder, "P1");
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, HOSTILE_TAG);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "extraProperties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "<b>runbook</b>");
  json_builder_add_string_value (builder, HOSTILE_DESCRIPTION);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, HOSTILE_NOTE);
  json_builder_end_object (builder);
  fields = json_builder_get_root (builder);
  body = json_to_string (fields, FALSE);
  created = tocsin_test_sandbox_control (f->sb, "POST", create_path, body, &status);
  g_assert_cmpuint (status, ==, 201);
  id = json_object_get_string_member (json_node_get_object (created), "id");

  tocsin_alert_monitor_set_interval (monitor, 0);
  page = alerts_page_new (f, monitor);
  g_assert_true (tocsin_test_wait_until (alerts_loaded, monitor, WAIT_MS));
  g_assert_true (tocsin_alerts_page_select_alert (page, id));
  tocsin_test_spin (300);

  /* The list row and the details pane show every field as written. */
  details = tocsin_test_find_by_id (GTK_WIDGET (page), "details");
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (page), "column_view"), HOSTILE_MESSAGE, FALSE));
  g_assert_nonnull (find_label (details, HOSTILE_MESSAGE, FALSE));
  g_assert_nonnull (find_label (details, HOSTILE_SOURCE, FALSE));
  g_assert_nonnull (find_label (details, HOSTILE_OWNER, FALSE));
  g_assert_nonnull (find_label (details, HOSTILE_TAG, FALSE));
  g_assert_nonnull (find_label (details, "<b>runbook</b>", FALSE));
  g_assert_nonnull (find_label (details, HOSTILE_DESCRIPTION, FALSE));
  /* The notes arrive after the alert. */
  wait = (LabelWait) { details, HOSTILE_NOTE };
  g_assert_true (tocsin_test_wait_until (label_shown, &wait, WAIT_MS));
  assert_no_disguised_links (GTK_WIDGET (f->window));

  /* The server refuses the acknowledgement with markup in its answer: the
   * toast names the alert and the reason as written. */
  rest = g_strdup_printf ("alerts/%s/acknowledge", id);
  ack_path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  add_fault (f, ack_path, "POST", 409, 1, HOSTILE_ERROR);
  gtk_widget_activate_action (GTK_WIDGET (page), "alerts.acknowledge", NULL);
  wait = (LabelWait) { GTK_WIDGET (page), HOSTILE_ERROR };
  g_assert_true (tocsin_test_wait_until (toast_shown, &wait, WAIT_MS));
  toast = find_toast_label (GTK_WIDGET (page), HOSTILE_ERROR);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (toast)), HOSTILE_MESSAGE));
  assert_no_disguised_links (GTK_WIDGET (f->window));
  shot (f, "hostile-text-alert");

  tocsin_alerts_page_set_monitor (page, NULL);
}

/* An error body with markup on the error page, then in the toast of a
 * failed refresh over a list; a search with markup on the empty page. */
static void
test_alert_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TocsinAlertMonitor) monitor = tocsin_alert_monitor_new (f->client);
  g_autofree char *alerts_path = tocsin_test_sandbox_site_path (f->sb, 0, "alerts");
  const char *query = "\"<b>none</b> & <a href='https://evil.example/'>nothing</a>\"";
  TocsinAlertsPage *page;
  GtkWidget *stack;
  GtkWidget *error_page;
  gpointer wait_state[2];
  LabelWait wait;

  add_fault (f, alerts_path, "GET", 500, -1, HOSTILE_ERROR);
  tocsin_alert_monitor_set_interval (monitor, 0);
  page = alerts_page_new (f, monitor);
  stack = tocsin_test_find_by_id (GTK_WIDGET (page), "content_stack");
  wait_state[0] = stack;
  wait_state[1] = (gpointer) "error";
  g_assert_true (tocsin_test_wait_until (stack_shows, wait_state, WAIT_MS));
  error_page = tocsin_test_find_by_id (GTK_WIDGET (page), "error_page");
  g_assert_nonnull (strstr (tocsin_alert_monitor_get_error (monitor)->message, HOSTILE_ERROR));
  g_assert_nonnull (find_label (error_page, tocsin_alert_monitor_get_error (monitor)->message, FALSE));
  assert_no_disguised_links (GTK_WIDGET (f->window));
  shot (f, "hostile-text-error-page");

  /* A list, then a refresh that fails: the toast says why, as written. */
  tocsin_test_sandbox_clear_faults (f->sb);
  tocsin_alert_monitor_refresh (monitor);
  wait_state[1] = (gpointer) "list";
  g_assert_true (tocsin_test_wait_until (stack_shows, wait_state, WAIT_MS));
  g_assert_true (tocsin_test_wait_until (alerts_loaded, monitor, WAIT_MS));
  add_fault (f, alerts_path, "GET", 500, -1, HOSTILE_ERROR);
  tocsin_alert_monitor_refresh (monitor);
  wait = (LabelWait) { GTK_WIDGET (page), HOSTILE_ERROR };
  g_assert_true (tocsin_test_wait_until (toast_shown, &wait, WAIT_MS));
  assert_no_disguised_links (GTK_WIDGET (f->window));

  /* Nothing matches a search with markup in it: the empty page quotes it. */
  tocsin_test_sandbox_clear_faults (f->sb);
  tocsin_alert_monitor_set_query (monitor, query);
  wait_state[1] = (gpointer) "empty";
  g_assert_true (tocsin_test_wait_until (stack_shows, wait_state, WAIT_MS));
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (page), "empty_page"), query, TRUE));
  assert_no_disguised_links (GTK_WIDGET (f->window));

  tocsin_alerts_page_set_monitor (page, NULL);
}

static gboolean
schedules_failed (gpointer data)
{
  TocsinScheduleMonitor *monitor = data;

  return tocsin_schedule_monitor_get_error (monitor) != NULL;
}

/* The schedules page's error page, whether or not it is the one shown
 * (without a network the offline page is). */
static void
test_schedules_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TocsinScheduleService) service = tocsin_schedule_service_new (f->client);
  g_autoptr(TocsinScheduleMonitor) monitor = tocsin_schedule_monitor_new (service);
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  TocsinSchedulesPage *page = g_object_new (TOCSIN_TYPE_SCHEDULES_PAGE, NULL);
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, "schedules");
  const char *error;

  add_fault (f, path, "GET", 500, -1, HOSTILE_ERROR);
  adw_view_stack_add_titled (stack, GTK_WIDGET (page), "schedules", "Schedules");
  gtk_window_set_child (f->window, GTK_WIDGET (stack));
  gtk_window_present (f->window);
  tocsin_schedules_page_set_monitor (page, monitor);
  g_assert_true (tocsin_test_wait_until (schedules_failed, monitor, WAIT_MS));
  tocsin_test_spin (100);

  error = tocsin_schedule_monitor_get_error (monitor)->message;
  g_assert_nonnull (strstr (error, HOSTILE_ERROR));
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (page), "error_page"), error, FALSE));
  assert_no_disguised_links (GTK_WIDGET (f->window));

  tocsin_schedules_page_set_monitor (page, NULL);
  tocsin_schedule_monitor_set_active (monitor, FALSE);
}

/* What the user typed comes back in the preferences' toast as typed. */
static void
test_preferences_toast (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  const char *typed = "http://evil.example/?a=<b>1</b>&b=2";
  TocsinPreferencesWindow *prefs;
  GtkWidget *row;
  LabelWait wait;

  prefs = tocsin_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (prefs));
  tocsin_test_spin (100);
  row = tocsin_test_find_by_id (GTK_WIDGET (prefs), "api_base_url_row");
  g_assert_nonnull (row);

  gtk_editable_set_text (GTK_EDITABLE (row), typed);
  g_signal_emit_by_name (row, "apply");
  wait = (LabelWait) { GTK_WIDGET (prefs), typed };
  g_assert_true (tocsin_test_wait_until (toast_shown, &wait, WAIT_MS));
  assert_no_disguised_links (GTK_WIDGET (prefs));

  g_settings_reset (settings, "api-base-url");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();

#define ADD(path, func) g_test_add ("/hostile-text/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("alert", test_alert);
  ADD ("alert-errors", test_alert_errors);
  ADD ("schedules-error", test_schedules_error);
  ADD ("preferences-toast", test_preferences_toast);
#undef ADD

  return g_test_run ();
}
