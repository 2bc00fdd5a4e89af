/* tocsin-schedules-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedules-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-context.h"
#include "tocsin-participant-row.h"
#include "tocsin-plain-text.h"
#include "tocsin-schedule-row.h"
#include "tocsin-schedules-page.h"
#include "tocsin-shift-day.h"
#include "tocsin-shift-day-list.h"
#include "tocsin-shift-row.h"
#include "tocsin-shifts.h"
#include "tocsin-ui-utils.h"

/* The schedules the user can see on the left, the selected one (who is on
 * call now and next, its shifts by day) or the user's own shifts on the
 * right; stacked on narrow windows. Everything shown comes from the
 * monitor's TocsinScheduleList; the page only asks the monitor to refresh. */

struct _TocsinSchedulesPage
{
  AdwBin                 parent_instance;

  /* Template widgets */
  GtkStack              *state_stack;
  AdwStatusPage         *error_page;
  GtkSpinner            *loading_spinner;
  GtkBox                *indicator_bar;
  GtkImage              *indicator_icon;
  GtkLabel              *indicator_label;
  GtkRevealer           *banner_revealer;
  GtkLabel              *banner_label;
  AdwLeaflet            *leaflet;
  GtkListBox            *my_shifts_list;
  GtkListBoxRow         *my_shifts_row;
  GtkLabel              *my_shifts_subtitle;
  GtkListBox            *schedule_list;
  GtkLabel              *details_header_label;
  GtkStack              *details_stack;
  GtkLabel              *schedule_title;
  GtkLabel              *schedule_disabled_tag;
  GtkLabel              *schedule_subtitle;
  GtkLabel              *schedule_description;
  GtkLabel              *schedule_error;
  GtkListBox            *on_call_now_list;
  GtkListBox            *on_call_next_list;
  GtkToggleButton       *days_14_button;
  GtkLabel              *shifts_empty_label;
  TocsinShiftDayList    *shift_days_box;
  GtkLabel              *my_summary_label;
  GtkLabel              *my_shifts_empty_label;
  TocsinShiftDayList    *my_shift_days_box;

  /* What is shown */
  TocsinScheduleMonitor *monitor;
  TocsinScheduleList    *list;
  TocsinSchedule        *selected;
  char                  *selected_id;
  GSignalGroup          *list_signals;
  GSignalGroup          *monitor_signals;
  GSignalGroup          *my_shifts_signals;
  GSignalGroup          *schedule_signals;
  GSignalGroup          *shift_days_signals;

  TocsinContext         *context;      /* nullable */
  TocsinClock           *clock;        /* the context's, or the default */
  guint                  window_days;
  gboolean               showing_my_shifts;
};

G_DEFINE_FINAL_TYPE (TocsinSchedulesPage, tocsin_schedules_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MONITOR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

/* Teams and escalations show whom they expand to, indented below them. */
static GListModel *
participant_children_cb (gpointer item,
                         gpointer user_data)
{
  GListModel *children = tocsin_participant_get_participants (item);

  return children != NULL ? g_object_ref (children) : NULL;
}

static GtkWidget *
create_participant_row_cb (gpointer item,
                           gpointer user_data)
{
  GtkTreeListRow *row = item;
  g_autoptr(TocsinParticipant) participant = gtk_tree_list_row_get_item (row);

  return tocsin_participant_row_new (participant, gtk_tree_list_row_get_depth (row));
}

/* @box shows @participants, expanded, and follows their changes. */
static void
bind_participants (GtkListBox *box,
                   GListModel *participants)
{
  g_autoptr(GtkTreeListModel) tree = NULL;

  if (participants == NULL)
    {
      gtk_list_box_bind_model (box, NULL, NULL, NULL, NULL);
      return;
    }

  tree = gtk_tree_list_model_new (g_object_ref (participants), FALSE, TRUE, participant_children_cb,
                                  NULL, NULL);
  gtk_list_box_bind_model (box, G_LIST_MODEL (tree), create_participant_row_cb, NULL, NULL);
}

static void
rebuild_schedule_shifts (TocsinSchedulesPage *self)
{
  guint n_days;

  n_days = tocsin_shift_day_list_show (self->shift_days_box,
                                       self->selected != NULL
                                         ? tocsin_schedule_get_shift_days (self->selected)
                                         : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->shifts_empty_label), n_days == 0);
}

