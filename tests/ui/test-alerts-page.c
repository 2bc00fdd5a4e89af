/* test-alerts-page.c: the alerts page against the sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-details.h"
#include "tocsin-alert-monitor.h"
#include "tocsin-alerts-page.h"
#include "tocsin-alerts-page-private.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-priority-badge.h"
#include "tocsin-test-utils.h"
#include "tocsin-clock.h"
#include "tocsin-date-utils.h"
#include "tocsin-ui-utils.h"
#include "tocsin-test-token-provider.h"

#define WAIT_MS 15000

/* Fixture: a sandbox, a signed-in client and monitor, and the page in a window
 * inside an AdwViewStack like the real one. */

typedef struct
{
  TocsinTestSandbox  *sb;
  char               *token;
  TocsinOpsClient    *client;
  TocsinAlertMonitor *monitor;
  GtkWindow          *window;
  AdwViewStack       *stack;
  TocsinAlertsPage   *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TestTokenProvider) provider = NULL;
  g_autoptr(GError) error = NULL;

  /* @data, when given, is the number of alerts the sandbox holds. */
  f->sb = data != NULL ? tocsin_test_sandbox_start ("--alerts", data, NULL)
                       : tocsin_test_sandbox_start ("--action-delay-ms", "100", NULL);
  provider = test_token_provider_new (f->sb, NULL);
  f->token = g_strdup (provider->token);

  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (provider), &error);
  g_assert_no_error (error);
  tocsin_ops_client_set_retry_policy (f->client, 0, 10, 10);
  tocsin_ops_client_set_timeout (f->client, 10);
  f->monitor = tocsin_alert_monitor_new (f->client);
  /* Refreshes only on demand and after actions, so the log is predictable. */
  tocsin_alert_monitor_set_interval (f->monitor, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 760);
  f->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  f->page = g_object_new (TOCSIN_TYPE_ALERTS_PAGE, NULL);
  adw_view_stack_add_titled (f->stack, GTK_WIDGET (f->page), "alerts", "Alerts");
  gtk_window_set_child (f->window, GTK_WIDGET (f->stack));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      tocsin_alerts_page_set_monitor (f->page, NULL);
      gtk_window_destroy (f->window);
    }
  tocsin_test_spin (50);
  g_clear_object (&f->monitor);
  g_clear_object (&f->client);
  g_free (f->token);
  tocsin_test_sandbox_stop (f->sb);
}

/* Helpers */

static GListModel *
view_model (Fixture *f)
{
  GtkWidget *view = tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view");

  g_assert_true (GTK_IS_COLUMN_VIEW (view));
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

static GtkSelectionModel *
view_selection (Fixture *f)
{
  return GTK_SELECTION_MODEL (view_model (f));
}

static const char *
visible_state (Fixture *f)
{
  GtkWidget *stack = tocsin_test_find_by_id (GTK_WIDGET (f->page), "content_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
list_loaded (gpointer data)
{
  Fixture *f = data;

  return !tocsin_alert_monitor_get_loading (f->monitor) &&
         tocsin_alert_monitor_get_last_refresh (f->monitor) != NULL;
}

/* Every alert of the monitor in the view: they come a screenful per frame. */
static gboolean
view_complete (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (view_model (f)) ==
         g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_model (f->monitor)));
}

static gboolean
all_rows_shown (gpointer data)
{
  Fixture *f = data;

  return !tocsin_alert_monitor_get_loading (f->monitor) &&
         g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_model (f->monitor))) >
           0 &&
         view_complete (f);
}

static void
wait_loaded (Fixture *f)
{
  g_assert_true (tocsin_test_wait_until (list_loaded, f, WAIT_MS));
  g_assert_true (tocsin_test_wait_until (view_complete, f, WAIT_MS));
  tocsin_test_spin (100);
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

/* What the sandbox answers over HTTP for @query, in the client's order. */
static GPtrArray *
sandbox_alerts (Fixture    *f,
                const char *query,
                gint64     *count_out)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *escaped = escape (query);
  gint64 count = 0;

  for (guint offset = 0;; offset += 100)
    {
      g_autofree char *rest = g_strdup_printf ("alerts?query=%s&sort=createdAt&order=desc&offset=%u&size=100",
                                               escaped, offset);
      g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
      g_autoptr(JsonNode) reply = NULL;
      JsonArray *values;
      guint status = 0;

      reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      count = json_object_get_int_member (json_node_get_object (reply), "count");
      values = json_object_get_array_member (json_node_get_object (reply), "values");
      for (guint i = 0; i < json_array_get_length (values); i++)
        g_ptr_array_add (alerts, json_object_ref (json_array_get_object_element (values, i)));
      if (json_array_get_length (values) == 0 || alerts->len >= count)
        break;
    }

  if (count_out != NULL)
    *count_out = count;
  return alerts;
}

static JsonObject *
sandbox_alert (Fixture    *f,
               const char *id)
{
  g_autofree char *rest = g_strconcat ("alerts/", id, NULL);
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (reply));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    substring)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (root));

      if (substring ? strstr (label, text) != NULL : g_strcmp0 (label, text) == 0)
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
  Fixture    *f;
  const char *text;
} LabelWait;

static gboolean
toast_shown (gpointer data)
{
  LabelWait *w = data;
  GtkWidget *overlay = tocsin_test_find_by_id (GTK_WIDGET (w->f->page), "toast_overlay");

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0 && find_label (child, w->text, TRUE) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct
{
  Fixture    *f;
  const char *method;
  const char *path;
  const char *query;  /* expected "query" parameter, or NULL for any */
} LogWait;

static gboolean
logged (gpointer data)
{
  LogWait *w = data;
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (w->f->sb);

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);
      JsonObject *query;

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), w->method) != 0 ||
          g_strcmp0 (json_object_get_string_member (entry, "path"), w->path) != 0)
        continue;
      if (w->query == NULL)
        return TRUE;
      query = json_object_get_object_member (entry, "query");
      if (query != NULL && json_object_has_member (query, "query") &&
          g_strcmp0 (json_object_get_string_member (query, "query"), w->query) == 0)
        return TRUE;
      if (*w->query == '\0' && (query == NULL || !json_object_has_member (query, "query")))
        return TRUE;
    }
  return FALSE;
}

