/* test-sign-in.c: signing in through the real window, browser and keyring
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real TocsinApplication runs in this process (so the window's widgets
 * can be inspected), registered as the unique instance on the test's session
 * bus, against tocsin-sandbox started without --auto-consent. The default
 * browser is headless Chromium (tests/ui/test-browser.py), which clicks
 * Accept or Deny on the sandbox consent page. For tocsin:// the browser hands
 * the redirect to the desktop, which runs the built `tocsin` binary as a
 * second process; it forwards the URI to this one over D-Bus.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tocsin-application.h"
#include "tocsin-auth-session.h"
#include "tocsin-sign-in-page.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-test-utils.h"
#include "tocsin-window.h"
#include "tocsin-test-notifications.h"

#define FLOW_TIMEOUT_MS 60000

static TocsinApplication *the_app;
static TocsinTestSandbox *sandbox;
static char *scratch;

/* Helpers */

static void
setup_desktop (gboolean with_browser,
               gboolean with_scheme_handler)
{
  g_autofree char *script = g_build_filename (g_getenv ("TOCSIN_SOURCE_ROOT"), "tests", "ui",
                                              "setup-mimeapps.sh", NULL);
  g_autofree char *browser = g_build_filename (g_getenv ("TOCSIN_SOURCE_ROOT"), "tests", "ui",
                                               "test-browser.py", NULL);
  g_autofree char *tocsin = g_build_filename (g_getenv ("TOCSIN_BUILD_ROOT"), "src", "tocsin", NULL);
  const char *argv[] = { "/bin/sh", script, with_browser ? browser : "none",
                         with_scheme_handler ? tocsin : NULL, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* GIO notices the new desktop files through file monitors. */
  tocsin_test_spin (1000);
}

static TocsinApplication *
start_app (void)
{
  if (the_app == NULL)
    {
      g_autoptr(GError) error = NULL;
      TocsinConfig *config;

      /* Unique: a second `tocsin` process must find this one and forward. */
      the_app = tocsin_application_new ();
      g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, &error));
      g_assert_no_error (error);
      g_assert_false (g_application_get_is_remote (G_APPLICATION (the_app)));

      config = tocsin_application_get_config (the_app);
      tocsin_config_override (config, "auth-base-url", tocsin_test_sandbox_get_auth_url (sandbox));
      tocsin_config_override (config, "api-base-url", tocsin_test_sandbox_get_api_url (sandbox));
      tocsin_config_override (config, "client-id", tocsin_test_sandbox_get_client_id (sandbox));
      tocsin_config_override (config, "redirect-uri", "http://localhost:8976/callback");
    }

  g_application_activate (G_APPLICATION (the_app));
  return the_app;
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
  tocsin_test_spin (100);
  return TOCSIN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
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
link_copied_toast_shown (gpointer data)
{
  return find_label (GTK_WIDGET (data), _("Sign-in link copied")) != NULL;
}

/* Other pages reuse ids ("state_stack", "error_page"): look in the sign-in page. */
static GtkWidget *
find_in_sign_in_page (TocsinWindow *window,
                      const char   *id)
{
  GtkWidget *main_stack = tocsin_test_find_by_id (GTK_WIDGET (window), "main_stack");

  return tocsin_test_find_by_id (gtk_stack_get_child_by_name (GTK_STACK (main_stack), "signed-out"),
                                 id);
}

