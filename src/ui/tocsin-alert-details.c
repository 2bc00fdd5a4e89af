/* tocsin-alert-details.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-details"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-details.h"
#include "tocsin-alert-history.h"
#include "tocsin-ui-utils.h"

struct _TocsinAlertDetails
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  AdwStatusPage   *multi_page;
  GtkLabel        *priority_label;
  GtkLabel        *status_label;
  GtkButton       *acknowledge_button;
  GtkSpinner      *pending_spinner;
  GtkLabel        *tiny_id_label;
  GtkLabel        *message_label;
  GtkLabel        *description_heading;
  GtkLabel        *description_label;
  GtkGrid         *info_grid;
  GtkLabel        *extra_heading;
  GtkGrid         *extra_grid;
  GtkListBox      *notes_list;
  GtkButton       *notes_more_button;
  GtkListBox      *logs_list;
  GtkButton       *logs_more_button;

  GtkLabel        *notes_placeholder;
  GtkLabel        *logs_placeholder;

  /* State */
  TocsinAlert     *alert;
  TocsinAlertService *service;
  guint            n_selected;

  /* Notes and activity of the current alert, split for the two lists */
  TocsinAlertHistory *history;
  GtkFilterListModel *notes_model;
  GtkFilterListModel *logs_model;
  GBindingGroup      *history_bindings;
  GSignalGroup       *history_signals;
};

G_DEFINE_FINAL_TYPE (TocsinAlertDetails, tocsin_alert_details, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ALERT,
  PROP_SERVICE,
  PROP_N_SELECTED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_widget_unparent (child);
    }
}

static void
grid_add_row (GtkGrid    *grid,
              int         row,
              const char *key,
              const char *value,
              const char *tooltip,
              gboolean    markup)
{
  GtkWidget *key_label = gtk_label_new (key);
  GtkWidget *value_label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (key_label), 1);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0);
  gtk_widget_add_css_class (key_label, "dim-label");

  if (markup)
    gtk_label_set_markup (GTK_LABEL (value_label), value);
  else
    gtk_label_set_text (GTK_LABEL (value_label), value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (value_label, tooltip);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);

  gtk_grid_attach (grid, key_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
}

static void
grid_add_time_row (GtkGrid    *grid,
                   int        *row,
                   const char *key,
                   GDateTime  *time,
                   GDateTime  *now)
{
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    return;

  relative = tocsin_date_format_relative (time, now);
  absolute = tocsin_date_format_absolute (time, tocsin_date_get_clock_format ());
  /* Translators: "5 min ago (Monday, 3 March 2026, 10:15:00)" */
  text = g_strdup_printf (_("%s (%s)"), relative, absolute);
  grid_add_row (grid, (*row)++, key, text, NULL, FALSE);
}

/* The first button is what the alert needs next: acknowledge an open one,
 * take back an acknowledgement; nothing to acknowledge once it is closed. */
static void
update_acknowledge_button (TocsinAlertDetails *self,
                           TocsinAlertState    state)
{
  GtkWidget *button = GTK_WIDGET (self->acknowledge_button);
  gboolean acknowledged = state == TOCSIN_ALERT_STATE_ACKNOWLEDGED;

  gtk_widget_set_visible (button, state != TOCSIN_ALERT_STATE_CLOSED);
  gtk_button_set_label (self->acknowledge_button, acknowledged ? _("_Unacknowledge") : _("_Acknowledge"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  acknowledged ? "alerts.unacknowledge" : "alerts.acknowledge");
  if (acknowledged)
    gtk_widget_remove_css_class (button, "suggested-action");
  else
    gtk_widget_add_css_class (button, "suggested-action");
}

static void
update_priority_label (TocsinAlertDetails *self,
                       TocsinAlert        *alert)
{
  g_autofree char *priority = NULL;
  g_autofree char *priority_class = NULL;

  priority = g_strdup_printf ("P%d", tocsin_alert_get_priority (alert));
  priority_class = g_strdup_printf ("p%d", tocsin_alert_get_priority (alert));
  gtk_label_set_text (self->priority_label, priority);
  for (int i = 1; i <= 5; i++)
    {
      char klass[4];

      g_snprintf (klass, sizeof klass, "p%d", i);
      gtk_widget_remove_css_class (GTK_WIDGET (self->priority_label), klass);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->priority_label), priority_class);
  {
    g_autofree char *a11y = g_strdup_printf (_("Priority %s"), priority);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->priority_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  }
}