static gboolean
badge_matches (gpointer data)
{
  Fixture *f = data;
  AdwViewStackPage *page = adw_view_stack_get_page (f->stack, GTK_WIDGET (f->page));

  return tocsin_alert_monitor_get_open_unacknowledged_count (f->monitor) > 0 &&
         adw_view_stack_page_get_badge_number (page) == tocsin_alert_monitor_get_open_unacknowledged_count (f->monitor);
}

static guint
find_position (Fixture          *f,
               TocsinAlertState  state)
{
  GListModel *model = view_model (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);

      if (tocsin_alert_get_state (alert) == state)
        return i;
    }
  g_assert_not_reached ();
}

/* Lets layout and drawing settle first: a widget waiting for its allocation
 * renders nothing. */
static char *
shot (Fixture    *f,
      const char *name)
{
  tocsin_test_spin (300);
  return tocsin_test_save_screenshot (GTK_WIDGET (f->window), name);
}

/* Tests */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) unacked = NULL;
  GListModel *model;
  gint64 count = 0, unacked_count = 0;
  GtkWidget *leaflet;
  g_autofree char *wide = NULL;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  g_assert_true (tocsin_alert_monitor_get_active (f->monitor));
  wait_loaded (f);
  g_assert_cmpstr (visible_state (f), ==, "list");

  /* The same query over HTTP gives the same alerts in the same order. */
  expected = sandbox_alerts (f, tocsin_alert_monitor_get_query (f->monitor), &count);
  model = view_model (f);
  g_assert_cmpuint (expected->len, >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);
      JsonObject *obj = g_ptr_array_index (expected, i);

      g_assert_cmpstr (tocsin_alert_get_id (alert), ==, json_object_get_string_member (obj, "id"));
      g_assert_cmpstr (tocsin_alert_get_message (alert), ==, json_object_get_string_member (obj, "message"));
    }
  /* The first row is on screen with its message. */
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view"),
                                json_object_get_string_member (g_ptr_array_index (expected, 0), "message"), FALSE));

  /* The tab's badge is the server's open-unacknowledged count. */
  unacked = sandbox_alerts (f, TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED, &unacked_count);
  g_assert_true (tocsin_test_wait_until (badge_matches, f, WAIT_MS));
  g_assert_cmpint (adw_view_stack_page_get_badge_number (adw_view_stack_get_page (f->stack, GTK_WIDGET (f->page))),
                   ==, unacked_count);
  g_assert_cmpuint (tocsin_alerts_page_get_open_unacknowledged_count (f->page), ==, unacked_count);

  /* The details pane is built only when an alert is first selected: until
   * then its place says none is. */
  g_assert_null (tocsin_test_find_widget (GTK_WIDGET (f->page), TOCSIN_TYPE_ALERT_DETAILS, NULL));
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (f->page), "details"),
                                _("No Alert Selected"), FALSE));

  /* Selecting a row fills the details pane beside the list. */
  gtk_selection_model_select_item (view_selection (f), 1, TRUE);
  tocsin_test_spin (300);
  g_assert_nonnull (
    tocsin_test_find_widget (GTK_WIDGET (f->page), TOCSIN_TYPE_ALERT_DETAILS, NULL));
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (f->page), "details"),
                                json_object_get_string_member (g_ptr_array_index (expected, 1), "message"), FALSE));
  leaflet = tocsin_test_find_by_id (GTK_WIDGET (f->page), "leaflet");
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  wide = shot (f, "alerts-page-wide");
  g_assert_true (g_file_test (wide, G_FILE_TEST_IS_REGULAR));

  /* Sorting by a column reorders the view, not the monitor's list. */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view"));
    g_autoptr(GtkColumnViewColumn) priority = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
    int last = 0;

    gtk_column_view_sort_by_column (view, priority, GTK_SORT_ASCENDING);
    tocsin_test_spin (100);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);

        g_assert_cmpint (tocsin_alert_get_priority (alert), >=, last);
        last = tocsin_alert_get_priority (alert);
      }

    /* IDs as numbers ("9" before "10"), and the newest first by creation. */
    {
      GListModel *columns = gtk_column_view_get_columns (view);
      g_autoptr(GtkColumnViewColumn) id_column = g_list_model_get_item (columns, 1);
      g_autoptr(GtkColumnViewColumn) created = g_list_model_get_item (columns, 7);
      gint64 last_id = -1;
      g_autoptr(GDateTime) last_created = NULL;

      gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);
          gint64 id = g_ascii_strtoll (tocsin_alert_get_tiny_id (alert), NULL, 10);

          g_assert_cmpint (id, >, last_id);
          last_id = id;
        }
      gtk_column_view_sort_by_column (view, created, GTK_SORT_DESCENDING);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);
          GDateTime *time = tocsin_alert_get_created_at (alert);

          if (last_created != NULL)
            g_assert_cmpint (g_date_time_compare (time, last_created), <=, 0);
          g_clear_pointer (&last_created, g_date_time_unref);
          last_created = g_date_time_ref (time);
        }
    }
    gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  }
}

