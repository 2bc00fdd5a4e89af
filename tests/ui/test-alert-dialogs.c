/* test-alert-dialogs.c: the six dialogs of the alerts page, each on its own
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-assign-dialog.h"
#include "tocsin-escalate-dialog.h"
#include "tocsin-note-dialog.h"
#include "tocsin-priority-dialog.h"
#include "tocsin-responder-dialog.h"
#include "tocsin-snooze-dialog.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-test-token-provider.h"
#include "tocsin-test-utils.h"

#define WAIT_MS 15000

/* Fixture: a parent window, and what the dialog chose. */

typedef struct
{
  GtkWindow         *parent;
  guint              n_chosen;
  TocsinAlertAction *chosen;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->parent, 800, 600);
  gtk_window_present (f->parent);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->chosen, tocsin_alert_action_unref);
  gtk_window_destroy (f->parent);
  tocsin_test_spin (50);
}

/* Helpers */

static void
on_chosen_cb (GtkWidget         *dialog,
              TocsinAlertAction *action,
              Fixture           *f)
{
  f->n_chosen++;
  g_clear_pointer (&f->chosen, tocsin_alert_action_unref);
  f->chosen = tocsin_alert_action_ref (action);
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static AdwMessageDialog *
show (Fixture   *f,
      GtkWidget *dialog)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->parent);
  g_signal_connect (dialog, "chosen", G_CALLBACK (on_chosen_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (tocsin_test_wait_until (mapped, dialog, WAIT_MS));
  return ADW_MESSAGE_DIALOG (dialog);
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

/* The heading, the body and the buttons say what the user reads. */
static void
assert_shows (AdwMessageDialog *dialog,
              const char       *heading,
              const char       *body,
              const char       *response_label)
{
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), heading));
  if (body != NULL)
    g_assert_nonnull (find_label (GTK_WIDGET (dialog), body));
  g_assert_nonnull (tocsin_test_find_button (GTK_WIDGET (dialog), _("_Cancel")));
  g_assert_nonnull (tocsin_test_find_button (GTK_WIDGET (dialog), response_label));
}

/* Closing drops the last reference: nothing else keeps the dialog alive. */
static void
close_and_finalize (AdwMessageDialog *dialog)
{
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tocsin_test_spin (50);
  g_assert_finalize_object (dialog);
}

static GtkWidget *
find_child (AdwMessageDialog *dialog,
            GType             type)
{
  GtkWidget *widget = tocsin_test_find_widget (GTK_WIDGET (dialog), type, NULL);

  g_assert_nonnull (widget);
  return widget;
}