static const char *
page_state (TocsinWindow *window)
{
  GtkWidget *stack = find_in_sign_in_page (window, "state_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

typedef struct
{
  TocsinWindow *window;
  const char   *state;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (page_state (wait->window), wait->state) == 0;
}

static void
assert_page_becomes (TocsinWindow *window,
                     const char   *state,
                     guint         timeout_ms)
{
  PageWait wait = { window, state };

  if (!tocsin_test_wait_until (page_is, &wait, timeout_ms))
    g_error ("the sign-in page shows “%s”, expected “%s”", page_state (window), state);
}

static gboolean
main_page_is_signed_in (gpointer data)
{
  GtkWidget *stack = tocsin_test_find_by_id (GTK_WIDGET (data), "main_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "signed-in") == 0;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
session_is_signed_out (gpointer data)
{
  return tocsin_auth_session_get_state (data) == TOCSIN_AUTH_STATE_SIGNED_OUT;
}

/* What `secret-tool search` shows for Tocsin's token schema and this test's
 * sandbox (other tests of the session leave items of their own). */
static char *
keyring_tokens (void)
{
  const char *argv[] = { "secret-tool", "search", "--all", "--unlock",
                         "xdg:schema", "io.github.tocsin.Tocsin.Token",
                         "auth-server", tocsin_test_sandbox_get_auth_url (sandbox), NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, NULL, &error);
  g_assert_no_error (error);
  return g_strconcat (out, err, NULL);
}

static gboolean
keyring_has_access_token (void)
{
  g_autofree char *found = keyring_tokens ();

  return strstr (found, "\"access_token\"") != NULL && strstr (found, "\"access_token\":null") == NULL;
}

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (w))
        return w;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* Through the menu action and its confirmation, as a user would. */
static void
sign_out (TocsinApplication *app)
{
  TocsinAuthSession *session =
    tocsin_context_get_auth_session (tocsin_application_get_context (app));
  GtkWidget *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
  g_assert_true (tocsin_test_wait_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign-out");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (tocsin_test_wait_until (session_is_signed_out, session, 10000));
  tocsin_test_spin (500);
  g_assert_false (keyring_has_access_token ());
  g_assert_null (tocsin_context_get_alert_monitor (tocsin_application_get_context (app)));
  g_assert_null (tocsin_context_get_schedule_monitor (tocsin_application_get_context (app)));
}

static gboolean
alerts_requested (gpointer data)
{
  return tocsin_test_sandbox_count_requests (sandbox, "GET", data) > 0;
}

/* What the X server shows, as a user would see it: a widget paintable comes
 * back empty while the window is busy redrawing (monitors loading). */
static void
shot (TocsinWindow *window,
      const char   *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *dir = g_build_filename (g_getenv ("TOCSIN_BUILD_ROOT"), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  const char *argv[] = { "/usr/bin/import", "-window", "root", path, NULL };
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(GError) error = NULL;

  tocsin_test_spin (500);
  g_mkdir_with_parents (dir, 0755);
  import = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* Keep the window drawing while import reads it. */
  g_assert_true (tocsin_test_wait_subprocess (import, 20000));
  g_assert_true (g_subprocess_get_successful (import));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_test_message ("screenshot: %s", path);
}

/* After Accept: the site chooser (the sandbox grants two sites), then the
 * alerts page, with monitors polling the chosen site. */
static void
finish_with_site (TocsinApplication *app,
                  TocsinWindow      *window,
                  guint              site_index,
                  const char        *shot_name)
{
  TocsinAuthSession *session =
    tocsin_context_get_auth_session (tocsin_application_get_context (app));
  GtkWidget *list, *row, *stack, *site_button;
  g_autofree char *alerts_path = NULL;
  const char *cloud_id;

  assert_page_becomes (window, "choose-site", FLOW_TIMEOUT_MS);
  g_assert_cmpint (tocsin_auth_session_get_state (session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
  g_assert_true (keyring_has_access_token ());
  g_assert_false (tocsin_window_get_signed_in (window));
  shot (window, "sign-in-choose-site");

  list = find_in_sign_in_page (window, "site_list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), site_index));
  g_assert_nonnull (row);
  cloud_id = g_object_get_data (G_OBJECT (row), "site-id");
  g_assert_true (g_strcmp0 (cloud_id, tocsin_test_sandbox_get_cloud_id (sandbox, 0)) == 0 ||
                 g_strcmp0 (cloud_id, tocsin_test_sandbox_get_cloud_id (sandbox, 1)) == 0);
  g_signal_emit_by_name (list, "row-activated", row);

  g_assert_true (tocsin_test_wait_until (main_page_is_signed_in, window, 5000));
  stack = tocsin_test_find_by_id (GTK_WIDGET (window), "view_stack");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "alerts");
  g_assert_true (gtk_widget_is_drawable (adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack))));
  g_assert_cmpstr (tocsin_site_get_id (tocsin_auth_session_get_current_site (session)), ==, cloud_id);

  /* Several sites: the header bar offers to switch. */
  site_button = tocsin_test_find_by_id (GTK_WIDGET (window), "site_button");
  g_assert_true (gtk_widget_get_visible (site_button));

  /* The monitors run against the chosen site with the stored token. */
  g_assert_nonnull (tocsin_context_get_alert_monitor (tocsin_application_get_context (app)));
  g_assert_nonnull (tocsin_context_get_schedule_monitor (tocsin_application_get_context (app)));
  alerts_path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/alerts", cloud_id);
  g_assert_true (tocsin_test_wait_until (alerts_requested, alerts_path, 20000));

  tocsin_test_spin (500);
  shot (window, shot_name);
}

static guint
consent_posts (const char *decision)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (sandbox);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);
      g_autofree char *body = NULL;
      JsonNode *body_node = json_object_get_member (entry, "body");

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "path", ""), "/authorize/consent") != 0)
        continue;
      body = body_node != NULL ? json_to_string (body_node, FALSE) : g_strdup ("");
      if (strstr (body, decision) != NULL)
        n++;
    }
  return n;
}

/* Tests */