static gboolean
folded (gpointer data)
{
  Fixture *f = data;
  GtkWidget *leaflet = tocsin_test_find_by_id (GTK_WIDGET (f->page), "leaflet");

  return adw_leaflet_get_folded (ADW_LEAFLET (leaflet));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *leaflet, *view;
  g_autoptr(TocsinAlert) alert = NULL;

  gtk_window_set_default_size (f->window, 400, 720);
  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_true (tocsin_test_wait_until (folded, f, WAIT_MS));
  g_free (shot (f, "alerts-page-narrow-list"));

  leaflet = tocsin_test_find_by_id (GTK_WIDGET (f->page), "leaflet");
  view = tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "list");

  /* Activating a row on a narrow window shows its details stacked on top. */
  gtk_selection_model_select_item (view_selection (f), 0, TRUE);
  g_signal_emit_by_name (view, "activate", 0);
  tocsin_test_spin (600);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "details");
  alert = g_list_model_get_item (view_model (f), 0);
  g_assert_nonnull (find_label (tocsin_test_find_by_id (GTK_WIDGET (f->page), "details"),
                                tocsin_alert_get_message (alert), FALSE));
  g_free (shot (f, "alerts-page-narrow-details"));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.show-list", NULL);
  tocsin_test_spin (400);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "list");
}

typedef struct
{
  TocsinAlert      *alert;
  TocsinAlertState  state;
} AlertWait;

static gboolean
alert_settled (gpointer data)
{
  AlertWait *w = data;

  return !tocsin_alert_get_pending (w->alert) && tocsin_alert_get_state (w->alert) == w->state;
}

static gboolean
refreshed_since (gpointer data)
{
  gpointer *pair = data;
  TocsinAlertMonitor *monitor = pair[0];
  GDateTime *since = pair[1];
  GDateTime *last = tocsin_alert_monitor_get_last_refresh (monitor);

  return !tocsin_alert_monitor_get_loading (monitor) && last != NULL && g_date_time_compare (last, since) > 0;
}

static void
test_acknowledge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TocsinAlert) alert = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *toast_text = NULL;
  guint position;
  LogWait log_wait;
  LabelWait toast_wait;
  AlertWait alert_wait;
  gpointer since[2];

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);

  position = find_position (f, TOCSIN_ALERT_STATE_OPEN);
  alert = g_list_model_get_item (view_model (f), position);
  id = g_strdup (tocsin_alert_get_id (alert));
  gtk_selection_model_select_item (view_selection (f), position, TRUE);
  tocsin_test_spin (100);
  tocsin_test_sandbox_clear_log (f->sb);
  before = g_date_time_new_now_utc ();

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.acknowledge", NULL);
  /* The row shows the pending state while the request is processed. */
  g_assert_true (tocsin_alert_get_pending (alert));

  rest = g_strdup_printf ("alerts/%s/acknowledge", id);
  path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  log_wait = (LogWait) { f, "POST", path, NULL };
  g_assert_true (tocsin_test_wait_until (logged, &log_wait, WAIT_MS));

  alert_wait = (AlertWait) { alert, TOCSIN_ALERT_STATE_ACKNOWLEDGED };
  g_assert_true (tocsin_test_wait_until (alert_settled, &alert_wait, WAIT_MS));
  since[0] = f->monitor;
  since[1] = before;
  g_assert_true (tocsin_test_wait_until (refreshed_since, since, WAIT_MS));
  tocsin_test_spin (100);

  /* After the monitor's refresh the row holds the server's state. */
  server = sandbox_alert (f, id);
  g_assert_true (json_object_get_boolean_member (server, "acknowledged"));
  g_assert_true (tocsin_alert_get_acknowledged (alert));
  g_assert_cmpint (tocsin_alert_get_state (alert), ==, TOCSIN_ALERT_STATE_ACKNOWLEDGED);
  {
    /* The same object is still in the view (identity kept across the refresh). */
    g_autoptr(TocsinAlert) again = NULL;
    GListModel *model = view_model (f);

    for (guint i = 0; i < g_list_model_get_n_items (model) && again == NULL; i++)
      {
        g_autoptr(TocsinAlert) item = g_list_model_get_item (model, i);

        if (g_strcmp0 (tocsin_alert_get_id (item), id) == 0)
          again = g_steal_pointer (&item);
      }
    g_assert_true (again == alert);
  }

  /* The details pane now offers to take the acknowledgement back. */
  {
    GtkWidget *button = tocsin_test_find_by_id (GTK_WIDGET (f->page), "acknowledge_button");

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Unacknowledge"));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "alerts.unacknowledge");
  }

  toast_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Acknowledged %u alert", "Acknowledged %u alerts", 1), 1);
  toast_wait = (LabelWait) { f, toast_text };
  g_assert_true (tocsin_test_wait_until (toast_shown, &toast_wait, WAIT_MS));
  g_free (shot (f, "alerts-page-acknowledged"));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry, *mine, *all;
  g_autofree char *path = NULL;
  g_autofree char *mine_query = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  LogWait log_wait;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  path = tocsin_test_sandbox_site_path (f->sb, 0, "alerts");

  /* Typed text goes to the server as the query. */
  entry = tocsin_test_find_by_id (GTK_WIDGET (f->page), "search_entry");
  tocsin_test_sandbox_clear_log (f->sb);
  gtk_editable_set_text (GTK_EDITABLE (entry), "priority:P1");
  g_signal_emit_by_name (entry, "activate");
  log_wait = (LogWait) { f, "GET", path, "priority:P1" };
  g_assert_true (tocsin_test_wait_until (logged, &log_wait, WAIT_MS));
  wait_loaded (f);
  expected = sandbox_alerts (f, "priority:P1", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (f)), ==, expected->len);
  for (guint i = 0; i < g_list_model_get_n_items (view_model (f)); i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (view_model (f), i);

      g_assert_cmpint (tocsin_alert_get_priority (alert), ==, 1);
    }

  /* "Assigned to me" needs the account; without it the preset is insensitive.
   * It lists the open alerts whose owner field (the API's: a display name)
   * is the signed-in user, what the server has for owner:"Dana Okafor". */
  mine = tocsin_test_find_by_id (GTK_WIDGET (f->page), "preset_mine");
  g_assert_false (gtk_widget_get_sensitive (mine));
  tocsin_alerts_page_set_account_id (f->page, TOCSIN_TEST_SANDBOX_USER_ID);
  tocsin_alerts_page_set_account_name (f->page, "Dana Okafor");
  g_assert_true (gtk_widget_get_sensitive (mine));
  tocsin_test_sandbox_clear_log (f->sb);
  gtk_widget_activate (mine);
  mine_query = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME);
  log_wait = (LogWait) { f, "GET", path, mine_query };
  g_assert_true (tocsin_test_wait_until (logged, &log_wait, WAIT_MS));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, mine_query);
  wait_loaded (f);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = sandbox_alerts (f, "status:open AND owner:\"Dana Okafor\"", NULL);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (f)), ==, expected->len);
  for (guint i = 0; i < g_list_model_get_n_items (view_model (f)); i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (view_model (f), i);

      g_assert_cmpstr (tocsin_alert_get_owner (alert), ==, "Dana Okafor");
    }
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mine)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tocsin_test_find_by_id (GTK_WIDGET (f->page),
                                                                                           "preset_open"))));

  /* "All" sends no query at all (or an empty one). */
  all = tocsin_test_find_by_id (GTK_WIDGET (f->page), "preset_all");
  tocsin_test_sandbox_clear_log (f->sb);
  gtk_widget_activate (all);
  log_wait = (LogWait) { f, "GET", path, "" };
  g_assert_true (tocsin_test_wait_until (logged, &log_wait, WAIT_MS));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mine)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all)));
}