/* Tests */

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snooze %u Alert?",
                                                           "Snooze %u Alerts?", 3), 3);
  AdwMessageDialog *dialog = show (f, tocsin_snooze_dialog_new (f->parent, 3));
  GtkDropDown *duration = GTK_DROP_DOWN (find_child (dialog, GTK_TYPE_DROP_DOWN));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *until;

  assert_shows (dialog, heading,
                _("Notifications stay quiet until the time is up; then the alert is open again."),
                _("_Snooze"));
  /* An hour unless chosen otherwise; cancelling chooses nothing. */
  g_assert_cmpuint (gtk_drop_down_get_selected (duration), ==, 2);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (f->n_chosen, ==, 0);

  gtk_drop_down_set_selected (duration, 0);
  adw_message_dialog_response (dialog, "snooze");
  g_assert_cmpuint (f->n_chosen, ==, 1);
  g_assert_cmpint (tocsin_alert_action_get_kind (f->chosen), ==, TOCSIN_ALERT_ACTION_SNOOZE);
  until = tocsin_alert_action_get_until (f->chosen);
  g_assert_cmpint (g_date_time_difference (until, now), >=, 15 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_difference (until, now), <, 16 * G_TIME_SPAN_MINUTE);
  close_and_finalize (dialog);
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  AdwMessageDialog *dialog = show (f, tocsin_note_dialog_new (f->parent, 1));
  GtkTextView *view = GTK_TEXT_VIEW (find_child (dialog, GTK_TYPE_TEXT_VIEW));

  assert_shows (dialog, _("Add Note"), NULL, _("_Add Note"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  /* Blank text is no note. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "  \n ", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "  Replica restarted ✓\n", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpuint (f->n_chosen, ==, 1);
  g_assert_cmpint (tocsin_alert_action_get_kind (f->chosen), ==, TOCSIN_ALERT_ACTION_ADD_NOTE);
  g_assert_cmpstr (tocsin_alert_action_get_text (f->chosen), ==, "Replica restarted ✓");
  close_and_finalize (dialog);
}

static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign %u Alert",
                                                           "Assign %u Alerts", 2), 2);
  AdwMessageDialog *dialog = show (f, tocsin_assign_dialog_new (f->parent, 2, "me-123"));
  GtkWidget *entry = find_child (dialog, GTK_TYPE_ENTRY);

  assert_shows (dialog, heading, _("The new owner’s Atlassian account ID."), _("_Assign"));
  g_assert_nonnull (tocsin_test_find_button (GTK_WIDGET (dialog), _("Assign to _Me")));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "assign"));
  gtk_editable_set_text (GTK_EDITABLE (entry), " other-456 ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "assign"));
  adw_message_dialog_response (dialog, "assign");
  g_assert_cmpint (tocsin_alert_action_get_kind (f->chosen), ==, TOCSIN_ALERT_ACTION_ASSIGN);
  g_assert_cmpstr (tocsin_alert_action_get_text (f->chosen), ==, "other-456");
  adw_message_dialog_response (dialog, "assign-me");
  g_assert_cmpuint (f->n_chosen, ==, 2);
  g_assert_cmpstr (tocsin_alert_action_get_text (f->chosen), ==, "me-123");
  close_and_finalize (dialog);

  /* Without an account there is no "Assign to Me". */
  dialog = show (f, tocsin_assign_dialog_new (f->parent, 1, NULL));
  assert_shows (dialog, _("Assign Alert"), NULL, _("_Assign"));
  g_assert_null (tocsin_test_find_button (GTK_WIDGET (dialog), _("Assign to _Me")));
  close_and_finalize (dialog);
}

static void
test_responder (Fixture       *f,
                gconstpointer  data)
{
  AdwMessageDialog *dialog = show (f, tocsin_responder_dialog_new (f->parent, 1));
  GtkWidget *entry = find_child (dialog, GTK_TYPE_ENTRY);
  GtkDropDown *type = GTK_DROP_DOWN (find_child (dialog, GTK_TYPE_DROP_DOWN));
  g_autofree char *arg = NULL;
  g_autofree char *arg2 = NULL;

  assert_shows (dialog, _("Add Responder"),
                _("A team, user, escalation or schedule ID to notify about the alert."), _("_Add"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "sched-9");
  gtk_drop_down_set_selected (type, 3);
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpuint (f->n_chosen, ==, 1);
  g_assert_cmpint (tocsin_alert_action_get_kind (f->chosen), ==, TOCSIN_ALERT_ACTION_ADD_RESPONDER);
  g_assert_cmpint (tocsin_alert_action_get_responder_type (f->chosen), ==,
                   TOCSIN_RESPONDER_SCHEDULE);
  tocsin_alert_action_dup_request_args (f->chosen, &arg, &arg2);
  g_assert_cmpstr (arg, ==, "sched-9");
  g_assert_cmpstr (arg2, ==, "schedule");
  close_and_finalize (dialog);
}

static void
test_priority (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Change Priority of %u Alert",
                                                           "Change Priority of %u Alerts", 4), 4);
  AdwMessageDialog *dialog = show (f, tocsin_priority_dialog_new (f->parent, 4, 3));
  GtkDropDown *priority = GTK_DROP_DOWN (find_child (dialog, GTK_TYPE_DROP_DOWN));
  g_autofree char *arg = NULL;
  g_autofree char *arg2 = NULL;

  assert_shows (dialog, heading, NULL, _("C_hange"));
  /* It starts at the alert's priority, shown by its name. */
  g_assert_cmpuint (gtk_drop_down_get_selected (priority), ==, 2);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), _("P3 — Moderate")));
  gtk_drop_down_set_selected (priority, 0);
  adw_message_dialog_response (dialog, "change");
  g_assert_cmpint (tocsin_alert_action_get_kind (f->chosen), ==, TOCSIN_ALERT_ACTION_SET_PRIORITY);
  g_assert_cmpint (tocsin_alert_action_get_priority (f->chosen), ==, 1);
  tocsin_alert_action_dup_request_args (f->chosen, &arg, &arg2);
  g_assert_cmpstr (arg, ==, "P1");
  g_assert_null (arg2);
  close_and_finalize (dialog);
}

/* Escalate: the policies come from the sandbox's teams. */

typedef struct
{
  TocsinTestSandbox *sb;
  TestTokenProvider *provider;
  TocsinOpsClient   *client;
} Server;

static void
server_start (Server *s)
{
  s->sb = tocsin_test_sandbox_start (NULL);
  s->provider = test_token_provider_new (s->sb, NULL);
  s->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (s->sb),
                                     tocsin_test_sandbox_get_cloud_id (s->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (s->provider), NULL);
  tocsin_ops_client_set_retry_policy (s->client, 0, 10, 10);
}

static void
server_stop (Server *s)
{
  g_clear_object (&s->client);
  g_clear_object (&s->provider);
  tocsin_test_sandbox_stop (s->sb);
}