static void
test_no_client (void)
{
  TocsinApplication *app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  TocsinConfig *config = tocsin_application_get_config (app);
  GtkWidget *register_box, *register_label, *expander, *error_page;

  tocsin_config_override (config, "client-id", "");
  tocsin_test_spin (100);

  g_assert_cmpstr (page_state (window), ==, "start");
  register_box = find_in_sign_in_page (window, "register_box");
  g_assert_true (gtk_widget_get_visible (register_box));
  /* Folded at first (a long paragraph costs start-up time), and out of the
   * widget tree until unfolded. */
  expander = find_in_sign_in_page (window, "register_expander");
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  register_label = gtk_expander_get_child (GTK_EXPANDER (expander));
  g_assert_false (gtk_widget_get_mapped (register_label));
  /* The help names the callback URL to enter and the scopes to add. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (register_label)), "http://localhost:8976/callback"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (register_label)), "read:ops-alert:jira-service-management"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (register_label)), "offline_access"));
  /* One click shows it. */
  gtk_widget_activate (expander);
  tocsin_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (register_label));
  shot (window, "sign-in-no-client");

  /* Trying anyway explains the same, and nothing is asked of the server. */
  tocsin_test_sandbox_clear_log (sandbox);
  gtk_widget_activate (find_in_sign_in_page (window, "sign_in_button"));
  assert_page_becomes (window, "error", 5000);
  g_assert_error (tocsin_context_get_sign_in_error (tocsin_application_get_context (app)),
                  TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_CLIENT);
  error_page = find_in_sign_in_page (window, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)), "developer console"));
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (sandbox, NULL, "/"), ==, 0);

  tocsin_config_override (config, "client-id", tocsin_test_sandbox_get_client_id (sandbox));
  tocsin_test_spin (100);
  g_assert_false (gtk_widget_get_visible (register_box));
}

/* Runs first, while the desktop has no browser at all. */
static void
test_browser_failed_paste (void)
{
  TocsinApplication *app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  TocsinAuthSession *session =
    tocsin_context_get_auth_session (tocsin_application_get_context (app));
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autoptr(SoupMessage) get = NULL;
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) ignored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) hidden = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *consent_url = NULL;
  GtkWidget *failed_label, *link_label, *paste_row, *copy_button;
  const char *location;

  setup_desktop (FALSE, FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-in", NULL);
  assert_page_becomes (window, "waiting", 5000);

  /* Not a dead end: the reason, the link to copy and the paste field. */
  failed_label = find_in_sign_in_page (window, "browser_failed_label");
  link_label = find_in_sign_in_page (window, "link_label");
  g_assert_true (tocsin_test_wait_until (widget_visible, failed_label, 10000));
  g_assert_true (gtk_widget_get_visible (link_label));
  g_assert_nonnull (tocsin_auth_session_get_authorize_uri (session));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (link_label)), ==, tocsin_auth_session_get_authorize_uri (session));
  copy_button = find_in_sign_in_page (window, "copy_link_button");
  g_assert_true (gtk_widget_get_sensitive (copy_button));
  /* Copying says so in a toast, through the window's win.toast. */
  gtk_widget_activate (copy_button);
  g_assert_true (tocsin_test_wait_until (link_copied_toast_shown, window, 5000));
  paste_row = find_in_sign_in_page (window, "paste_row");
  g_assert_true (gtk_widget_get_visible (paste_row));
  shot (window, "sign-in-browser-failed");

  /* A pasted address from elsewhere is refused and the sign-in waits on. */
  gtk_editable_set_text (GTK_EDITABLE (paste_row), "http://localhost:8976/callback?code=x&state=forged");
  g_signal_emit_by_name (paste_row, "apply");
  g_assert_true (gtk_widget_get_visible (find_in_sign_in_page (window, "paste_error_label")));
  g_assert_cmpstr (page_state (window), ==, "waiting");

  /* The user opens the link elsewhere (played here over HTTP), accepts,
   * and pastes the address the browser ends up on. */
  get = soup_message_new ("GET", tocsin_auth_session_get_authorize_uri (session));
  page = soup_session_send_and_read (http, get, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (get), ==, 200);
  hidden = g_regex_new ("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">", 0, 0, NULL);
  g_regex_match (hidden, g_bytes_get_data (page, NULL), 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *value_html = g_match_info_fetch (match, 2);
      g_autofree char *value = NULL;
      g_autofree char *escaped = NULL;
      g_autoptr(GString) unescaped = g_string_new (value_html);

      g_string_replace (unescaped, "&quot;", "\"", 0);
      g_string_replace (unescaped, "&lt;", "<", 0);
      g_string_replace (unescaped, "&gt;", ">", 0);
      g_string_replace (unescaped, "&#39;", "'", 0);
      g_string_replace (unescaped, "&amp;", "&", 0);
      value = g_string_free (g_steal_pointer (&unescaped), FALSE);
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (form, "%s=%s&", name, escaped);
    }
  g_assert_cmpuint (form->len, >, 0);
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (form, "site=%s&", tocsin_test_sandbox_get_cloud_id (sandbox, i));
  g_string_append (form, "decision=accept");

  consent_url = g_strdup_printf ("%s/authorize/consent", tocsin_test_sandbox_get_auth_url (sandbox));
  post = soup_message_new ("POST", consent_url);
  soup_message_add_flags (post, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_set_request_body_from_bytes (post, "application/x-www-form-urlencoded",
                                            g_bytes_new (form->str, form->len));
  ignored = soup_session_send_and_read (http, post, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (post), ==, 302);
  location = soup_message_headers_get_one (soup_message_get_response_headers (post), "Location");
  g_assert_true (g_str_has_prefix (location, "http://localhost:8976/callback?"));

  gtk_editable_set_text (GTK_EDITABLE (paste_row), location);
  g_signal_emit_by_name (paste_row, "apply");

  finish_with_site (app, window, 0, "sign-in-pasted");
  sign_out (app);
  g_assert_cmpstr (page_state (window), ==, "start");
}

/* Log lines before this one belong to earlier tests: the sandbox's ids are a
 * function of its seed, so another program's alert may have the same id. */
static guint log_mark;

static void
mark_notification_log (void)
{
  log_mark = tocsin_test_notifications_mark ();
}

/* Whether @call offers a button for @action (e.g. "app.acknowledge-alert::id"). */
static gboolean
offers_action (JsonObject *call,
               const char *action)
{
  JsonArray *actions;

  if (!json_object_has_member (call, "actions"))
    return FALSE;
  actions = json_object_get_array_member (call, "actions");
  for (guint k = 0; k < json_array_get_length (actions); k++)
    if (g_strcmp0 (json_array_get_string_element (actions, k), action) == 0)
      return TRUE;
  return FALSE;
}

/* The Notify call of the capturing notification server whose buttons act on
 * @alert_id, since the log's mark, or NULL. */
static JsonObject *
find_alert_notification (const char *alert_id)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();
  g_autofree char *button = g_strconcat ("app.acknowledge-alert::", alert_id, NULL);

  for (guint i = log_mark; i < records->len; i++)
    {
      JsonObject *call = g_ptr_array_index (records, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (call, "call", ""), "Notify") == 0 &&
          offers_action (call, button))
        return json_object_ref (call);
    }
  return NULL;
}