static void
test_failed_action (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TocsinAlert) alert = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fault = NULL;
  g_autoptr(JsonObject) server = NULL;
  guint position;
  LogWait log_wait;
  LabelWait toast_wait;
  AlertWait alert_wait;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);

  position = find_position (f, TOCSIN_ALERT_STATE_OPEN);
  alert = g_list_model_get_item (view_model (f), position);
  gtk_selection_model_select_item (view_selection (f), position, TRUE);

  rest = g_strdup_printf ("alerts/%s/close", tocsin_alert_get_id (alert));
  path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  fault = g_strdup_printf ("{\"path\":\"%s\",\"method\":\"POST\",\"kind\":\"status\",\"status\":409}", path);
  tocsin_test_sandbox_add_fault (f->sb, fault);
  tocsin_test_sandbox_clear_log (f->sb);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.close", NULL);
  /* Optimistically closed while pending... */
  g_assert_true (tocsin_alert_get_pending (alert));
  g_assert_cmpint (tocsin_alert_get_state (alert), ==, TOCSIN_ALERT_STATE_CLOSED);

  log_wait = (LogWait) { f, "POST", path, NULL };
  g_assert_true (tocsin_test_wait_until (logged, &log_wait, WAIT_MS));

  /* ...and back to open once the server refused. */
  alert_wait = (AlertWait) { alert, TOCSIN_ALERT_STATE_OPEN };
  g_assert_true (tocsin_test_wait_until (alert_settled, &alert_wait, WAIT_MS));
  server = sandbox_alert (f, tocsin_alert_get_id (alert));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "open");

  toast_wait = (LabelWait) { f, "Could not close" };
  g_assert_true (tocsin_test_wait_until (toast_shown, &toast_wait, WAIT_MS));
  toast_wait.text = tocsin_alert_get_message (alert);
  g_assert_true (toast_shown (&toast_wait));
  g_free (shot (f, "alerts-page-failed-action"));
}

/* Two alerts refused: one whole sentence for the action, in the user's
 * language (run in German too, where a sentence built from a verb
 * fragment read wrong). */
static void
test_failed_several (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *expected = NULL;
  GListModel *model;
  LabelWait toast_wait;
  guint n_open = 0;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);

  model = view_model (f);
  for (guint i = 0; i < g_list_model_get_n_items (model) && n_open < 2; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);
      g_autofree char *rest = NULL;
      g_autofree char *path = NULL;
      g_autofree char *fault = NULL;

      if (tocsin_alert_get_state (alert) != TOCSIN_ALERT_STATE_OPEN)
        continue;
      rest = g_strdup_printf ("alerts/%s/close", tocsin_alert_get_id (alert));
      path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
      fault = g_strdup_printf ("{\"path\":\"%s\",\"method\":\"POST\",\"kind\":\"status\","
                               "\"status\":409}", path);
      tocsin_test_sandbox_add_fault (f->sb, fault);
      gtk_selection_model_select_item (view_selection (f), i, n_open == 0);
      n_open++;
    }
  g_assert_cmpuint (n_open, ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.close", NULL);
  /* The reason is the server's; the sentence around it is ours. */
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Could not close %u of %u alert: %s",
                                           "Could not close %u of %u alerts: %s", 2), 2, 2, "");
  toast_wait = (LabelWait) { f, expected };
  g_assert_true (tocsin_test_wait_until (toast_shown, &toast_wait, WAIT_MS));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

typedef struct
{
  GtkWidget *dropdown;
  guint      n_items;
} DropDownWait;

static gboolean
drop_down_filled (gpointer data)
{
  DropDownWait *w = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (w->dropdown))) == w->n_items;
}