/* Every escalation id of every team, as the sandbox lists them over HTTP. */
static GHashTable *
policy_ids (Server *s)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *teams_path = tocsin_test_sandbox_site_path (s->sb, 0, "teams");
  g_autoptr(JsonNode) teams = NULL;
  JsonArray *list;
  guint status = 0;

  teams = tocsin_test_sandbox_api (s->sb, "GET", teams_path, s->provider->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  list = json_object_get_array_member (json_node_get_object (teams), "platformTeams");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *team_obj = json_array_get_object_element (list, i);
      const char *team = json_object_get_string_member (team_obj, "teamId");
      g_autofree char *rest = g_strdup_printf ("teams/%s/escalations", team);
      g_autofree char *path = tocsin_test_sandbox_site_path (s->sb, 0, rest);
      g_autoptr(JsonNode) reply = NULL;
      JsonArray *values;

      reply = tocsin_test_sandbox_api (s->sb, "GET", path, s->provider->token, NULL, &status);
      values = json_object_get_array_member (json_node_get_object (reply), "values");
      for (guint k = 0; k < json_array_get_length (values); k++)
        {
          JsonObject *policy = json_array_get_object_element (values, k);

          g_hash_table_add (ids, g_strdup (json_object_get_string_member (policy, "id")));
        }
    }
  return ids;
}

typedef struct
{
  GtkDropDown *dropdown;
  guint        n_items;
} DropDownWait;

static gboolean
drop_down_filled (gpointer data)
{
  DropDownWait *w = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (w->dropdown)) == w->n_items;
}

static void
test_escalate (Fixture       *f,
               gconstpointer  data)
{
  Server s = { 0 };
  g_autoptr(GHashTable) ids = NULL;
  AdwMessageDialog *dialog;
  DropDownWait wait;

  server_start (&s);
  ids = policy_ids (&s);
  g_assert_cmpuint (g_hash_table_size (ids), >, 0);

  dialog = show (f, tocsin_escalate_dialog_new (f->parent, 1, s.client));
  assert_shows (dialog, _("Escalate Alert"),
                _("Hand the alert to an escalation policy of one of the teams."), _("_Escalate"));
  /* Nothing to choose until the policies are there. */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), _("Loading escalation policies…")));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "escalate"));

  wait = (DropDownWait) { GTK_DROP_DOWN (tocsin_test_find_by_id (GTK_WIDGET (dialog), "policy")),
                          g_hash_table_size (ids) };
  g_assert_true (tocsin_test_wait_until (drop_down_filled, &wait, WAIT_MS));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "escalate"));
  gtk_drop_down_set_selected (wait.dropdown, wait.n_items - 1);
  adw_message_dialog_response (dialog, "escalate");
  g_assert_cmpuint (f->n_chosen, ==, 1);
  g_assert_cmpint (tocsin_alert_action_get_kind (f->chosen), ==, TOCSIN_ALERT_ACTION_ESCALATE);
  g_assert_true (g_hash_table_contains (ids, tocsin_alert_action_get_text (f->chosen)));
  close_and_finalize (dialog);

  /* Closed while it still loads: the answers that come later find it gone. */
  dialog = show (f, tocsin_escalate_dialog_new (f->parent, 2, s.client));
  close_and_finalize (dialog);
  tocsin_test_spin (500);

  server_stop (&s);
}

static gboolean
label_shown (gpointer data)
{
  gpointer *pair = data;

  return find_label (pair[0], pair[1]) != NULL;
}

/* The teams cannot be listed: the dialog says why, and offers nothing. */
static void
test_escalate_error (Fixture       *f,
                     gconstpointer  data)
{
  Server s = { 0 };
  g_autofree char *teams_path = NULL;
  g_autofree char *fault = NULL;
  g_autoptr(GError) expected = NULL;
  AdwMessageDialog *dialog;
  gpointer wait[2];

  server_start (&s);
  teams_path = tocsin_test_sandbox_site_path (s.sb, 0, "teams");
  fault = g_strdup_printf ("{\"path\":\"%s\",\"kind\":\"status\",\"status\":403,\"times\":-1}",
                           teams_path);
  tocsin_test_sandbox_add_fault (s.sb, fault);

  dialog = show (f, tocsin_escalate_dialog_new (f->parent, 1, s.client));
  wait[0] = dialog;
  wait[1] = (gpointer) _("Loading escalation policies…");
  g_assert_true (tocsin_test_wait_until (label_shown, wait, WAIT_MS));
  while (find_label (GTK_WIDGET (dialog), _("Loading escalation policies…")) != NULL)
    tocsin_test_spin (50);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "escalate"));
  g_assert_false (gtk_widget_get_visible (tocsin_test_find_by_id (GTK_WIDGET (dialog), "policy")));
  {
    GtkLabel *status = GTK_LABEL (tocsin_test_find_by_id (GTK_WIDGET (dialog), "status"));

    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
    g_assert_cmpstr (gtk_label_get_text (status), !=, "");
    g_assert_cmpstr (gtk_label_get_text (status), !=, _("No escalation policies found."));
  }
  close_and_finalize (dialog);
  server_stop (&s);
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();

#define ADD(path, func) g_test_add ("/alert-dialogs/" path, Fixture, NULL, fixture_setup, func, \
                                    fixture_teardown)
  ADD ("snooze", test_snooze);
  ADD ("note", test_note);
  ADD ("assign", test_assign);
  ADD ("responder", test_responder);
  ADD ("priority", test_priority);
  ADD ("escalate", test_escalate);
  ADD ("escalate-error", test_escalate_error);
#undef ADD

  return g_test_run ();
}