static gboolean
alert_notified (gpointer data)
{
  g_autoptr(JsonObject) call = find_alert_notification (data);

  return call != NULL;
}

static gboolean
acknowledge_posted (gpointer data)
{
  return tocsin_test_sandbox_count_requests (sandbox, "POST", data) > 0;
}

static guint
count_alert_calls (const char *alert_id,
                   gint64      notification_id)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();
  g_autofree char *button = g_strconcat ("app.acknowledge-alert::", alert_id, NULL);
  guint n = 0;

  for (guint i = log_mark; i < records->len; i++)
    {
      JsonObject *call = g_ptr_array_index (records, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (call, "call", ""), "CloseNotification") == 0
          ? json_object_get_int_member_with_default (call, "id", -1) == notification_id
          : offers_action (call, button))
        n++;
    }
  return n;
}

static gboolean
window_query_is (gpointer data)
{
  return g_strcmp0 (tocsin_alert_monitor_get_query (
                      tocsin_context_get_alert_monitor (tocsin_application_get_context (data))),
                    "tag:nothing-matches") == 0;
}

static void
search_in_window (TocsinWindow *window,
                  const char   *query)
{
  GtkWidget *entry = tocsin_test_find_by_id (GTK_WIDGET (window), "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_signal_emit_by_name (entry, "activate");
}

/* A new P3 alert pages the signed-in user although the window's search
 * matches nothing (page-for everything, from P3); searching again in the
 * window withdraws and announces nothing. The notification's Acknowledge
 * button (clicked through the notification server) acknowledges it at
 * Atlassian, with no window involved. */
static void
check_alert_notification (TocsinApplication *app,
                          TocsinWindow      *window,
                          const char        *cloud_id)
{
  TocsinPagingWatcher *watcher =
    tocsin_context_get_paging_watcher (tocsin_application_get_context (app));
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autofree char *create_path = g_strdup_printf ("/_sandbox/alerts?site=%s", cloud_id);
  g_autofree char *ack_path = NULL;
  g_autofree char *command = NULL;
  const char *alert_id;
  guint status = 0;
  FILE *control;

  mark_notification_log ();
  g_settings_set_string (tocsin_application_get_settings (app), "page-for", "everything");
  g_settings_set_string (tocsin_application_get_settings (app), "notify-min-priority", "P3");
  search_in_window (window, "tag:nothing-matches");
  g_assert_true (tocsin_test_wait_until (window_query_is, app, 5000));

  created = tocsin_test_sandbox_control (sandbox, "POST", create_path,
                                         "{\"message\":\"Payment API slow in eu-west-1\",\"priority\":\"P3\"}",
                                         &status);
  g_assert_cmpuint (status, ==, 201);
  alert_id = json_object_get_string_member (json_node_get_object (created), "id");

  g_assert_nonnull (watcher);
  tocsin_paging_watcher_refresh (watcher);
  g_assert_true (tocsin_test_wait_until (alert_notified, (gpointer) alert_id, 20000));
  call = find_alert_notification (alert_id);
  g_assert_nonnull (strstr (json_object_get_string_member (call, "summary"), "Payment API slow"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (call, "hints"), "urgency"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_model (
                      tocsin_context_get_alert_monitor (tocsin_application_get_context (app))))),
                    ==, 0);

  /* Other searches in the window: no withdrawal, no second page. */
  search_in_window (window, "priority:P1");
  tocsin_test_spin (500);
  search_in_window (window, "");
  tocsin_paging_watcher_refresh (watcher);
  tocsin_test_spin (1500);
  g_assert_cmpuint (count_alert_calls (alert_id, json_object_get_int_member (call, "id")), ==, 1);

  command = g_strdup_printf ("invoke %" G_GINT64_FORMAT " app.acknowledge-alert::%s\n",
                             json_object_get_int_member (call, "id"), alert_id);
  control = fopen (g_getenv ("TOCSIN_NOTIFICATION_CONTROL"), "w");
  g_assert_nonnull (control);
  fputs (command, control);
  fclose (control);

  ack_path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/alerts/%s/acknowledge", cloud_id, alert_id);
  g_assert_true (tocsin_test_wait_until (acknowledge_posted, ack_path, 10000));
}