static void
update_schedule_header (TocsinSchedulesPage *self)
{
  TocsinSchedule *schedule = self->selected;
  const char *name, *team, *zone, *description, *error;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *subtitle = NULL;

  if (schedule == NULL)
    return;

  name = tocsin_schedule_get_name (schedule);
  if (name == NULL || *name == '\0')
    name = tocsin_schedule_get_id (schedule);
  team = tocsin_schedule_get_team_name (schedule);
  zone = tocsin_schedule_get_timezone (schedule);
  description = tocsin_schedule_get_description (schedule);
  error = tocsin_schedule_get_error (schedule);

  parts = g_ptr_array_new_with_free_func (g_free);
  if (team != NULL && *team != '\0')
    /* Translators: the team that owns a schedule. */
    g_ptr_array_add (parts, g_strdup_printf (_("Team: %s"), team));
  if (zone != NULL && *zone != '\0')
    /* Translators: a schedule's time zone, e.g. "Time zone: Europe/Berlin". */
    g_ptr_array_add (parts, g_strdup_printf (_("Time zone: %s"), zone));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  gtk_label_set_label (self->schedule_title, name);
  gtk_label_set_label (self->details_header_label, name);
  gtk_label_set_label (self->schedule_subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_subtitle), *subtitle != '\0');
  gtk_label_set_label (self->schedule_description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_description), description != NULL && *description != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_disabled_tag), !tocsin_schedule_get_enabled (schedule));

  if (error != NULL)
    {
      /* Translators: shown when who is on call or the shifts of one schedule could not be fetched. */
      g_autofree char *text = g_strdup_printf (_("Some details could not be loaded: %s"), error);

      gtk_label_set_label (self->schedule_error, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_error), error != NULL);
}

static void
show_schedule (TocsinSchedulesPage *self,
               TocsinSchedule      *schedule)
{
  if (self->selected != schedule)
    {
      g_set_object (&self->selected, schedule);
      g_free (self->selected_id);
      self->selected_id = g_strdup (tocsin_schedule_get_id (schedule));

      /* The 7/14 days choice belongs to the page, not to one schedule. */
      tocsin_schedule_set_shift_window_days (schedule, self->window_days);

      g_signal_group_set_target (self->schedule_signals, schedule);
      g_signal_group_set_target (self->shift_days_signals, tocsin_schedule_get_shift_days (schedule));
      bind_participants (self->on_call_now_list, tocsin_schedule_get_on_call_now (schedule));
      bind_participants (self->on_call_next_list, tocsin_schedule_get_on_call_next (schedule));
    }

  self->showing_my_shifts = FALSE;
  update_schedule_header (self);
  rebuild_schedule_shifts (self);
  gtk_stack_set_visible_child_name (self->details_stack, "schedule");
}

static void
clear_selected (TocsinSchedulesPage *self)
{
  g_signal_group_set_target (self->schedule_signals, NULL);
  g_signal_group_set_target (self->shift_days_signals, NULL);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->selected_id, g_free);
  bind_participants (self->on_call_now_list, NULL);
  bind_participants (self->on_call_next_list, NULL);
  tocsin_shift_day_list_show (self->shift_days_box, NULL);
}

static int
find_schedule (TocsinSchedulesPage *self,
               const char          *id)
{
  guint n;

  if (self->list == NULL || id == NULL)
    return -1;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      if (g_strcmp0 (tocsin_schedule_get_id (schedule), id) == 0)
        return (int) i;
    }

  return -1;
}

/* After the rows were rebuilt: keep what the user looked at, else show the
 * first schedule so the details pane is never blank next to a full list. */
static void
restore_selection (TocsinSchedulesPage *self)
{
  GtkListBoxRow *row = NULL;
  int index;

  if (self->showing_my_shifts)
    return;

  index = find_schedule (self, self->selected_id);
  if (index >= 0)
    row = gtk_list_box_get_row_at_index (self->schedule_list, index);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->schedule_list, 0);

  if (row != NULL)
    {
      if (gtk_list_box_get_selected_row (self->schedule_list) != row)
        gtk_list_box_select_row (self->schedule_list, row);
      else
        show_schedule (self, tocsin_schedule_row_get_schedule (TOCSIN_SCHEDULE_ROW (row)));
    }
  else
    {
      clear_selected (self);
      gtk_stack_set_visible_child_name (self->details_stack, "none");
    }
}