static void
test_snooze_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TocsinAlert) first = NULL;
  g_autoptr(TocsinAlert) second = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GDateTime) now = NULL;
  AdwMessageDialog *dialog;
  guint snoozes = 0;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);

  /* Two rows selected: the action applies to both. */
  gtk_selection_model_select_item (view_selection (f), 0, TRUE);
  gtk_selection_model_select_item (view_selection (f), 2, FALSE);
  first = g_list_model_get_item (view_model (f), 0);
  second = g_list_model_get_item (view_model (f), 2);
  tocsin_test_sandbox_clear_log (f->sb);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.snooze", NULL);
  g_assert_true (tocsin_test_wait_until (dialog_shown, NULL, WAIT_MS));
  dialog = find_dialog ();
  g_free (shot (f, "alerts-page-snooze-dialog"));
  now = g_date_time_new_now_utc ();
  adw_message_dialog_response (dialog, "snooze");
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    LabelWait toast_wait = { f, NULL };
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snoozed %u alert", "Snoozed %u alerts", 2), 2);

    toast_wait.text = text;
    g_assert_true (tocsin_test_wait_until (toast_shown, &toast_wait, WAIT_MS));
  }

  /* Each alert got a POST .../snooze whose endTime lies in the future (the default is an hour). */
  log = tocsin_test_sandbox_get_log (f->sb);
  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);
      const char *path = json_object_get_string_member (entry, "path");
      JsonObject *body;
      g_autoptr(GDateTime) end = NULL;

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), "POST") != 0 || !g_str_has_suffix (path, "/snooze"))
        continue;
      g_assert_true (strstr (path, tocsin_alert_get_id (first)) != NULL || strstr (path, tocsin_alert_get_id (second)) != NULL);
      body = json_object_get_object_member (entry, "body");
      end = g_date_time_new_from_iso8601 (json_object_get_string_member (body, "endTime"), NULL);
      g_assert_nonnull (end);
      g_assert_cmpint (g_date_time_difference (end, now), >=, 59 * G_TIME_SPAN_MINUTE);
      g_assert_cmpint (g_date_time_difference (end, now), <=, 61 * G_TIME_SPAN_MINUTE);
      snoozes++;
    }
  g_assert_cmpuint (snoozes, ==, 2);
}

/* The logged POST to @suffix (".../notes", ".../escalate") for @alert, or NULL. */
static JsonObject *
logged_post (Fixture     *f,
             TocsinAlert *alert,
             const char  *suffix)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);
  g_autofree char *tail = g_strconcat ("/alerts/", tocsin_alert_get_id (alert), "/", suffix, NULL);

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), "POST") == 0 &&
          g_str_has_suffix (json_object_get_string_member (entry, "path"), tail))
        return json_object_ref (entry);
    }
  return NULL;
}

typedef struct
{
  Fixture     *f;
  TocsinAlert *alert;
  const char  *suffix;
} PostWait;

static gboolean
posted (gpointer data)
{
  PostWait *w = data;
  g_autoptr(JsonObject) entry = logged_post (w->f, w->alert, w->suffix);

  return entry != NULL;
}

static void
test_note_dialog (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TocsinAlert) alert = NULL;
  g_autoptr(JsonObject) entry = NULL;
  const char *note = "Restarted the replica; lag is falling. — Ünïcödé ✓";
  AdwMessageDialog *dialog;
  GtkWidget *view;
  PostWait wait;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  gtk_selection_model_select_item (view_selection (f), 1, TRUE);
  alert = g_list_model_get_item (view_model (f), 1);
  tocsin_test_sandbox_clear_log (f->sb);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.add-note", NULL);
  g_assert_true (tocsin_test_wait_until (dialog_shown, NULL, WAIT_MS));
  dialog = find_dialog ();

  /* Nothing to add yet: the response waits for text. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  view = tocsin_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), note, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait = (PostWait) { f, alert, "notes" };
  g_assert_true (tocsin_test_wait_until (posted, &wait, WAIT_MS));
  entry = logged_post (f, alert, "notes");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "body"), "note"), ==, note);
}

/* The escalation policies offered are those the sandbox lists for its teams,
 * and the one chosen is what the escalate request names. */
static void
test_escalate_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TocsinAlert) alert = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(JsonNode) teams = NULL;
  g_autoptr(GHashTable) policy_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *teams_path = tocsin_test_sandbox_site_path (f->sb, 0, "teams");
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;
  DropDownWait choices;
  JsonArray *team_list;
  PostWait wait;
  guint status = 0;

  teams = tocsin_test_sandbox_api (f->sb, "GET", teams_path, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  team_list = json_object_get_array_member (json_node_get_object (teams), "platformTeams");
  for (guint i = 0; i < json_array_get_length (team_list); i++)
    {
      const char *team_id = json_object_get_string_member (json_array_get_object_element (team_list, i), "teamId");
      g_autofree char *rest = g_strdup_printf ("teams/%s/escalations", team_id);
      g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
      g_autoptr(JsonNode) reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->token, NULL, &status);
      JsonArray *values = json_object_get_array_member (json_node_get_object (reply), "values");

      for (guint k = 0; k < json_array_get_length (values); k++)
        g_hash_table_add (policy_ids, g_strdup (json_object_get_string_member (json_array_get_object_element (values, k), "id")));
    }
  g_assert_cmpuint (g_hash_table_size (policy_ids), >, 0);

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  gtk_selection_model_select_item (view_selection (f), 0, TRUE);
  alert = g_list_model_get_item (view_model (f), 0);
  tocsin_test_sandbox_clear_log (f->sb);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.escalate", NULL);
  g_assert_true (tocsin_test_wait_until (dialog_shown, NULL, WAIT_MS));
  dialog = find_dialog ();
  dropdown = tocsin_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (dropdown);

  /* Policies arrive team by team from the API; every one is offered. */
  choices = (DropDownWait) { dropdown, g_hash_table_size (policy_ids) };
  g_assert_true (tocsin_test_wait_until (drop_down_filled, &choices, WAIT_MS));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "escalate"));
  g_free (shot (f, "alerts-page-escalate-dialog"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))) - 1);
  adw_message_dialog_response (dialog, "escalate");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait = (PostWait) { f, alert, "escalate" };
  g_assert_true (tocsin_test_wait_until (posted, &wait, WAIT_MS));
  entry = logged_post (f, alert, "escalate");
  g_assert_true (g_hash_table_contains (policy_ids,
                                        json_object_get_string_member (json_object_get_object_member (entry, "body"),
                                                                       "escalationId")));
}