/* What a notification server that reads markup (GNOME Shell, KDE) shows for
 * @body; NULL when @body is no valid markup or has any element in it. */
static void
collect_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 len,
              gpointer              user_data,
              GError              **error)
{
  g_string_append_len (user_data, text, len);
}

static void
refuse_elements (GMarkupParseContext  *context,
                 const char           *element,
                 const char          **names,
                 const char          **values,
                 gpointer              user_data,
                 GError              **error)
{
  if (!g_str_equal (element, "body"))
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "<%s> in a body", element);
}

static char *
shown_body (const char *body)
{
  static const GMarkupParser parser = { refuse_elements, NULL, collect_text, NULL, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, text, NULL);
  g_autofree char *document = g_strconcat ("<body>", body, "</body>", NULL);

  if (!g_markup_parse_context_parse (context, document, -1, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The last Notify call with @summary since the log's mark, or NULL. */
static JsonObject *
find_notification_by_summary (const char *summary)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();

  for (guint i = records->len; i > log_mark; i--)
    {
      JsonObject *call = g_ptr_array_index (records, i - 1);

      if (g_strcmp0 (json_object_get_string_member_with_default (call, "call", ""), "Notify") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (call, "summary", ""), summary) == 0)
        return json_object_ref (call);
    }
  return NULL;
}

static gboolean
summary_notified (gpointer data)
{
  g_autoptr(JsonObject) call = find_notification_by_summary (data);

  return call != NULL;
}

/* An alert with markup in its source pages with the source as written; its
 * acknowledgement from the notification fails with markup in the server's
 * answer, and the failure notification shows that as written too. */
static void
check_hostile_alert_notification (TocsinApplication *app,
                                  const char        *cloud_id)
{
  const char *source = "<a href='https://evil.example/'>Click to ack</a> & <b>more</b>";
  const char *reason = "Refused <b>by</b> & <a href='https://evil.example/'>Click to fix</a>";
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autofree char *create_path = g_strdup_printf ("/_sandbox/alerts?site=%s", cloud_id);
  g_autofree char *ack_path = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *command = NULL;
  g_autoptr(JsonObject) failure = NULL;
  const char *alert_id;
  guint status = 0;
  FILE *control;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "Disk & <b>db-2</b> full");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "priority");
  json_builder_add_string_value (builder, "P1");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  fields = json_to_string (node, FALSE);
  created = tocsin_test_sandbox_control (sandbox, "POST", create_path, fields, &status);
  g_assert_cmpuint (status, ==, 201);
  alert_id = json_object_get_string_member (json_node_get_object (created), "id");

  tocsin_paging_watcher_refresh (
    tocsin_context_get_paging_watcher (tocsin_application_get_context (app)));
  g_assert_true (tocsin_test_wait_until (alert_notified, (gpointer) alert_id, 20000));
  call = find_alert_notification (alert_id);
  shown = shown_body (json_object_get_string_member (call, "body"));
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, source));

  ack_path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/alerts/%s/acknowledge", cloud_id, alert_id);
  json_node_unref (g_steal_pointer (&node));
  json_builder_reset (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, ack_path);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "POST");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "status");
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, 409);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, reason);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  fault = json_to_string (node, FALSE);
  tocsin_test_sandbox_add_fault (sandbox, fault);

  command = g_strdup_printf ("invoke %" G_GINT64_FORMAT " app.acknowledge-alert::%s\n",
                             json_object_get_int_member (call, "id"), alert_id);
  mark_notification_log ();
  control = fopen (g_getenv ("TOCSIN_NOTIFICATION_CONTROL"), "w");
  g_assert_nonnull (control);
  fputs (command, control);
  fclose (control);

  g_assert_true (tocsin_test_wait_until (summary_notified, (gpointer) _("Could Not Acknowledge the Alert"), 10000));
  failure = find_notification_by_summary (_("Could Not Acknowledge the Alert"));
  g_clear_pointer (&shown, g_free);
  shown = shown_body (json_object_get_string_member (failure, "body"));
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, reason));
}