static void
rebuild_my_shifts (TocsinSchedulesPage *self)
{
  GListModel *mine = self->list ? tocsin_schedule_list_get_my_shifts (self->list) : NULL;
  g_autoptr(GPtrArray) shifts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) days = NULL;
  GTimeZone *zone = NULL;
  guint n = mine != NULL ? g_list_model_get_n_items (mine) : 0;
  guint n_days;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (shifts, g_list_model_get_item (mine, i));

  /* Group in the zone the shifts already carry: the user's. */
  if (shifts->len > 0)
    zone = tocsin_shift_get_local_zone (g_ptr_array_index (shifts, 0));
  days = tocsin_shifts_group_by_day (shifts, zone);

  n_days = tocsin_shift_day_list_show (self->my_shift_days_box, days);

  if (self->list != NULL && tocsin_schedule_list_get_account_id (self->list) == NULL)
    gtk_label_set_label (self->my_shifts_empty_label,
                         _("Your shifts cannot be shown because it is not known who is signed in."));
  else
    gtk_label_set_label (self->my_shifts_empty_label, _("You have no upcoming shifts."));
  gtk_widget_set_visible (GTK_WIDGET (self->my_shifts_empty_label), n_days == 0);
}

static void
update_indicator (TocsinSchedulesPage *self)
{
  const char *summary = tocsin_schedules_page_get_indicator (self);
  gboolean on_call = tocsin_schedules_page_get_on_call (self);
  const char *subtitle = summary;

  gtk_label_set_label (self->indicator_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->indicator_bar), summary != NULL);
  gtk_image_set_from_icon_name (self->indicator_icon, on_call ? "alarm-symbolic" : "appointment-soon-symbolic");
  if (on_call)
    gtk_widget_add_css_class (GTK_WIDGET (self->indicator_bar), "on-call");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->indicator_bar), "on-call");

  if (summary == NULL && self->list != NULL && tocsin_schedule_list_get_account_id (self->list) == NULL)
    subtitle = _("Not available");
  else if (summary == NULL)
    subtitle = _("No upcoming shifts");
  gtk_label_set_label (self->my_shifts_subtitle, subtitle);
  gtk_label_set_label (self->my_summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->my_summary_label), summary != NULL);
}

static void
update_state (TocsinSchedulesPage *self)
{
  const char *page;
  const char *error = NULL;
  gboolean offline = FALSE;
  gboolean loading = FALSE;
  gboolean cached = FALSE;
  guint n = 0;

  if (self->list != NULL)
    n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (self->monitor != NULL)
    {
      const GError *refresh_error = tocsin_schedule_monitor_get_error (self->monitor);

      error = refresh_error ? refresh_error->message : NULL;
      loading = tocsin_schedule_monitor_get_loading (self->monitor);
      cached = tocsin_schedule_monitor_get_cached (self->monitor);
      /* A failed refresh without a network says "offline" rather than the
       * transport's message. */
      offline = error != NULL && tocsin_schedule_monitor_get_offline (self->monitor);
    }

  if (self->list == NULL)
    page = "none";
  else if (n > 0)
    page = "content";
  else if (error != NULL)
    page = offline ? "offline" : "error";
  else if (!loading && tocsin_schedule_list_get_empty (self->list))
    page = "empty";
  else
    page = "loading";

  tocsin_status_page_set_plain_description (self->error_page, error);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->state_stack, page);

  /* The schedules of the last good refresh stay; say they may be stale. */
  if (n > 0 && error != NULL)
    {
      g_autofree char *text = NULL;

      if (offline)
        text = g_strdup (_("You are offline. These schedules may be out of date."));
      else
        /* Translators: %s is why the refresh failed. */
        text = g_strdup_printf (_("Could not refresh schedules: %s"), error);
      gtk_label_set_label (self->banner_label, text);
    }
  else if (n > 0 && cached)
    /* The schedules came from the cache at start-up; the server has not answered yet. */
    gtk_label_set_label (self->banner_label,
                         _("Updating — showing the schedules from the last time Tocsin ran."));
  tocsin_ui_revealer_reveal (self->banner_revealer, n > 0 && (error != NULL || cached));
}

/* Callbacks */

static GtkWidget *
create_schedule_row (gpointer item,
                     gpointer user_data)
{
  return tocsin_schedule_row_new (TOCSIN_SCHEDULE (item));
}

static void
on_list_items_changed_cb (TocsinSchedulesPage *self)
{
  update_state (self);
  restore_selection (self);
}