/* The cell widgets of @alert's row, in column order, or NULL when it has
 * no row on screen. */
static GPtrArray *
row_cells (GtkWidget   *widget,
           TocsinAlert *alert)
{
  GtkWidget *first = gtk_widget_get_first_child (widget);

  if (g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0 && first != NULL &&
      g_strcmp0 (gtk_widget_get_css_name (first), "cell") == 0 && gtk_widget_get_mapped (widget))
    {
      GPtrArray *cells = g_ptr_array_new ();
      GtkWidget *tiny_id;

      for (GtkWidget *cell = first; cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        g_ptr_array_add (cells, gtk_widget_get_first_child (cell));
      tiny_id = cells->len == 9 ? g_ptr_array_index (cells, 1) : NULL;
      if (GTK_IS_LABEL (tiny_id) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (tiny_id)),
                                               tocsin_alert_get_tiny_id (alert)) == 0)
        return cells;
      g_ptr_array_unref (cells);
      return NULL;
    }

  for (GtkWidget *child = first; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GPtrArray *cells = row_cells (child, alert);

      if (cells != NULL)
        return cells;
    }
  return NULL;
}

/* A cell's tooltip is @expected (none for NULL), asked for when the
 * pointer rests on it. */
static void
assert_tooltip (GtkWidget  *cell,
                const char *expected)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_autofree char *text = _tocsin_alerts_page_dup_cell_tooltip (cell);
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_get_has_tooltip (cell));
  g_assert_cmpstr (text, ==, expected);
  g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_cmpint (shown, ==, expected != NULL);
}

/* How long ago, and the full time as the tooltip. */
static void
assert_time_shows (GtkWidget *label,
                   GDateTime *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *relative = tocsin_date_format_relative (time, now);
  g_autofree char *absolute = tocsin_date_format_absolute (time, tocsin_date_get_clock_format ());

  g_assert_nonnull (time);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, relative);
  assert_tooltip (label, absolute);
}

static void
assert_row_shows (Fixture     *f,
                  TocsinAlert *alert)
{
  g_autoptr(GPtrArray) cells =
    row_cells (tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view"), alert);
  g_autofree char    *count = g_strdup_printf ("%" G_GINT64_FORMAT, tocsin_alert_get_count (alert));
  const char * const *tags = tocsin_alert_get_tags (alert);
  g_autofree char    *joined = tags != NULL ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  gboolean            pending = tocsin_alert_get_pending (alert);
  GtkWidget          *status;

  g_assert_nonnull (cells);
  g_assert_cmpint (tocsin_priority_badge_get_priority (g_ptr_array_index (cells, 0)), ==,
                   tocsin_alert_get_priority (alert));
  g_assert_cmpint (tocsin_priority_badge_get_pending (g_ptr_array_index (cells, 0)), ==, pending);
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (cells, 1), "numeric"));
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (cells, 2)), ==,
                   tocsin_alert_get_message (alert));
  assert_tooltip (g_ptr_array_index (cells, 2), tocsin_alert_get_message (alert));
  status = g_ptr_array_index (cells, 3);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==,
                   tocsin_ui_alert_state_label (tocsin_alert_get_state (alert)));
  /* An open alert's status in bold. */
  g_assert_cmpint (gtk_widget_has_css_class (status, "heading"), ==,
                   tocsin_alert_get_state (alert) == TOCSIN_ALERT_STATE_OPEN);
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (cells, 4)), ==,
                   tocsin_alert_get_owner (alert));
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (cells, 5)), ==, count);
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (cells, 6)), ==, joined);
  assert_tooltip (g_ptr_array_index (cells, 6), *joined != '\0' ? joined : NULL);
  assert_time_shows (g_ptr_array_index (cells, 7), tocsin_alert_get_created_at (alert));
  assert_time_shows (g_ptr_array_index (cells, 8), tocsin_alert_get_updated_at (alert));
  /* Every cell but the badge (which has its spinner) dimmed while pending. */
  for (guint i = 1; i < cells->len; i++)
    g_assert_cmpint (gtk_widget_has_css_class (g_ptr_array_index (cells, i), "dim-label"), ==,
                     pending);
}

typedef struct
{
  Fixture     *f;
  TocsinAlert *alert;
} ViewWait;

/* The view has rows, and none is the alert. */
static gboolean
view_lacks (gpointer data)
{
  ViewWait *w = data;
  GListModel *model = view_model (w->f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TocsinAlert) item = g_list_model_get_item (model, i);

      if (item == w->alert)
        return FALSE;
    }
  return g_list_model_get_n_items (model) > 0;
}

/* A row's cells show their alert and follow its changes: pending while an
 * action runs, then the state the server gives. */