static gboolean
no_window (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (data)) == NULL;
}

/* The request of the sandbox's log whose path is @path, or NULL. */
static JsonObject *
find_request (const char *method,
              const char *path)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (sandbox);

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0)
        return json_object_ref (entry);
    }

  return NULL;
}

/* With the window closed, a new alert pages, and the notification's
 * "Snooze 1 Hour" snoozes it at Atlassian until an hour from now. */
static void
check_snooze_without_window (TocsinApplication *app,
                             TocsinWindow      *window,
                             const char        *cloud_id)
{
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *create_path = g_strdup_printf ("/_sandbox/alerts?site=%s", cloud_id);
  g_autofree char *snooze_path = NULL;
  g_autofree char *snooze_action = NULL;
  g_autofree char *command = NULL;
  JsonArray *actions;
  const char *alert_id;
  gboolean has_button = FALSE;
  guint status = 0;
  FILE *control;

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (tocsin_test_wait_until (no_window, app, 5000));

  created = tocsin_test_sandbox_control (sandbox, "POST", create_path,
                                         "{\"message\":\"Checkout latency over 2 s\",\"priority\":\"P2\"}",
                                         &status);
  g_assert_cmpuint (status, ==, 201);
  alert_id = json_object_get_string_member (json_node_get_object (created), "id");

  /* What pages is the paging watcher's, not the (closed) window's list. */
  tocsin_paging_watcher_refresh (
    tocsin_context_get_paging_watcher (tocsin_application_get_context (app)));
  g_assert_true (tocsin_test_wait_until (alert_notified, (gpointer) alert_id, 20000));
  call = find_alert_notification (alert_id);
  snooze_action = g_strconcat ("app.snooze-alert::", alert_id, NULL);
  actions = json_object_get_array_member (call, "actions");
  for (guint i = 0; i + 1 < json_array_get_length (actions); i += 2)
    if (g_strcmp0 (json_array_get_string_element (actions, i), snooze_action) == 0)
      has_button = g_strcmp0 (json_array_get_string_element (actions, i + 1), _("Snooze 1 Hour")) == 0;
  g_assert_true (has_button);

  before = g_date_time_new_now_utc ();
  command = g_strdup_printf ("invoke %" G_GINT64_FORMAT " %s\n",
                             json_object_get_int_member (call, "id"), snooze_action);
  control = fopen (g_getenv ("TOCSIN_NOTIFICATION_CONTROL"), "w");
  g_assert_nonnull (control);
  fputs (command, control);
  fclose (control);

  snooze_path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/alerts/%s/snooze", cloud_id, alert_id);
  g_assert_true (tocsin_test_wait_until (acknowledge_posted, snooze_path, 10000));
  after = g_date_time_new_now_utc ();
  request = find_request ("POST", snooze_path);
  g_assert_nonnull (request);
  end = g_date_time_new_from_iso8601 (json_object_get_string_member (json_object_get_object_member (request, "body"),
                                                                      "endTime"), NULL);
  g_assert_nonnull (end);
  /* An hour from the click, to the second the app wrote it. */
  g_assert_cmpint (g_date_time_difference (end, before), >=, G_TIME_SPAN_HOUR - G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (end, after), <=, G_TIME_SPAN_HOUR);

  /* Still no window: the app did it all in the background. */
  g_assert_true (no_window (app));
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (tocsin_test_find_by_id (data, "health_revealer")));
}

static gboolean
banner_hidden (gpointer data)
{
  return !banner_shown (data);
}

static guint
count_notifications_with_prefix (const char *prefix)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();
  guint n = 0;

  for (guint i = log_mark; i < records->len; i++)
    if (g_str_has_prefix (json_object_get_string_member_with_default (g_ptr_array_index (records, i),
                                                                      "summary", ""), prefix))
      n++;
  return n;
}