static void
on_schedule_row_selected_cb (TocsinSchedulesPage *self,
                             GtkListBoxRow       *row,
                             GtkListBox          *box)
{
  /* NULL while rows are rebuilt or the other list took the selection. */
  if (row == NULL)
    return;

  gtk_widget_unset_state_flags (GTK_WIDGET (self->my_shifts_row), GTK_STATE_FLAG_SELECTED);
  show_schedule (self, tocsin_schedule_row_get_schedule (TOCSIN_SCHEDULE_ROW (row)));
}

static void
on_row_activated_cb (TocsinSchedulesPage *self,
                     GtkListBoxRow       *row,
                     GtkListBox          *box)
{
  /* Narrow: the details replace the list. */
  adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

/* "My shifts" is chosen only by activating it: a selectable row would be
 * selected by mere keyboard focus when the window opens. It looks selected
 * through the state flag. */
static void
on_my_shifts_activated_cb (TocsinSchedulesPage *self,
                           GtkListBoxRow       *row,
                           GtkListBox          *box)
{
  self->showing_my_shifts = TRUE;
  gtk_list_box_unselect_all (self->schedule_list);
  gtk_widget_set_state_flags (GTK_WIDGET (self->my_shifts_row), GTK_STATE_FLAG_SELECTED, FALSE);
  gtk_label_set_label (self->details_header_label, _("My Shifts"));
  rebuild_my_shifts (self);
  gtk_stack_set_visible_child_name (self->details_stack, "my-shifts");
  on_row_activated_cb (self, row, box);
}

static void
on_back_clicked_cb (TocsinSchedulesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_leaflet_folded_cb (TocsinSchedulesPage *self)
{
  /* Folding with nothing chosen shows the list, not an empty details pane. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->details_stack), "none") == 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
on_days_toggled_cb (TocsinSchedulesPage *self,
                    GtkToggleButton     *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  self->window_days = gtk_toggle_button_get_active (self->days_14_button) ? 14 : 7;

  /* The schedule rebuilds its shift-days model; items-changed redraws. */
  if (self->selected != NULL)
    tocsin_schedule_set_shift_window_days (self->selected, self->window_days);
}

/* Each minute "now" moves on for the highlighted current shift. */
static void
on_tick_cb (TocsinSchedulesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  tocsin_shift_day_list_update_current (self->shift_days_box, now);
  tocsin_shift_day_list_update_current (self->my_shift_days_box, now);
}

/* A new day: "Today" and "Tomorrow" move on, and the days shown start from
 * the new today, so ask again rather than relabel what is there. */
static void
on_day_cb (TocsinSchedulesPage *self)
{
  if (self->monitor != NULL && tocsin_schedule_monitor_get_active (self->monitor))
    tocsin_schedule_monitor_refresh (self->monitor);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TocsinSchedulesPage *self = TOCSIN_SCHEDULES_PAGE (widget);

  if (self->monitor != NULL)
    tocsin_schedule_monitor_refresh (self->monitor);
}

/* GObject overrides */

/* With a context, the page shows its schedule monitor. */
static void
tocsin_schedules_page_constructed (GObject *object)
{
  TocsinSchedulesPage *self = TOCSIN_SCHEDULES_PAGE (object);

  G_OBJECT_CLASS (tocsin_schedules_page_parent_class)->constructed (object);

  if (self->context != NULL)
    g_object_bind_property (self->context, "schedule-monitor", self, "monitor",
                            G_BINDING_SYNC_CREATE);

  self->clock = g_object_ref (self->context != NULL ? tocsin_context_get_clock (self->context)
                                                    : tocsin_clock_get_default ());
  g_signal_connect_object (self->clock, "minute", G_CALLBACK (on_tick_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "day", G_CALLBACK (on_day_cb), self, G_CONNECT_SWAPPED);
}

static void
tocsin_schedules_page_dispose (GObject *object)
{
  TocsinSchedulesPage *self = (TocsinSchedulesPage *)object;

  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->clock);

  /* A signal group disconnects its handlers when it goes. */
  g_clear_object (&self->list_signals);
  g_clear_object (&self->monitor_signals);
  g_clear_object (&self->my_shifts_signals);
  g_clear_object (&self->schedule_signals);
  g_clear_object (&self->shift_days_signals);

  if (self->schedule_list != NULL)
    gtk_list_box_bind_model (self->schedule_list, NULL, NULL, NULL, NULL);
  if (self->on_call_now_list != NULL)
    bind_participants (self->on_call_now_list, NULL);
  if (self->on_call_next_list != NULL)
    bind_participants (self->on_call_next_list, NULL);

  g_clear_object (&self->selected);
  g_clear_object (&self->list);
  g_clear_object (&self->monitor);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tocsin_schedules_page_parent_class)->dispose (object);
}

static void
tocsin_schedules_page_finalize (GObject *object)
{
  TocsinSchedulesPage *self = (TocsinSchedulesPage *)object;

  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (tocsin_schedules_page_parent_class)->finalize (object);
}

static void
tocsin_schedules_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TocsinSchedulesPage *self = TOCSIN_SCHEDULES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedules_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TocsinSchedulesPage *self = TOCSIN_SCHEDULES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_MONITOR:
      tocsin_schedules_page_set_monitor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedules_page_class_init (TocsinSchedulesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_schedules_page_constructed;
  object_class->dispose = tocsin_schedules_page_dispose;
  object_class->finalize = tocsin_schedules_page_finalize;
  object_class->get_property = tocsin_schedules_page_get_property;
  object_class->set_property = tocsin_schedules_page_set_property;

  /* Where the monitor and the clock come from; without one (tests), only
   * what is set on the page. */
  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TOCSIN_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL while signed out; may be replaced at any time (site change). */
  properties [PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, TOCSIN_TYPE_SCHEDULE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "schedules.refresh", NULL, refresh_action);

  g_type_ensure (TOCSIN_TYPE_SHIFT_DAY_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-schedules-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, indicator_bar);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, indicator_icon);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, indicator_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, my_shifts_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, my_shifts_row);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, my_shifts_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, schedule_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, details_header_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, schedule_title);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, schedule_disabled_tag);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, schedule_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, schedule_description);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, schedule_error);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, on_call_now_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, on_call_next_list);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, days_14_button);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, shifts_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, shift_days_box);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, my_summary_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, my_shifts_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinSchedulesPage, my_shift_days_box);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_my_shifts_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_toggled_cb);
}