static void
test_cells (Fixture      *f,
            gconstpointer data)
{
  g_autoptr(TocsinAlert) alert = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  GtkWidget *created;
  AlertWait  alert_wait;
  ViewWait   view_wait;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);

  alert = g_list_model_get_item (view_model (f), find_position (f, TOCSIN_ALERT_STATE_OPEN));
  assert_row_shows (f, alert);

  /* Times keep current on the shared clock's minute, while on screen. */
  cells = row_cells (tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view"), alert);
  created = g_ptr_array_index (cells, 7);
  gtk_label_set_text (GTK_LABEL (created), "stale");
  g_signal_emit_by_name (tocsin_clock_get_default (), "minute");
  assert_time_shows (created, tocsin_alert_get_created_at (alert));
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  gtk_label_set_text (GTK_LABEL (created), "stale");
  g_signal_emit_by_name (tocsin_clock_get_default (), "minute");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (created)), ==, "stale");
  /* And when shown again. */
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  assert_time_shows (created, tocsin_alert_get_created_at (alert));

  gtk_selection_model_select_item (view_selection (f), find_position (f, TOCSIN_ALERT_STATE_OPEN),
                                   TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.acknowledge", NULL);
  g_assert_true (tocsin_alert_get_pending (alert));
  assert_row_shows (f, alert);

  alert_wait = (AlertWait){ alert, TOCSIN_ALERT_STATE_ACKNOWLEDGED };
  g_assert_true (tocsin_test_wait_until (alert_settled, &alert_wait, WAIT_MS));
  tocsin_test_spin (100);
  assert_row_shows (f, alert);

  /* Once its row shows another alert, a change to this one shows nowhere:
   * the closed alerts leave it out. */
  tocsin_alert_monitor_set_query (f->monitor, "status:closed");
  view_wait = (ViewWait){ f, alert };
  g_assert_true (tocsin_test_wait_until (view_lacks, &view_wait, WAIT_MS));
  wait_loaded (f);
  g_object_notify (G_OBJECT (alert), "message");
  g_assert_null (row_cells (tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view"), alert));
}

static GtkGesture *
view_right_click (GtkWidget *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static GtkWidget *
context_menu (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->page)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;
  return NULL;
}

/* A right click on a row outside the selection selects that row and opens
 * the menu of actions there; one on the column titles does nothing. */
static void
test_right_click (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *view = tocsin_test_find_by_id (GTK_WIDGET (f->page), "column_view");
  g_autoptr(TocsinAlert) alert = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  GtkWidget *row;
  double x, y;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  gtk_selection_model_select_item (view_selection (f), 0, TRUE);

  g_signal_emit_by_name (view_right_click (view), "pressed", 1, 10.0, 5.0);
  tocsin_test_spin (100);
  /* The menu is built when first shown. */
  g_assert_null (context_menu (f));
  g_assert_true (gtk_selection_model_is_selected (view_selection (f), 0));

  /* On the message of the third row. */
  alert = g_list_model_get_item (view_model (f), 2);
  cells = row_cells (view, alert);
  g_assert_nonnull (cells);
  g_assert_true (
    gtk_widget_translate_coordinates (g_ptr_array_index (cells, 2), view, 5, 5, &x, &y));
  g_signal_emit_by_name (view_right_click (view), "pressed", 1, x, y);
  tocsin_test_spin (100);
  selected = gtk_selection_model_get_selection (view_selection (f));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_bitset_contains (selected, 2));
  g_assert_nonnull (context_menu (f));
  g_assert_true (gtk_widget_get_visible (context_menu (f)));
  gtk_popover_popdown (GTK_POPOVER (context_menu (f)));

  /* The menu key opens it at the focused row again. */
  row = gtk_widget_get_parent (gtk_widget_get_parent (g_ptr_array_index (cells, 2)));
  g_assert_cmpstr (gtk_widget_get_css_name (row), ==, "row");
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.context-menu", NULL);
  tocsin_test_spin (100);
  g_assert_true (gtk_widget_get_visible (context_menu (f)));
  gtk_popover_popdown (GTK_POPOVER (context_menu (f)));
}

static gboolean
state_is (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (visible_state (pair[0]), pair[1]) == 0;
}

/* What the first painted frame with rows showed. */
typedef struct
{
  Fixture *f;
  guint    rows;
  char    *count;
  gboolean selected_last;
} FirstRows;

static void
on_after_paint_first_rows_cb (GdkFrameClock *clock,
                              FirstRows     *first)
{
  Fixture    *f = first->f;
  GListModel *alerts = G_LIST_MODEL (tocsin_alert_monitor_get_model (f->monitor));
  guint       n_alerts = g_list_model_get_n_items (alerts);
  g_autoptr(TocsinAlert) last = NULL;

  if (first->rows > 0 || g_list_model_get_n_items (view_model (f)) == 0)
    return;
  first->rows = g_list_model_get_n_items (view_model (f));
  first->count = g_strdup (
    gtk_label_get_text (GTK_LABEL (tocsin_test_find_by_id (GTK_WIDGET (f->page), "count_label"))));
  /* Opened from a notification while the rows still arrive. */
  last = g_list_model_get_item (alerts, n_alerts - 1);
  first->selected_last = tocsin_alerts_page_select_alert (f->page, tocsin_alert_get_id (last));
}

/* A long list arrives a screenful per frame, because GTK 4.8 makes a row
 * widget for up to 200 items whether they are seen or not: the first frame
 * with rows shows a screenful, while the count already says all of them;
 * the rest follow; an alert beyond the first screenful opens at once. */
static void
test_rows_per_frame (Fixture       *f,
                     gconstpointer  data)
{
  FirstRows first = { f, 0, NULL, FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(TocsinAlert) shown = NULL;
  g_autoptr(TocsinAlert) last = NULL;
  g_autofree char *count = NULL;
  GListModel *alerts;
  guint n_alerts;

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_first_rows_cb), &first);
  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  g_assert_true (tocsin_test_wait_until (all_rows_shown, f, WAIT_MS));
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_first_rows_cb, &first);

  /* Of the sandbox's 150 alerts, those open. */
  alerts = G_LIST_MODEL (tocsin_alert_monitor_get_model (f->monitor));
  n_alerts = g_list_model_get_n_items (alerts);
  g_assert_cmpuint (n_alerts, >, 60);
  g_assert_cmpuint (first.rows, >, 0);
  /* A screenful of the 760-pixel window, not all. */
  g_assert_cmpuint (first.rows, <=, 760 / 32 + 1);
  count = g_strdup_printf ("%u alerts", n_alerts);
  g_assert_cmpstr (first.count, ==, count);
  g_assert_true (first.selected_last);

  /* The one selected is that last alert, wherever the sort put it. */
  selected = gtk_selection_model_get_selection (view_selection (f));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  shown = g_list_model_get_item (view_model (f), gtk_bitset_get_minimum (selected));
  last = g_list_model_get_item (alerts, n_alerts - 1);
  g_assert_cmpstr (tocsin_alert_get_id (shown), ==, tocsin_alert_get_id (last));
  g_free (first.count);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  AdwStatusPage *empty;
  gpointer wait[2] = { f, (gpointer) "empty" };
  g_autoptr(GPtrArray) expected = NULL;

  tocsin_alert_monitor_set_query (f->monitor, "message:no-such-alert-anywhere");
  expected = sandbox_alerts (f, "message:no-such-alert-anywhere", NULL);
  g_assert_cmpuint (expected->len, ==, 0);

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  g_assert_true (tocsin_test_wait_until (state_is, wait, WAIT_MS));
  empty = ADW_STATUS_PAGE (tocsin_test_find_by_id (GTK_WIDGET (f->page), "empty_page"));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, _("No Matching Alerts"));
  /* Its icon, set when shown. */
  g_assert_cmpstr (adw_status_page_get_icon_name (empty), ==, "object-select-symbolic");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_free (shot (f, "alerts-page-empty"));
}