/* Atlassian out of reach for longer than the stale threshold (lowered to
 * 3 s here): the window shows a banner with the reason and Retry, and no
 * notification, as the window is open. Retry once it is back hides it. */
static void
check_health_banner (TocsinApplication *app,
                     TocsinWindow      *window)
{
  TocsinPagingWatcher *watcher =
    tocsin_context_get_paging_watcher (tocsin_application_get_context (app));
  const char *text;

  g_assert_false (banner_shown (window));
  mark_notification_log ();
  tocsin_paging_watcher_set_poll_interval (watcher, 1);
  tocsin_paging_watcher_set_stale_floor (watcher, 2);
  tocsin_test_sandbox_add_fault (sandbox, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":503,\"times\":-1}");

  g_assert_true (tocsin_test_wait_until (banner_shown, window, 20000));
  text = gtk_label_get_text (GTK_LABEL (tocsin_test_find_by_id (GTK_WIDGET (window), "health_label")));
  g_assert_true (g_str_has_prefix (text, "Tocsin cannot reach Atlassian since "));
  g_assert_nonnull (strstr (text, "you may miss alerts"));
  tocsin_test_spin (500);
  shot (window, "health-banner");
  if (g_getenv ("TOCSIN_NOTIFICATION_LOG") != NULL)
    g_assert_cmpuint (count_notifications_with_prefix ("Tocsin cannot reach"), ==, 0);

  tocsin_test_sandbox_clear_faults (sandbox);
  gtk_widget_activate (tocsin_test_find_by_id (GTK_WIDGET (window), "health_retry_button"));
  g_assert_true (tocsin_test_wait_until (banner_hidden, window, 20000));

  tocsin_paging_watcher_set_stale_floor (watcher, TOCSIN_PAGING_WATCHER_STALE_FLOOR);
  tocsin_paging_watcher_set_poll_interval (watcher, 60);
}

static gboolean
page_for_settled (gpointer data)
{
  g_autofree char *page_for = g_settings_get_string (tocsin_application_get_settings (data), "page-for");

  return g_strcmp0 (page_for, "auto") != 0;
}

static gboolean
session_is_signing_in (gpointer data)
{
  return tocsin_auth_session_get_state (data) == TOCSIN_AUTH_STATE_SIGNING_IN;
}

static gboolean
session_is_signed_in (gpointer data)
{
  return tocsin_auth_session_get_state (data) == TOCSIN_AUTH_STATE_SIGNED_IN;
}

static gboolean
watcher_has_loaded (gpointer data)
{
  TocsinPagingWatcher *watcher = tocsin_context_get_paging_watcher (data);

  return watcher != NULL && tocsin_alert_monitor_get_last_refresh (
                              tocsin_paging_watcher_get_monitor (watcher)) != NULL;
}

/* Signing in again (as after an expiry) with the site chosen before goes
 * straight back to that site: several sites, but no chooser this time. */