static char *
dup_responders_text (GVariant *responders)
{
  GString *joined = g_string_new (NULL);
  GVariantIter iter;
  const char *type, *id;

  g_variant_iter_init (&iter, responders);
  while (g_variant_iter_next (&iter, "(&s&s)", &type, &id))
    {
      if (joined->len > 0)
        g_string_append (joined, "\n");
      /* Translators: a responder, "team: 4513b7ea-…" */
      g_string_append_printf (joined, _("%s: %s"), type, id);
    }
  return g_string_free (joined, FALSE);
}

static void
fill_info_grid (TocsinAlertDetails *self,
                TocsinAlert        *alert)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char * const *tags;
  const char *text;
  GVariant *variant;
  int row = 0;

  clear_container (GTK_WIDGET (self->info_grid));
  text = tocsin_alert_get_owner (alert);
  grid_add_row (self->info_grid, row++, _("Owner"), text != NULL && *text != '\0' ? text : _("Unassigned"), NULL, FALSE);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, tocsin_alert_get_count (alert));

    grid_add_row (self->info_grid, row++, _("Count"), count, NULL, FALSE);
  }
  tags = tocsin_alert_get_tags (alert);
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);

      grid_add_row (self->info_grid, row++, _("Tags"), joined, NULL, FALSE);
    }
  variant = tocsin_alert_get_responders (alert);
  if (variant != NULL && g_variant_n_children (variant) > 0)
    {
      g_autofree char *joined = dup_responders_text (variant);

      grid_add_row (self->info_grid, row++, _("Responders"), joined, NULL, FALSE);
    }
  text = tocsin_alert_get_source (alert);
  if (text != NULL && *text != '\0')
    grid_add_row (self->info_grid, row++, _("Source"), text, NULL, FALSE);
  text = tocsin_alert_get_entity (alert);
  if (text != NULL && *text != '\0')
    grid_add_row (self->info_grid, row++, _("Entity"), text, NULL, FALSE);
  grid_add_time_row (self->info_grid, &row, _("Created"), tocsin_alert_get_created_at (alert), now);
  grid_add_time_row (self->info_grid, &row, _("Updated"), tocsin_alert_get_updated_at (alert), now);
  grid_add_time_row (self->info_grid, &row, _("Last Occurred"), tocsin_alert_get_last_occurred_at (alert), now);
  if (tocsin_alert_get_snoozed (alert))
    grid_add_time_row (self->info_grid, &row, _("Snoozed Until"), tocsin_alert_get_snoozed_until (alert), now);
}

static void
fill_extra_grid (TocsinAlertDetails *self,
                 TocsinAlert        *alert)
{
  GVariant *variant;
  int row = 0;

  clear_container (GTK_WIDGET (self->extra_grid));
  variant = tocsin_alert_get_extra_properties (alert);
  if (variant != NULL)
    {
      GVariantIter iter;
      const char *key, *value;

      g_variant_iter_init (&iter, variant);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
        {
          g_autofree char *markup = tocsin_ui_linkify (value);

          grid_add_row (self->extra_grid, row++, key, markup, NULL, TRUE);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->extra_heading), row > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->extra_grid), row > 0);
}