static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, "alerts");
  g_autofree char *fault = NULL;
  gpointer wait_error[2] = { f, (gpointer) "error" };
  gpointer wait_list[2] = { f, (gpointer) "list" };
  AdwStatusPage *error_page;
  GtkWidget *retry;

  fault = g_strdup_printf ("{\"path\":\"%s\",\"method\":\"GET\",\"kind\":\"status\",\"status\":500,\"times\":-1}", path);
  tocsin_test_sandbox_add_fault (f->sb, fault);

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  g_assert_true (tocsin_test_wait_until (state_is, wait_error, WAIT_MS));
  error_page = ADW_STATUS_PAGE (tocsin_test_find_by_id (GTK_WIDGET (f->page), "error_page"));
  g_assert_nonnull (tocsin_alert_monitor_get_error (f->monitor));
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==,
                   tocsin_alert_monitor_get_error (f->monitor)->message);
  g_assert_cmpstr (adw_status_page_get_icon_name (error_page), ==, "network-error-symbolic");
  g_free (shot (f, "alerts-page-error"));

  /* Retry once the server is well again. */
  tocsin_test_sandbox_clear_faults (f->sb);
  retry = tocsin_test_find_button (GTK_WIDGET (f->page), _("_Retry"));
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (tocsin_test_wait_until (state_is, wait_list, WAIT_MS));
  wait_loaded (f);
  g_assert_null (tocsin_alert_monitor_get_error (f->monitor));
}

static void
test_no_monitor (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpstr (visible_state (f), ==, "none");

  /* A monitor given and taken away again leaves the page empty and quiet. */
  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (f)), >, 0);
  tocsin_alerts_page_set_monitor (f->page, NULL);
  g_assert_cmpstr (visible_state (f), ==, "none");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (f)), ==, 0);
}

/* Nothing outlives the window: the page, its cells and their bindings go
 * with it, also after an action and with a dialog open. */
static void
test_finalize (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TocsinAlert) alert = NULL;
  AlertWait alert_wait;
  TocsinAlertsPage *page = f->page;
  guint position;

  tocsin_alerts_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  position = find_position (f, TOCSIN_ALERT_STATE_OPEN);
  gtk_selection_model_select_item (view_selection (f), position, TRUE);
  alert = g_list_model_get_item (view_model (f), position);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.acknowledge", NULL);
  alert_wait = (AlertWait) { alert, TOCSIN_ALERT_STATE_ACKNOWLEDGED };
  g_assert_true (tocsin_test_wait_until (alert_settled, &alert_wait, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "alerts.add-note", NULL);
  g_assert_true (tocsin_test_wait_until (dialog_shown, NULL, WAIT_MS));
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));

  g_object_ref (page);
  tocsin_alerts_page_set_monitor (page, NULL);
  gtk_window_destroy (f->window);
  f->window = NULL;
  tocsin_test_spin (100);
  g_assert_finalize_object (page);
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();
  load_css ();

#define ADD(path, func) g_test_add ("/alerts-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list", test_list);
  ADD ("narrow", test_narrow);
  ADD ("cells", test_cells);
  ADD ("right-click", test_right_click);
  ADD ("acknowledge", test_acknowledge);
  ADD ("search", test_search);
  ADD ("failed-action", test_failed_action);
  ADD ("failed-several", test_failed_several);
  ADD ("snooze-dialog", test_snooze_dialog);
  ADD ("note-dialog", test_note_dialog);
  ADD ("escalate-dialog", test_escalate_dialog);
  g_test_add ("/alerts-page/rows-per-frame", Fixture, "150", fixture_setup, test_rows_per_frame,
              fixture_teardown);
  ADD ("empty", test_empty);
  ADD ("error", test_error);
  ADD ("no-monitor", test_no_monitor);
  ADD ("finalize", test_finalize);
#undef ADD

  return g_test_run ();
}