static void
tocsin_schedules_page_init (TocsinSchedulesPage *self)
{
  self->window_days = 7;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->on_call_now_list, new_placeholder (_("Nobody is on call.")));
  gtk_list_box_set_placeholder (self->on_call_next_list, new_placeholder (_("Nobody is on call next.")));

  self->list_signals = g_signal_group_new (TOCSIN_TYPE_SCHEDULE_LIST);
  g_signal_group_connect_swapped (self->list_signals, "items-changed",
                                  G_CALLBACK (on_list_items_changed_cb), self);
  g_signal_group_connect_swapped (self->list_signals, "notify::empty", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->list_signals, "notify::summary", G_CALLBACK (update_indicator), self);
  g_signal_group_connect_swapped (self->list_signals, "notify::on-call", G_CALLBACK (update_indicator), self);
  g_signal_group_connect_swapped (self->list_signals, "notify::account-id", G_CALLBACK (rebuild_my_shifts), self);
  g_signal_group_connect_swapped (self->list_signals, "notify::account-id", G_CALLBACK (update_indicator), self);

  self->monitor_signals = g_signal_group_new (TOCSIN_TYPE_SCHEDULE_MONITOR);
  g_signal_group_connect_swapped (self->monitor_signals, "notify::loading",
                                  G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->monitor_signals, "notify::error", G_CALLBACK (update_state),
                                  self);
  g_signal_group_connect_swapped (self->monitor_signals, "notify::offline",
                                  G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->monitor_signals, "notify::cached",
                                  G_CALLBACK (update_state), self);

  self->my_shifts_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->my_shifts_signals, "items-changed",
                                  G_CALLBACK (rebuild_my_shifts), self);

  self->schedule_signals = g_signal_group_new (TOCSIN_TYPE_SCHEDULE);
  g_signal_group_connect_swapped (self->schedule_signals, "notify::name", G_CALLBACK (update_schedule_header), self);
  g_signal_group_connect_swapped (self->schedule_signals, "notify::description",
                                  G_CALLBACK (update_schedule_header), self);
  g_signal_group_connect_swapped (self->schedule_signals, "notify::team-name",
                                  G_CALLBACK (update_schedule_header), self);
  g_signal_group_connect_swapped (self->schedule_signals, "notify::timezone",
                                  G_CALLBACK (update_schedule_header), self);
  g_signal_group_connect_swapped (self->schedule_signals, "notify::enabled",
                                  G_CALLBACK (update_schedule_header), self);
  g_signal_group_connect_swapped (self->schedule_signals, "notify::error",
                                  G_CALLBACK (update_schedule_header), self);

  self->shift_days_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->shift_days_signals, "items-changed",
                                  G_CALLBACK (rebuild_schedule_shifts), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "schedules.refresh", FALSE);
  update_state (self);
  update_indicator (self);
  rebuild_my_shifts (self);
}