static void
update_alert_widgets (TocsinAlertDetails *self)
{
  TocsinAlert *alert = self->alert;
  g_autofree char *tiny_id = NULL;
  g_autofree char *description = NULL;
  const char *text;

  if (alert == NULL)
    return;

  update_priority_label (self, alert);
  gtk_label_set_text (self->status_label,
                      tocsin_ui_alert_state_label (tocsin_alert_get_state (alert)));
  update_acknowledge_button (self, tocsin_alert_get_state (alert));
  gtk_widget_set_visible (GTK_WIDGET (self->pending_spinner), tocsin_alert_get_pending (alert));
  gtk_spinner_set_spinning (self->pending_spinner, tocsin_alert_get_pending (alert));

  text = tocsin_alert_get_tiny_id (alert);
  tiny_id = text != NULL && *text != '\0' ? g_strdup_printf ("#%s", text) : g_strdup ("");
  gtk_label_set_text (self->tiny_id_label, tiny_id);
  gtk_label_set_text (self->message_label, tocsin_alert_get_message (alert));

  text = tocsin_alert_get_description (alert);
  description = tocsin_ui_linkify (text);
  gtk_label_set_markup (self->description_label, description);
  gtk_widget_set_visible (GTK_WIDGET (self->description_heading), text != NULL && *text != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), text != NULL && *text != '\0');

  fill_info_grid (self, alert);
  fill_extra_grid (self, alert);
}

static void
update_page (TocsinAlertDetails *self)
{
  if (self->n_selected > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Alert Selected",
                                                             "%u Alerts Selected", self->n_selected),
                                                self->n_selected);

      adw_status_page_set_title (self->multi_page, title);
      gtk_stack_set_visible_child_name (self->stack, "multi");
    }
  else if (self->alert != NULL)
    gtk_stack_set_visible_child_name (self->stack, "alert");
  else
    gtk_stack_set_visible_child_name (self->stack, "none");
}

static GtkWidget *
entry_row_new (TocsinAlertEntry *entry,
               gboolean          is_note)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *relative =
    tocsin_date_format_relative (tocsin_alert_entry_get_time (entry), now);
  g_autofree char *absolute = tocsin_date_format_absolute (tocsin_alert_entry_get_time (entry),
                                                           tocsin_date_get_clock_format ());
  g_autofree char *markup = tocsin_ui_linkify (tocsin_alert_entry_get_text (entry));
  g_autofree char *subtitle = NULL;
  const char *owner = tocsin_alert_entry_get_owner (entry);
  GtkWidget *box, *text, *meta;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  text = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (text), markup);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (is_note || tocsin_alert_entry_get_kind (entry) == NULL)
    /* Translators: who wrote a note and when, "Dana Okafor · 5 min ago" */
    subtitle = g_strdup_printf (_("%s · %s"), owner != NULL ? owner : "", relative);
  else
    /* Translators: who did what and when, "Dana Okafor · system · 5 min ago" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), owner != NULL ? owner : "",
                                tocsin_alert_entry_get_kind (entry), relative);
  meta = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_set_tooltip_text (meta, absolute);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (box), meta);

  return box;
}

static GtkLabel *
placeholder_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return GTK_LABEL (label);
}

/* An empty list says why when its page failed to load. */
static void
update_placeholders (TocsinAlertDetails *self)
{
  const GError *notes_error = NULL;
  const GError *logs_error = NULL;

  if (self->history != NULL)
    {
      notes_error = tocsin_alert_history_get_notes_error (self->history);
      logs_error = tocsin_alert_history_get_activity_error (self->history);
    }

  gtk_label_set_text (self->notes_placeholder,
                      notes_error != NULL ? notes_error->message : _("No notes"));
  gtk_label_set_text (self->logs_placeholder,
                      logs_error != NULL ? logs_error->message : _("No activity"));
}

/* A new history for the alert shown, bound to both lists; none without an
 * alert or a service. */