static void
sign_in_again_to_same_site (TocsinApplication *app,
                            TocsinWindow      *window)
{
  TocsinContext     *context = tocsin_application_get_context (app);
  TocsinAuthSession *session = tocsin_context_get_auth_session (context);
  g_autofree char   *site_id =
    g_strdup (tocsin_site_get_id (tocsin_auth_session_get_current_site (session)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-in", NULL);
  g_assert_true (tocsin_test_wait_until (session_is_signing_in, session, 5000));
  g_assert_true (tocsin_test_wait_until (session_is_signed_in, session, FLOW_TIMEOUT_MS));
  g_assert_cmpuint (consent_posts ("accept"), ==, 2);

  g_assert_false (tocsin_context_get_choosing_site (context));
  g_assert_true (tocsin_test_wait_until (main_page_is_signed_in, window, 5000));
  g_assert_cmpstr (tocsin_site_get_id (tocsin_auth_session_get_current_site (session)), ==,
                   site_id);
  /* The new watcher's first look sets what is already there apart from what is new. */
  g_assert_true (tocsin_test_wait_until (watcher_has_loaded, context, 20000));
}

static void
test_loopback (void)
{
  TocsinApplication *app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  g_autofree char *page_for = NULL;

  setup_desktop (TRUE, FALSE);
  g_setenv ("TOCSIN_TEST_BROWSER_ACTION", "accept", TRUE);
  tocsin_test_sandbox_clear_log (sandbox);

  gtk_widget_activate (find_in_sign_in_page (window, "sign_in_button"));
  assert_page_becomes (window, "waiting", 5000);
  shot (window, "sign-in-waiting");

  finish_with_site (app, window, 0, "sign-in-loopback-alerts");
  /* The browser really clicked Accept on the consent page. */
  g_assert_cmpuint (consent_posts ("accept"), ==, 1);

  /* Dana is in on-call rotations: "auto" settles on her teams, once the
   * schedules have loaded. */
  g_assert_true (tocsin_test_wait_until (page_for_settled, app, 20000));
  page_for = g_settings_get_string (tocsin_application_get_settings (app), "page-for");
  g_assert_cmpstr (page_for, ==, "me-and-my-on-call-teams");

  sign_in_again_to_same_site (app, window);

  if (g_getenv ("TOCSIN_NOTIFICATION_LOG") != NULL)
    {
      const char *cloud_id = tocsin_site_get_id (tocsin_auth_session_get_current_site (
        tocsin_context_get_auth_session (tocsin_application_get_context (app))));

      check_alert_notification (app, window, cloud_id);
      check_hostile_alert_notification (app, cloud_id);
      check_health_banner (app, window);
      /* Last: it closes the window. */
      check_snooze_without_window (app, window, cloud_id);
    }
  else
    check_health_banner (app, window);

  sign_out (app);
}

static void
test_custom_scheme (void)
{
  TocsinApplication *app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  TocsinConfig *config = tocsin_application_get_config (app);

  setup_desktop (TRUE, TRUE);
  g_setenv ("TOCSIN_TEST_BROWSER_ACTION", "accept", TRUE);
  tocsin_config_override (config, "redirect-uri", "tocsin://callback");
  tocsin_test_sandbox_clear_log (sandbox);

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-in", NULL);
  assert_page_becomes (window, "waiting", 5000);

  /* The code reached this process only through a second `tocsin`. */
  finish_with_site (app, window, 1, "sign-in-custom-scheme-alerts");
  g_assert_cmpuint (consent_posts ("accept"), ==, 1);

  sign_out (app);
  tocsin_config_override (config, "redirect-uri", "http://localhost:8976/callback");
}

static void
test_deny (void)
{
  TocsinApplication *app = start_app ();
  TocsinWindow *window = wait_for_window (app);
  GtkWidget *error_page;

  setup_desktop (TRUE, FALSE);
  g_setenv ("TOCSIN_TEST_BROWSER_ACTION", "deny", TRUE);
  tocsin_test_sandbox_clear_log (sandbox);

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-in", NULL);
  assert_page_becomes (window, "waiting", 5000);
  assert_page_becomes (window, "error", FLOW_TIMEOUT_MS);

  g_assert_cmpuint (consent_posts ("deny"), ==, 1);
  g_assert_error (tocsin_context_get_sign_in_error (tocsin_application_get_context (app)),
                  TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_ACCESS_DENIED);
  error_page = find_in_sign_in_page (window, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)), ==,
                   tocsin_context_get_sign_in_error (tocsin_application_get_context (app))
                     ->message);
  g_assert_true (gtk_widget_get_visible (tocsin_test_find_by_id (GTK_WIDGET (window), "try_again_button")));
  g_assert_false (tocsin_window_get_signed_in (window));
  g_assert_false (keyring_has_access_token ());
  /* Nothing was exchanged. */
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (sandbox, "POST", "/oauth/token"), ==, 0);
  shot (window, "sign-in-denied");

  g_unsetenv ("TOCSIN_TEST_BROWSER_ACTION");
}

/* A private home and desktop for this process, before GLib reads any of it. */
static void
make_private_dirs (void)
{
  const char *dirs[][2] = {
    { "HOME", "home" }, { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };
  g_autofree char *template = g_build_filename (g_getenv ("TOCSIN_TEST_SCRATCH") ? g_getenv ("TOCSIN_TEST_SCRATCH")
                                                                                 : g_get_tmp_dir (),
                                                "sign-in-XXXXXX", NULL);

  scratch = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (scratch);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (scratch, dirs[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (dirs[i][0], path, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  make_private_dirs ();
  tocsin_test_init (&argc, &argv);

  sandbox = tocsin_test_sandbox_start (NULL);
  /* The sandbox app's secret reaches the app as the demo passes it. */
  g_setenv ("TOCSIN_CLIENT_SECRET", tocsin_test_sandbox_get_client_secret (sandbox), TRUE);
  /* What main() does. */
  tocsin_auth_session_claim_environment ();

  /* Order matters: the first runs while the desktop has no browser. */
  g_test_add_func ("/sign-in/browser-failed-paste", test_browser_failed_paste);
  g_test_add_func ("/sign-in/no-client", test_no_client);
  g_test_add_func ("/sign-in/loopback", test_loopback);
  g_test_add_func ("/sign-in/custom-scheme", test_custom_scheme);
  g_test_add_func ("/sign-in/deny", test_deny);

  status = g_test_run ();

  tocsin_test_sandbox_stop (sandbox);
  return status;
}