/* Public API */

/**
 * tocsin_schedules_page_get_monitor:
 *
 * Returns: (transfer none) (nullable): the monitor shown
 */
TocsinScheduleMonitor *
tocsin_schedules_page_get_monitor (TocsinSchedulesPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self), NULL);

  return self->monitor;
}

/**
 * tocsin_schedules_page_set_monitor:
 * @monitor: (nullable): the monitor to show, %NULL for none
 *
 * Shows @monitor's schedules and starts it (starting a running monitor does
 * nothing). The page never stops a monitor: its owner does.
 */
void
tocsin_schedules_page_set_monitor (TocsinSchedulesPage   *self,
                                   TocsinScheduleMonitor *monitor)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self));
  g_return_if_fail (!monitor || TOCSIN_IS_SCHEDULE_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  /* A new monitor is another site: nothing of the old selection applies. */
  clear_selected (self);
  self->showing_my_shifts = FALSE;
  gtk_widget_unset_state_flags (GTK_WIDGET (self->my_shifts_row), GTK_STATE_FLAG_SELECTED);

  g_set_object (&self->monitor, monitor);
  g_clear_object (&self->list);
  if (monitor != NULL)
    self->list = g_object_ref (tocsin_schedule_monitor_get_model (monitor));

  /* Bind the rows first so that our items-changed handler sees them. */
  if (self->list != NULL)
    gtk_list_box_bind_model (self->schedule_list, G_LIST_MODEL (self->list), create_schedule_row, self, NULL);
  else
    gtk_list_box_bind_model (self->schedule_list, NULL, NULL, NULL, NULL);
  g_signal_group_set_target (self->list_signals, self->list);
  g_signal_group_set_target (self->monitor_signals, self->monitor);
  g_signal_group_set_target (self->my_shifts_signals,
                             self->list ? tocsin_schedule_list_get_my_shifts (self->list) : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "schedules.refresh", monitor != NULL);

  update_state (self);
  update_indicator (self);
  rebuild_my_shifts (self);
  restore_selection (self);

  if (monitor != NULL)
    tocsin_schedule_monitor_set_active (monitor, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MONITOR]);
}

/* Returns: (nullable): the indicator's text, e.g. "On call until Tue 09:00" */
const char *
tocsin_schedules_page_get_indicator (TocsinSchedulesPage *self)
{
  const char *summary;

  g_return_val_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self), NULL);

  summary = self->list != NULL ? tocsin_schedule_list_get_summary (self->list) : NULL;
  return summary != NULL && *summary != '\0' ? summary : NULL;
}

gboolean
tocsin_schedules_page_get_on_call (TocsinSchedulesPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self), FALSE);

  return self->list != NULL && tocsin_schedule_list_get_on_call (self->list);
}

/**
 * tocsin_schedules_page_get_selected:
 *
 * Returns: (transfer none) (nullable): the schedule in the details pane
 */
TocsinSchedule *
tocsin_schedules_page_get_selected (TocsinSchedulesPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self), NULL);

  return self->showing_my_shifts ? NULL : self->selected;
}

/* Shows the schedule with @schedule_id (e.g. from a notification). */
void
tocsin_schedules_page_select_schedule (TocsinSchedulesPage *self,
                                       const char          *schedule_id)
{
  GtkListBoxRow *row;
  int index;

  g_return_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self));
  g_return_if_fail (schedule_id != NULL);

  index = find_schedule (self, schedule_id);
  if (index < 0)
    return;

  row = gtk_list_box_get_row_at_index (self->schedule_list, index);
  if (row == NULL)
    return;

  gtk_list_box_select_row (self->schedule_list, row);
  adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

void
tocsin_schedules_page_show_my_shifts (TocsinSchedulesPage *self)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULES_PAGE (self));

  on_my_shifts_activated_cb (self, self->my_shifts_row, self->my_shifts_list);
}