static void
update_history (TocsinAlertDetails *self)
{
  g_autoptr(TocsinAlertHistory) history = NULL;

  if (self->alert != NULL && self->service != NULL)
    history = tocsin_alert_history_new (self->service, tocsin_alert_get_id (self->alert));

  g_set_object (&self->history, history);
  g_binding_group_set_source (self->history_bindings, history);
  g_signal_group_set_target (self->history_signals, history);
  gtk_filter_list_model_set_model (self->notes_model, G_LIST_MODEL (history));
  gtk_filter_list_model_set_model (self->logs_model, G_LIST_MODEL (history));
  if (history == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->notes_more_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->logs_more_button), FALSE);
    }
  update_placeholders (self);

  if (history != NULL)
    tocsin_alert_history_reload (history);
}

/* Callbacks */

static gboolean
is_note_cb (gpointer item,
            gpointer user_data)
{
  TocsinAlertDetails *self = user_data;

  return self->history != NULL && tocsin_alert_history_is_note (self->history, item);
}

static gboolean
is_log_cb (gpointer item,
           gpointer user_data)
{
  return !is_note_cb (item, user_data);
}

static GtkWidget *
create_note_row_cb (gpointer item,
                    gpointer user_data)
{
  return entry_row_new (item, TRUE);
}

static GtkWidget *
create_log_row_cb (gpointer item,
                   gpointer user_data)
{
  return entry_row_new (item, FALSE);
}

static void
on_notes_more_clicked_cb (TocsinAlertDetails *self)
{
  if (self->history != NULL)
    tocsin_alert_history_load_more_notes (self->history);
}

static void
on_logs_more_clicked_cb (TocsinAlertDetails *self)
{
  if (self->history != NULL)
    tocsin_alert_history_load_more_activity (self->history);
}

static void
on_alert_notify_cb (TocsinAlertDetails *self)
{
  update_alert_widgets (self);
}

/* GObject overrides */

static void
tocsin_alert_details_dispose (GObject *object)
{
  TocsinAlertDetails *self = (TocsinAlertDetails *)object;

  if (self->history_bindings != NULL)
    g_binding_group_set_source (self->history_bindings, NULL);
  if (self->history_signals != NULL)
    g_signal_group_set_target (self->history_signals, NULL);
  g_clear_object (&self->history_bindings);
  g_clear_object (&self->history_signals);
  if (self->notes_model != NULL)
    gtk_filter_list_model_set_model (self->notes_model, NULL);
  if (self->logs_model != NULL)
    gtk_filter_list_model_set_model (self->logs_model, NULL);
  g_clear_object (&self->history);
  if (self->alert != NULL)
    g_signal_handlers_disconnect_by_data (self->alert, self);
  g_clear_object (&self->alert);
  g_clear_object (&self->service);

  /* AdwBin unparents its child itself; let it do so before the template
   * pointers are cleared. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOCSIN_TYPE_ALERT_DETAILS);
  g_clear_object (&self->notes_model);
  g_clear_object (&self->logs_model);

  G_OBJECT_CLASS (tocsin_alert_details_parent_class)->dispose (object);
}

static void
tocsin_alert_details_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TocsinAlertDetails *self = TOCSIN_ALERT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ALERT:
      g_value_set_object (value, self->alert);
      break;
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_details_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TocsinAlertDetails *self = TOCSIN_ALERT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_ALERT:
      tocsin_alert_details_set_alert (self, g_value_get_object (value));
      break;
    case PROP_SERVICE:
      tocsin_alert_details_set_service (self, g_value_get_object (value));
      break;
    case PROP_N_SELECTED:
      tocsin_alert_details_set_n_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_details_class_init (TocsinAlertDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tocsin_alert_details_dispose;
  object_class->get_property = tocsin_alert_details_get_property;
  object_class->set_property = tocsin_alert_details_set_property;

  properties [PROP_ALERT] =
    g_param_spec_object ("alert", NULL, NULL, TOCSIN_TYPE_ALERT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, TOCSIN_TYPE_ALERT_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-alert-details.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, multi_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, priority_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, pending_spinner);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, tiny_id_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, message_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, description_heading);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, description_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, info_grid);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, extra_heading);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, extra_grid);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, notes_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, notes_more_button);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, logs_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertDetails, logs_more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logs_more_clicked_cb);
}

static void
tocsin_alert_details_init (TocsinAlertDetails *self)
{
  GtkCustomFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->notes_placeholder = placeholder_new ();
  self->logs_placeholder = placeholder_new ();
  gtk_list_box_set_placeholder (self->notes_list, GTK_WIDGET (self->notes_placeholder));
  gtk_list_box_set_placeholder (self->logs_list, GTK_WIDGET (self->logs_placeholder));
  update_placeholders (self);

  filter = gtk_custom_filter_new (is_note_cb, self, NULL);
  self->notes_model = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  filter = gtk_custom_filter_new (is_log_cb, self, NULL);
  self->logs_model = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  gtk_list_box_bind_model (self->notes_list, G_LIST_MODEL (self->notes_model), create_note_row_cb,
                           self, NULL);
  gtk_list_box_bind_model (self->logs_list, G_LIST_MODEL (self->logs_model), create_log_row_cb,
                           self, NULL);

  /* A "more" button shows while its list has more pages, and waits while
   * a page loads. */
  self->history_bindings = g_binding_group_new ();
  g_binding_group_bind (self->history_bindings, "has-more-notes", self->notes_more_button,
                        "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->history_bindings, "has-more-activity", self->logs_more_button,
                        "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->history_bindings, "loading", self->notes_more_button, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_binding_group_bind (self->history_bindings, "loading", self->logs_more_button, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  self->history_signals = g_signal_group_new (TOCSIN_TYPE_ALERT_HISTORY);
  g_signal_group_connect_swapped (self->history_signals, "notify::error",
                                  G_CALLBACK (update_placeholders), self);
}

/* Public API */

TocsinAlert *
tocsin_alert_details_get_alert (TocsinAlertDetails *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_DETAILS (self), NULL);
  return self->alert;
}

/* Loads the notes and activity of the alert shown again. */
void
tocsin_alert_details_reload (TocsinAlertDetails *self)
{
  g_return_if_fail (TOCSIN_IS_ALERT_DETAILS (self));

  if (self->history != NULL)
    tocsin_alert_history_reload (self->history);
}

void
tocsin_alert_details_set_alert (TocsinAlertDetails *self,
                                TocsinAlert        *alert)
{
  g_return_if_fail (TOCSIN_IS_ALERT_DETAILS (self));
  g_return_if_fail (alert == NULL || TOCSIN_IS_ALERT (alert));

  if (self->alert == alert)
    return;

  if (self->alert != NULL)
    g_signal_handlers_disconnect_by_data (self->alert, self);
  g_set_object (&self->alert, alert);
  if (alert != NULL)
    g_signal_connect_object (alert, "notify", G_CALLBACK (on_alert_notify_cb), self, G_CONNECT_SWAPPED);

  update_alert_widgets (self);
  update_page (self);
  update_history (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT]);
}

void
tocsin_alert_details_set_service (TocsinAlertDetails *self,
                                  TocsinAlertService *service)
{
  g_return_if_fail (TOCSIN_IS_ALERT_DETAILS (self));
  g_return_if_fail (service == NULL || TOCSIN_IS_ALERT_SERVICE (service));

  if (g_set_object (&self->service, service))
    {
      update_history (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SERVICE]);
    }
}

void
tocsin_alert_details_set_n_selected (TocsinAlertDetails *self,
                                     guint               n_selected)
{
  g_return_if_fail (TOCSIN_IS_ALERT_DETAILS (self));

  if (self->n_selected == n_selected)
    return;
  self->n_selected = n_selected;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_SELECTED]);
}
