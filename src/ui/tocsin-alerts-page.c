/* tocsin-alerts-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alerts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-api.h"
#include "tocsin-alert-details.h"
#include "tocsin-alerts-page.h"
#include "tocsin-plain-text.h"

typedef enum {
  COLUMN_PRIORITY,
  COLUMN_TINY_ID,
  COLUMN_MESSAGE,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_COUNT,
  COLUMN_TAGS,
  COLUMN_CREATED,
  COLUMN_UPDATED,
  N_COLUMNS
} Column;

struct _TocsinAlertsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *preset_open;
  GtkToggleButton    *preset_unacknowledged;
  GtkToggleButton    *preset_mine;
  GtkToggleButton    *preset_high;
  GtkToggleButton    *preset_all;
  GtkInfoBar         *offline_bar;
  GtkLabel           *offline_label;
  GtkInfoBar         *truncated_bar;
  GtkLabel           *truncated_label;
  AdwLeaflet         *leaflet;
  GtkStack           *content_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkWidget          *back_box;
  TocsinAlertDetails *details;
  GMenuModel         *alert_menu;

  /* Owned */
  TocsinAlertMonitor *monitor;
  GtkSortListModel   *sort_model;
  GtkMultiSelection  *selection;
  GtkWidget          *context_menu;
  GHashTable         *time_cells;     /* GtkListItem of bound created/updated cells */
  guint               minute_source;
  char               *account_id;
  char               *account_name;
  gboolean            account_id_set; /* set by someone, so don't follow the app */
  GBinding           *account_binding;
  GCancellable       *cancellable;    /* dies with the page */
  gboolean            syncing_query;
  const GError       *shown_error;    /* last refresh error shown as a toast */
};

G_DEFINE_FINAL_TYPE (TocsinAlertsPage, tocsin_alerts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_NAME,
  PROP_OPEN_UNACKNOWLEDGED_COUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const selection_actions[] = {
  "alerts.acknowledge", "alerts.unacknowledge", "alerts.close", "alerts.snooze",
  "alerts.add-note", "alerts.assign", "alerts.escalate", "alerts.add-responder",
  "alerts.change-priority", "alerts.set-priority",
};

/* Auxiliary methods */

static GtkWindow *
get_window (TocsinAlertsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (TocsinAlertsPage *self,
            const char       *text,
            gboolean          failure)
{
  AdwToast *toast = tocsin_toast_new_plain (text);

  if (failure)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The selected alerts, in list order (new references). */
static GPtrArray *
dup_selected_alerts (TocsinAlertsPage *self)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    {
      do
        g_ptr_array_add (alerts, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
      while (gtk_bitset_iter_next (&iter, &position));
    }

  return alerts;
}

static void
update_selection (TocsinAlertsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *count = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), selection_actions[i],
                                   self->monitor != NULL && n_selected > 0);

  if (n_selected == 1)
    {
      g_autoptr(TocsinAlert) alert =
        g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (selected));

      tocsin_alert_details_set_alert (self->details, alert);
    }
  else
    tocsin_alert_details_set_alert (self->details, NULL);
  tocsin_alert_details_set_n_selected (self->details, (guint) n_selected);

  if (n_selected > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u alert selected",
                                          "%u of %u alerts selected", n_items),
                             (guint) n_selected, n_items);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert", "%u alerts", n_items), n_items);
  gtk_label_set_text (self->count_label, count);
}

static gboolean
is_default_query (const char *query,
                  TocsinAlertPreset preset)
{
  g_autofree char *preset_query = tocsin_alert_preset_query (preset);

  return g_strcmp0 (query != NULL ? query : "", preset_query) == 0;
}

static void
update_state (TocsinAlertsPage *self)
{
  const char *page;
  const GError *error = NULL;
  gboolean loading = FALSE;

  if (self->monitor == NULL)
    page = "none";
  else
    {
      error = tocsin_alert_monitor_get_error (self->monitor);
      loading = tocsin_alert_monitor_get_loading (self->monitor);

      if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0)
        page = "list";
      else if (loading || (error == NULL && tocsin_alert_monitor_get_last_refresh (self->monitor) == NULL))
        page = "loading";
      else if (error != NULL)
        page = "error";
      else
        page = "empty";
    }

  if (g_strcmp0 (page, "error") == 0)
    tocsin_status_page_set_plain_description (self->error_page, error->message);

  if (g_strcmp0 (page, "empty") == 0)
    {
      const char *query = tocsin_alert_monitor_get_query (self->monitor);

      if (is_default_query (query, TOCSIN_ALERT_PRESET_OPEN))
        {
          adw_status_page_set_title (self->empty_page, _("No Open Alerts"));
          adw_status_page_set_description (self->empty_page, _("All quiet. New alerts appear here as they come in."));
        }
      else if (is_default_query (query, TOCSIN_ALERT_PRESET_UNACKNOWLEDGED))
        {
          adw_status_page_set_title (self->empty_page, _("No Unacknowledged Alerts"));
          adw_status_page_set_description (self->empty_page, _("Every open alert has been acknowledged."));
        }
      else if (is_default_query (query, TOCSIN_ALERT_PRESET_ALL))
        {
          adw_status_page_set_title (self->empty_page, _("No Alerts"));
          adw_status_page_set_description (self->empty_page, _("This site has no alerts."));
        }
      else
        {
          g_autofree char *description = g_strdup_printf (_("No alert matches “%s”."), query);

          adw_status_page_set_title (self->empty_page, _("No Matching Alerts"));
          tocsin_status_page_set_plain_description (self->empty_page, description);
        }
    }

  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (page, "loading") == 0);
  gtk_stack_set_visible_child_name (self->content_stack, page);

  /* A failed refresh over a list still worth looking at: say so once. */
  if (error != self->shown_error)
    {
      self->shown_error = error;
      if (error != NULL && g_strcmp0 (page, "list") == 0)
        {
          g_autofree char *text = g_strdup_printf (_("Could not refresh the alerts: %s"), error->message);

          show_toast (self, text, TRUE);
        }
    }
}

static void
update_offline (TocsinAlertsPage *self)
{
  gboolean offline = self->monitor != NULL && tocsin_alert_monitor_get_offline (self->monitor);
  gboolean cached = self->monitor != NULL && tocsin_alert_monitor_get_cached (self->monitor);

  if (offline)
    {
      GDateTime *last = tocsin_alert_monitor_get_last_refresh (self->monitor);
      g_autofree char *text = NULL;

      if (last != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (last);
          g_autofree char *time = g_date_time_format (local, "%H:%M");

          text = g_strdup_printf (_("Offline — showing alerts from %s. Updates resume when the network is back."), time);
        }
      else
        text = g_strdup (_("Offline — alerts load when the network is back."));
      gtk_label_set_text (self->offline_label, text);
    }
  else if (cached)
    /* The rows came from the cache at start-up; the server has not answered yet. */
    gtk_label_set_text (self->offline_label, _("Updating — showing the alerts from the last time Tocsin ran."));
  gtk_info_bar_set_revealed (self->offline_bar, offline || cached);
}

static void
update_truncated (TocsinAlertsPage *self)
{
  gboolean truncated = self->monitor != NULL && tocsin_alert_monitor_get_truncated (self->monitor);

  if (truncated)
    {
      g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, tocsin_alert_monitor_get_total (self->monitor));
      g_autofree char *text = NULL;

      /* Translators: the first %s is a number of alerts, more than %d (19999) */
      text = g_strdup_printf (_("%s alerts match, more than the %d that can be listed. "
                                "Narrow the search to see the rest."),
                              total, TOCSIN_OPS_MAX_WINDOW - 1);
      gtk_label_set_text (self->truncated_label, text);
    }
  gtk_info_bar_set_revealed (self->truncated_bar, truncated);
}

static AdwViewStackPage *
find_stack_page (TocsinAlertsPage *self)
{
  GtkWidget *child = GTK_WIDGET (self);
  GtkWidget *parent;

  for (parent = gtk_widget_get_parent (child); parent != NULL; parent = gtk_widget_get_parent (child))
    {
      if (ADW_IS_VIEW_STACK (parent))
        return adw_view_stack_get_page (ADW_VIEW_STACK (parent), child);
      child = parent;
    }

  return NULL;
}

static void
update_badge (TocsinAlertsPage *self)
{
  AdwViewStackPage *page = find_stack_page (self);
  guint count = tocsin_alerts_page_get_open_unacknowledged_count (self);

  if (page == NULL)
    return;

  adw_view_stack_page_set_badge_number (page, count);
  adw_view_stack_page_set_needs_attention (page, count > 0);
}

static void
sync_presets (TocsinAlertsPage *self)
{
  const struct {
    GtkToggleButton   *button;
    TocsinAlertPreset  preset;
  } presets[] = {
    { self->preset_open, TOCSIN_ALERT_PRESET_OPEN },
    { self->preset_unacknowledged, TOCSIN_ALERT_PRESET_UNACKNOWLEDGED },
    { self->preset_mine, TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME },
    { self->preset_high, TOCSIN_ALERT_PRESET_HIGH_PRIORITY },
    { self->preset_all, TOCSIN_ALERT_PRESET_ALL },
  };
  const char *query = self->monitor != NULL ? tocsin_alert_monitor_get_query (self->monitor) : NULL;
  gboolean mine = self->monitor != NULL && tocsin_alert_monitor_get_owners (self->monitor) != NULL;
  gboolean has_me = self->account_id != NULL && *self->account_id != '\0';

  self->syncing_query = TRUE;

  if (query != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);

  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_mine), has_me);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_mine),
                               has_me ? NULL : _("Not available until the account is known"));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *preset_query = NULL;
      gboolean active;

      if (presets[i].preset == TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME && !has_me)
        active = FALSE;
      else
        {
          preset_query = tocsin_alert_preset_query (presets[i].preset);
          active = query != NULL && g_strcmp0 (query, preset_query) == 0 &&
                   mine == (presets[i].preset == TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME);
        }
      gtk_toggle_button_set_active (presets[i].button, active);
    }

  self->syncing_query = FALSE;
}

static void
set_query (TocsinAlertsPage *self,
           const char       *query)
{
  if (self->monitor == NULL)
    return;
  tocsin_alert_monitor_set_query (self->monitor, query);
}

/* Cells */

static char *
join_tags (TocsinAlert *alert)
{
  const char * const *tags = tocsin_alert_get_tags (alert);

  return tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
}

static void
update_cell (GtkListItem *list_item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "column"));
  TocsinAlert *alert = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkLabel *label = GTK_IS_LABEL (child) ? GTK_LABEL (child) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gboolean pending;

  if (alert == NULL || child == NULL)
    return;

  pending = tocsin_alert_get_pending (alert);

  switch (column)
    {
    case COLUMN_PRIORITY:
      {
        GtkWidget *badge = gtk_widget_get_first_child (child);
        GtkWidget *spinner = gtk_widget_get_next_sibling (badge);
        int priority = tocsin_alert_get_priority (alert);
        char klass[4];

        text = g_strdup_printf ("P%d", priority);
        gtk_label_set_text (GTK_LABEL (badge), text);
        for (int i = 1; i <= 5; i++)
          {
            g_snprintf (klass, sizeof klass, "p%d", i);
            if (i == priority)
              gtk_widget_add_css_class (badge, klass);
            else
              gtk_widget_remove_css_class (badge, klass);
          }
        gtk_widget_set_visible (spinner, pending);
        gtk_spinner_set_spinning (GTK_SPINNER (spinner), pending);
        tooltip = pending ? g_strdup_printf (_("Priority %s; an action is being processed"), text)
                          : g_strdup_printf (_("Priority %s"), text);
        gtk_widget_set_tooltip_text (child, tooltip);
        g_clear_pointer (&text, g_free);
        label = NULL;
      }
      break;
    case COLUMN_TINY_ID:
      text = g_strdup (tocsin_alert_get_tiny_id (alert));
      break;
    case COLUMN_MESSAGE:
      text = g_strdup (tocsin_alert_get_message (alert));
      tooltip = g_strdup (text);
      break;
    case COLUMN_STATUS:
      text = g_strdup (tocsin_alert_details_state_label (tocsin_alert_get_state (alert)));
      if (tocsin_alert_get_state (alert) == TOCSIN_ALERT_STATE_OPEN)
        gtk_widget_add_css_class (child, "heading");
      else
        gtk_widget_remove_css_class (child, "heading");
      break;
    case COLUMN_OWNER:
      text = g_strdup (tocsin_alert_get_owner (alert));
      tooltip = g_strdup (text);
      break;
    case COLUMN_COUNT:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, tocsin_alert_get_count (alert));
      break;
    case COLUMN_TAGS:
      text = join_tags (alert);
      tooltip = g_strdup (text);
      break;
    case COLUMN_CREATED:
    case COLUMN_UPDATED:
      {
        GDateTime *time = column == COLUMN_CREATED ? tocsin_alert_get_created_at (alert)
                                                   : tocsin_alert_get_updated_at (alert);
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

        text = tocsin_alert_details_format_relative (time, now);
        tooltip = tocsin_alert_details_format_absolute (time);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  if (label != NULL)
    {
      gtk_label_set_text (label, text != NULL ? text : "");
      gtk_widget_set_tooltip_text (child, tooltip != NULL && *tooltip != '\0' ? tooltip : NULL);
    }

  if (pending)
    gtk_widget_add_css_class (child, "dim-label");
  else
    gtk_widget_remove_css_class (child, "dim-label");
}

static void
popup_context_menu (TocsinAlertsPage *self,
                    GtkWidget        *widget,
                    double            x,
                    double            y)
{
  double px, py;

  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &px, &py))
    return;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) px, (int) py, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_cell_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (gtk_widget_get_ancestor (widget, TOCSIN_TYPE_ALERTS_PAGE));
  guint position = gtk_list_item_get_position (list_item);

  if (self == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  /* Like a file manager: a right click outside the selection selects that row. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, widget, x, y);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;
  GtkGesture *gesture;

  g_object_set_data (G_OBJECT (list_item), "column", user_data);

  if (column == COLUMN_PRIORITY)
    {
      GtkWidget *badge = gtk_label_new (NULL);
      GtkWidget *spinner = gtk_spinner_new ();

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (badge, "priority-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (spinner, FALSE);
      gtk_box_append (GTK_BOX (child), badge);
      gtk_box_append (GTK_BOX (child), spinner);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), column == COLUMN_COUNT ? 1 : 0);
      /* Only free text gives way; short values keep their full width. */
      if (column == COLUMN_MESSAGE || column == COLUMN_OWNER || column == COLUMN_TAGS)
        gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column == COLUMN_MESSAGE)
        gtk_label_set_width_chars (GTK_LABEL (child), 24);
      if (column == COLUMN_COUNT || column == COLUMN_TINY_ID)
        gtk_widget_add_css_class (child, "numeric");
    }

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_cell_pressed_cb), list_item);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, child);
}

static void
on_alert_notify_cb (TocsinAlert *alert,
                    GParamSpec  *pspec,
                    GtkListItem *list_item)
{
  update_cell (list_item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TocsinAlertsPage         *self)
{
  TocsinAlert *alert = gtk_list_item_get_item (list_item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "column"));

  g_signal_connect_object (alert, "notify", G_CALLBACK (on_alert_notify_cb), list_item, 0);
  if (column == COLUMN_CREATED || column == COLUMN_UPDATED)
    g_hash_table_add (self->time_cells, list_item);
  update_cell (list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TocsinAlertsPage         *self)
{
  TocsinAlert *alert = gtk_list_item_get_item (list_item);

  if (alert != NULL)
    g_signal_handlers_disconnect_by_func (alert, on_alert_notify_cb, list_item);
  g_hash_table_remove (self->time_cells, list_item);
}

static gboolean
minute_cb (gpointer user_data)
{
  TocsinAlertsPage *self = user_data;
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->time_cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_cell (list_item);

  return G_SOURCE_CONTINUE;
}

/* Sorting */

static int
compare_dates (GDateTime *a,
               GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_date_time_compare (a, b);
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  TocsinAlert *alert_a = (TocsinAlert *) a;
  TocsinAlert *alert_b = (TocsinAlert *) b;
  int result = 0;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_TINY_ID:
      {
        const char *ta = tocsin_alert_get_tiny_id (alert_a);
        const char *tb = tocsin_alert_get_tiny_id (alert_b);
        gint64 na = ta != NULL ? g_ascii_strtoll (ta, NULL, 10) : 0;
        gint64 nb = tb != NULL ? g_ascii_strtoll (tb, NULL, 10) : 0;

        result = na < nb ? -1 : na > nb ? 1 : g_strcmp0 (ta, tb);
      }
      break;
    case COLUMN_STATUS:
      result = (int) tocsin_alert_get_state (alert_a) - (int) tocsin_alert_get_state (alert_b);
      break;
    case COLUMN_TAGS:
      {
        g_autofree char *ta = join_tags (alert_a);
        g_autofree char *tb = join_tags (alert_b);

        result = g_utf8_collate (ta, tb);
      }
      break;
    case COLUMN_CREATED:
      result = compare_dates (tocsin_alert_get_created_at (alert_a), tocsin_alert_get_created_at (alert_b));
      break;
    case COLUMN_UPDATED:
      result = compare_dates (tocsin_alert_get_updated_at (alert_a), tocsin_alert_get_updated_at (alert_b));
      break;
    case COLUMN_PRIORITY:
    case COLUMN_MESSAGE:
    case COLUMN_OWNER:
    case COLUMN_COUNT:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkSorter *
column_sorter_new (Column column)
{
  switch (column)
    {
    case COLUMN_PRIORITY:
      return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (TOCSIN_TYPE_ALERT, NULL, "priority")));
    case COLUMN_COUNT:
      {
        GtkNumericSorter *sorter =
          gtk_numeric_sorter_new (gtk_property_expression_new (TOCSIN_TYPE_ALERT, NULL, "count"));

        /* Most occurrences first on the first click. */
        gtk_numeric_sorter_set_sort_order (sorter, GTK_SORT_DESCENDING);
        return GTK_SORTER (sorter);
      }
    case COLUMN_MESSAGE:
      return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (TOCSIN_TYPE_ALERT, NULL, "message")));
    case COLUMN_OWNER:
      return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (TOCSIN_TYPE_ALERT, NULL, "owner")));
    case COLUMN_TINY_ID:
    case COLUMN_STATUS:
    case COLUMN_TAGS:
    case COLUMN_CREATED:
    case COLUMN_UPDATED:
      return GTK_SORTER (gtk_custom_sorter_new (compare_alerts, GINT_TO_POINTER (column), NULL));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
add_columns (TocsinAlertsPage *self)
{
  const struct {
    Column      column;
    const char *title;
    gboolean    expand;
    int         width;
  } columns[] = {
    { COLUMN_PRIORITY, N_("Priority"), FALSE, -1 },
    { COLUMN_TINY_ID, N_("ID"), FALSE, -1 },
    { COLUMN_MESSAGE, N_("Message"), TRUE, 240 },
    { COLUMN_STATUS, N_("Status"), FALSE, -1 },
    { COLUMN_OWNER, N_("Owner"), FALSE, 120 },
    { COLUMN_COUNT, N_("Count"), FALSE, -1 },
    { COLUMN_TAGS, N_("Tags"), FALSE, 120 },
    { COLUMN_CREATED, N_("Created"), FALSE, -1 },
    { COLUMN_UPDATED, N_("Updated"), FALSE, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = column_sorter_new (columns[i].column);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (columns[i].column));
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Running actions */

typedef struct
{
  TocsinAlertsPage  *self;
  TocsinAlertAction  action;
  guint              total;
  guint              remaining;
  guint              failed;
  char              *first_failed;   /* message of the first alert that failed */
  GError            *error;          /* its error */
  gboolean           details_touched;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->self);
  g_free (batch->first_failed);
  g_clear_error (&batch->error);
  g_free (batch);
}

static char *
success_text (TocsinAlertAction action,
              guint             n)
{
  switch (action)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Acknowledged %u alert", "Acknowledged %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unacknowledged %u alert", "Unacknowledged %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_CLOSE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Closed %u alert", "Closed %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_SNOOZE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snoozed %u alert", "Snoozed %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added a note to %u alert", "Added a note to %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_ASSIGN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assigned %u alert", "Assigned %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_ESCALATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Escalated %u alert", "Escalated %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added a responder to %u alert",
                                           "Added a responder to %u alerts", n), n);
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changed the priority of %u alert",
                                           "Changed the priority of %u alerts", n), n);
    default:
      return g_strdup ("");
    }
}

static const char *
failure_verb (TocsinAlertAction action)
{
  switch (action)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      return _("acknowledge");
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      return _("unacknowledge");
    case TOCSIN_ALERT_ACTION_CLOSE:
      return _("close");
    case TOCSIN_ALERT_ACTION_SNOOZE:
      return _("snooze");
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      return _("add a note to");
    case TOCSIN_ALERT_ACTION_ASSIGN:
      return _("assign");
    case TOCSIN_ALERT_ACTION_ESCALATE:
      return _("escalate");
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      return _("add a responder to");
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
      return _("change the priority of");
    default:
      return "";
    }
}

static void
batch_finish (Batch *batch)
{
  TocsinAlertsPage *self = batch->self;
  g_autofree char *text = NULL;

  if (batch->failed == 0)
    text = success_text (batch->action, batch->total);
  else if (batch->failed == 1)
    /* Translators: "Could not acknowledge “Disk full on db-1”: The server refused …" */
    text = g_strdup_printf (_("Could not %s “%s”: %s"), failure_verb (batch->action),
                            batch->first_failed, batch->error->message);
  else
    /* Translators: "Could not acknowledge 3 of 5 alerts: …" */
    text = g_strdup_printf (_("Could not %s %u of %u alerts: %s"), failure_verb (batch->action),
                            batch->failed, batch->total, batch->error->message);

  show_toast (self, text, batch->failed > 0);

  if (batch->details_touched)
    tocsin_alert_details_reload (self->details);
}

typedef struct
{
  Batch       *batch;
  TocsinAlert *alert;
} ActionCall;

static void
action_call_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ActionCall *call = user_data;
  Batch *batch = call->batch;
  g_autoptr(TocsinAlert) alert = call->alert;
  g_autoptr(GError) error = NULL;

  g_free (call);

  if (!tocsin_alert_monitor_run_action_finish (TOCSIN_ALERT_MONITOR (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (batch->failed++ == 0)
        {
          batch->error = g_steal_pointer (&error);
          batch->first_failed = g_strdup (tocsin_alert_get_message (alert));
        }
    }

  if (--batch->remaining == 0)
    {
      if (!g_cancellable_is_cancelled (batch->self->cancellable))
        batch_finish (batch);
      batch_free (batch);
    }
}

static void
run_on_alerts (TocsinAlertsPage  *self,
               GPtrArray         *alerts,
               TocsinAlertAction  action,
               const char        *arg,
               const char        *arg2)
{
  TocsinAlert *shown = tocsin_alert_details_get_alert (self->details);
  Batch *batch;

  if (self->monitor == NULL || alerts == NULL || alerts->len == 0)
    return;

  batch = g_new0 (Batch, 1);
  batch->self = g_object_ref (self);
  batch->action = action;
  batch->total = alerts->len;
  batch->remaining = alerts->len;

  for (guint i = 0; i < alerts->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (alerts, i);
      ActionCall *call = g_new0 (ActionCall, 1);

      if (alert == shown)
        batch->details_touched = TRUE;

      call->batch = batch;
      call->alert = g_object_ref (alert);
      tocsin_alert_monitor_run_action_async (self->monitor, alert, action, arg, arg2,
                                             self->cancellable, action_call_cb, call);
    }
}

/* Dialogs */

typedef void (*DialogDone) (TocsinAlertsPage *self,
                            GPtrArray        *alerts,
                            const char       *response,
                            GtkWidget        *extra);

typedef struct
{
  TocsinAlertsPage *self;
  GPtrArray        *alerts;
  GtkWidget        *extra;
  DialogDone        done;
  GCancellable     *cancellable;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_cancellable_cancel (data->cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->self);
  g_clear_pointer (&data->alerts, g_ptr_array_unref);
  g_free (data);
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DialogData       *data)
{
  if (g_strcmp0 (response, "cancel") != 0)
    data->done (data->self, data->alerts, response, data->extra);
}

static AdwMessageDialog *
action_dialog_new (TocsinAlertsPage *self,
                   GPtrArray        *alerts,
                   const char       *heading,
                   const char       *body,
                   const char       *response,
                   const char       *response_label,
                   GtkWidget        *extra,
                   DialogDone        done)
{
  AdwMessageDialog *dialog;
  DialogData *data;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (extra != NULL)
    adw_message_dialog_set_extra_child (dialog, extra);

  data = g_new0 (DialogData, 1);
  data->self = g_object_ref (self);
  data->alerts = g_ptr_array_ref (alerts);
  data->extra = extra;
  data->done = done;
  data->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (dialog), "tocsin-dialog-data", data, (GDestroyNotify) dialog_data_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response_cb), data);

  return dialog;
}

/* Snooze */

static const guint snooze_minutes[] = { 15, 30, 60, 120, 240, 480, 24 * 60 };

static void
snooze_done (TocsinAlertsPage *self,
             GPtrArray        *alerts,
             const char       *response,
             GtkWidget        *extra)
{
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (extra));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *end_time = NULL;

  if (index >= G_N_ELEMENTS (snooze_minutes))
    return;
  end = g_date_time_add_minutes (now, snooze_minutes[index]);
  end_time = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_SNOOZE, end_time, NULL);
}

static void
open_snooze_dialog (TocsinAlertsPage *self,
                    GPtrArray        *alerts)
{
  const char *durations[] = {
    _("15 minutes"), _("30 minutes"), _("1 hour"), _("2 hours"), _("4 hours"), _("8 hours"), _("1 day"), NULL
  };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (durations);
  g_autofree char *heading = alerts->len == 1 ? g_strdup (_("Snooze Alert?"))
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snooze %u Alert?", "Snooze %u Alerts?", alerts->len), alerts->len);
  AdwMessageDialog *dialog;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Snooze duration"), -1);
  dialog = action_dialog_new (self, alerts, heading,
                              _("Notifications stay quiet until the time is up; then the alert is open again."),
                              "snooze", _("_Snooze"), dropdown, snooze_done);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Add note */

static void
note_done (TocsinAlertsPage *self,
           GPtrArray        *alerts,
           const char       *response,
           GtkWidget        *extra)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (extra)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    return;
  run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_ADD_NOTE, text, NULL);
}

static void
on_note_changed_cb (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "add", gtk_text_buffer_get_char_count (buffer) > 0);
}

static void
open_note_dialog (TocsinAlertsPage *self,
                  GPtrArray        *alerts)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *heading = alerts->len == 1 ? g_strdup (_("Add Note"))
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add Note to %u Alert", "Add Note to %u Alerts", alerts->len), alerts->len);
  AdwMessageDialog *dialog;

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_widget_add_css_class (scrolled, "card");

  dialog = action_dialog_new (self, alerts, heading, NULL, "add", _("_Add Note"), scrolled, note_done);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (on_note_changed_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Assign */

static void
assign_done (TocsinAlertsPage *self,
             GPtrArray        *alerts,
             const char       *response,
             GtkWidget        *extra)
{
  g_autofree char *account = NULL;

  if (g_strcmp0 (response, "assign-me") == 0)
    account = g_strdup (self->account_id);
  else
    account = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (extra))));
  if (account == NULL || *account == '\0')
    return;
  run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_ASSIGN, account, NULL);
}

static void
on_entry_changed_cb (GtkEditable      *editable,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  const char *response = g_object_get_data (G_OBJECT (editable), "tocsin-response");

  adw_message_dialog_set_response_enabled (dialog, response, *text != '\0');
}

static GtkWidget *
dialog_entry_new (const char *label,
                  const char *response)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (entry), "tocsin-response", (gpointer) response);
  return entry;
}

static void
open_assign_dialog (TocsinAlertsPage *self,
                    GPtrArray        *alerts)
{
  GtkWidget *entry = dialog_entry_new (_("Atlassian account ID"), "assign");
  g_autofree char *heading = alerts->len == 1 ? g_strdup (_("Assign Alert"))
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign %u Alert", "Assign %u Alerts", alerts->len), alerts->len);
  AdwMessageDialog *dialog;

  dialog = action_dialog_new (self, alerts, heading, _("The new owner’s Atlassian account ID."),
                              "assign", _("_Assign"), entry, assign_done);
  adw_message_dialog_set_response_enabled (dialog, "assign", FALSE);
  if (self->account_id != NULL && *self->account_id != '\0')
    adw_message_dialog_add_response (dialog, "assign-me", _("Assign to _Me"));
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Add responder */

static const char * const responder_types[] = { "team", "user", "escalation", "schedule" };

static void
responder_done (TocsinAlertsPage *self,
                GPtrArray        *alerts,
                const char       *response,
                GtkWidget        *extra)
{
  GtkWidget *dropdown = gtk_widget_get_first_child (extra);
  GtkWidget *entry = gtk_widget_get_next_sibling (dropdown);
  guint type = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*id == '\0' || type >= G_N_ELEMENTS (responder_types))
    return;
  run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_ADD_RESPONDER, id, responder_types[type]);
}

static void
open_responder_dialog (TocsinAlertsPage *self,
                       GPtrArray        *alerts)
{
  const char *types[] = { _("Team"), _("User"), _("Escalation"), _("Schedule"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (types);
  GtkWidget *entry = dialog_entry_new (_("Responder ID"), "add");
  g_autofree char *heading = alerts->len == 1 ? g_strdup (_("Add Responder"))
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add Responder to %u Alert", "Add Responder to %u Alerts", alerts->len), alerts->len);
  AdwMessageDialog *dialog;

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Responder type"), -1);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), entry);

  dialog = action_dialog_new (self, alerts, heading,
                              _("A team, user, escalation or schedule ID to notify about the alert."),
                              "add", _("_Add"), box, responder_done);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Change priority */

static void
priority_done (TocsinAlertsPage *self,
               GPtrArray        *alerts,
               const char       *response,
               GtkWidget        *extra)
{
  char priority[4];

  g_snprintf (priority, sizeof priority, "P%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (extra)) + 1);
  run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_SET_PRIORITY, priority, NULL);
}

static void
open_priority_dialog (TocsinAlertsPage *self,
                      GPtrArray        *alerts)
{
  const char *priorities[] = {
    _("P1 — Critical"), _("P2 — High"), _("P3 — Moderate"), _("P4 — Low"), _("P5 — Informational"), NULL
  };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (priorities);
  g_autofree char *heading = alerts->len == 1 ? g_strdup (_("Change Priority"))
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Change Priority of %u Alert", "Change Priority of %u Alerts", alerts->len), alerts->len);
  int current = tocsin_alert_get_priority (g_ptr_array_index (alerts, 0));
  AdwMessageDialog *dialog;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CLAMP (current, 1, 5) - 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Priority"), -1);
  dialog = action_dialog_new (self, alerts, heading, NULL, "change", _("C_hange"), dropdown, priority_done);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Escalate: the policies come from the teams, fetched while the dialog is open. */

typedef struct
{
  AdwMessageDialog *dialog;     /* weak */
  GtkDropDown      *dropdown;
  GtkStringList    *names;
  GPtrArray        *ids;
  GtkLabel         *status;
  guint             pending;
  char             *error;
} EscalateData;

static void
escalate_data_free (EscalateData *data)
{
  g_clear_weak_pointer (&data->dialog);
  g_clear_object (&data->names);
  g_clear_pointer (&data->ids, g_ptr_array_unref);
  g_free (data->error);
}

static void
escalate_data_release (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) escalate_data_free);
}

static void
escalate_update (EscalateData *data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (data->names));

  if (data->dialog == NULL)
    return;

  adw_message_dialog_set_response_enabled (data->dialog, "escalate", n > 0);
  gtk_widget_set_visible (GTK_WIDGET (data->dropdown), n > 0);
  if (data->pending > 0)
    gtk_label_set_text (data->status, _("Loading escalation policies…"));
  else if (n == 0)
    gtk_label_set_text (data->status, data->error != NULL ? data->error : _("No escalation policies found."));
  gtk_widget_set_visible (GTK_WIDGET (data->status), data->pending > 0 || n == 0);
}

typedef struct
{
  EscalateData *data;
  char         *team_name;
} TeamCall;

static void
escalations_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TeamCall *call = user_data;
  EscalateData *data = call->data;
  g_autoptr(GPtrArray) escalations = NULL;
  g_autoptr(GError) error = NULL;

  escalations = tocsin_alert_api_list_escalations_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  data->pending--;
  if (escalations != NULL)
    {
      for (guint i = 0; i < escalations->len; i++)
        {
          TocsinAlertTarget *target = g_ptr_array_index (escalations, i);
          /* Translators: an escalation policy in a list, "Database team — Night escalation" */
          g_autofree char *name = g_strdup_printf (_("%s — %s"), call->team_name,
                                                   tocsin_alert_target_get_name (target));

          g_ptr_array_add (data->ids, g_strdup (tocsin_alert_target_get_id (target)));
          gtk_string_list_append (data->names, name);
        }
    }
  else if (data->error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    data->error = g_strdup (error->message);

  escalate_update (data);
  escalate_data_release (data);
  g_free (call->team_name);
  g_free (call);
}

static void
teams_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  EscalateData *data = user_data;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = NULL;

  teams = tocsin_alert_api_list_teams_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  data->pending--;
  if (teams == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        data->error = g_strdup (error->message);
    }
  else if (data->dialog != NULL)
    {
      DialogData *dialog_data = g_object_get_data (G_OBJECT (data->dialog), "tocsin-dialog-data");

      cancellable = dialog_data->cancellable;
      for (guint i = 0; i < teams->len; i++)
        {
          TocsinAlertTarget *team = g_ptr_array_index (teams, i);
          TeamCall *call = g_new0 (TeamCall, 1);

          call->data = g_rc_box_acquire (data);
          call->team_name = g_strdup (tocsin_alert_target_get_name (team));
          data->pending++;
          tocsin_alert_api_list_escalations_async (TOCSIN_OPS_CLIENT (source), tocsin_alert_target_get_id (team),
                                                   cancellable, escalations_cb, call);
        }
    }

  escalate_update (data);
  escalate_data_release (data);
}

static void
escalate_done (TocsinAlertsPage *self,
               GPtrArray        *alerts,
               const char       *response,
               GtkWidget        *extra)
{
  EscalateData *data = g_object_get_data (G_OBJECT (extra), "tocsin-escalate");
  guint index = gtk_drop_down_get_selected (data->dropdown);

  if (index >= data->ids->len)
    return;
  run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_ESCALATE, g_ptr_array_index (data->ids, index), NULL);
}

static void
open_escalate_dialog (TocsinAlertsPage *self,
                      GPtrArray        *alerts)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *heading = alerts->len == 1 ? g_strdup (_("Escalate Alert"))
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Escalate %u Alert", "Escalate %u Alerts", alerts->len), alerts->len);
  EscalateData *data = g_rc_box_new0 (EscalateData);
  AdwMessageDialog *dialog;
  DialogData *dialog_data;

  data->names = gtk_string_list_new (NULL);
  data->ids = g_ptr_array_new_with_free_func (g_free);
  data->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (data->names)), NULL));
  data->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (data->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (data->status), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Escalation policy"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->dropdown));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->status));
  g_object_set_data_full (G_OBJECT (box), "tocsin-escalate", g_rc_box_acquire (data),
                          (GDestroyNotify) escalate_data_release);

  dialog = action_dialog_new (self, alerts, heading, _("Hand the alert to an escalation policy of one of the teams."),
                              "escalate", _("_Escalate"), box, escalate_done);
  g_set_weak_pointer (&data->dialog, dialog);
  dialog_data = g_object_get_data (G_OBJECT (dialog), "tocsin-dialog-data");

  data->pending = 1;
  escalate_update (data);
  tocsin_alert_api_list_teams_async (tocsin_alert_monitor_get_client (self->monitor), dialog_data->cancellable,
                                     teams_cb, data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static TocsinAlertAction
action_from_name (const char *name)
{
  if (g_str_equal (name, "alerts.acknowledge"))
    return TOCSIN_ALERT_ACTION_ACKNOWLEDGE;
  if (g_str_equal (name, "alerts.unacknowledge"))
    return TOCSIN_ALERT_ACTION_UNACKNOWLEDGE;
  if (g_str_equal (name, "alerts.close"))
    return TOCSIN_ALERT_ACTION_CLOSE;
  if (g_str_equal (name, "alerts.snooze"))
    return TOCSIN_ALERT_ACTION_SNOOZE;
  if (g_str_equal (name, "alerts.add-note"))
    return TOCSIN_ALERT_ACTION_ADD_NOTE;
  if (g_str_equal (name, "alerts.assign"))
    return TOCSIN_ALERT_ACTION_ASSIGN;
  if (g_str_equal (name, "alerts.escalate"))
    return TOCSIN_ALERT_ACTION_ESCALATE;
  if (g_str_equal (name, "alerts.add-responder"))
    return TOCSIN_ALERT_ACTION_ADD_RESPONDER;
  return TOCSIN_ALERT_ACTION_SET_PRIORITY;
}

static void
alert_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);
  g_autoptr(GPtrArray) alerts = NULL;

  if (self->monitor == NULL)
    return;
  alerts = dup_selected_alerts (self);
  if (alerts->len == 0)
    return;

  switch (action_from_name (action_name))
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
    case TOCSIN_ALERT_ACTION_CLOSE:
      run_on_alerts (self, alerts, action_from_name (action_name), NULL, NULL);
      break;
    case TOCSIN_ALERT_ACTION_SNOOZE:
      open_snooze_dialog (self, alerts);
      break;
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      open_note_dialog (self, alerts);
      break;
    case TOCSIN_ALERT_ACTION_ASSIGN:
      open_assign_dialog (self, alerts);
      break;
    case TOCSIN_ALERT_ACTION_ESCALATE:
      open_escalate_dialog (self, alerts);
      break;
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      open_responder_dialog (self, alerts);
      break;
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
    default:
      if (parameter != NULL)
        run_on_alerts (self, alerts, TOCSIN_ALERT_ACTION_SET_PRIORITY, g_variant_get_string (parameter, NULL), NULL);
      else
        open_priority_dialog (self, alerts);
      break;
    }
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  if (self->monitor != NULL)
    tocsin_alert_monitor_refresh (self->monitor);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_list_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* Callbacks */

/* What "Assigned to me" keeps: the owner field as the API fills it (the
 * display name), or the account id should a server put that there. */
static GStrv
my_owner_names (TocsinAlertsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->account_id != NULL)
    g_strv_builder_add (builder, self->account_id);
  if (self->account_name != NULL)
    g_strv_builder_add (builder, self->account_name);
  return g_strv_builder_end (builder);
}

static void
set_owners (TocsinAlertsPage *self,
            gboolean          mine)
{
  g_auto(GStrv) owners = mine ? my_owner_names (self) : NULL;

  if (self->monitor != NULL)
    tocsin_alert_monitor_set_owners (self->monitor, (const char * const *) owners);
}

static void
on_search_changed_cb (TocsinAlertsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->syncing_query)
    return;
  /* "search-changed" comes late, also for the text a preset put there. */
  if (self->monitor != NULL && g_strcmp0 (text, tocsin_alert_monitor_get_query (self->monitor)) == 0)
    return;
  /* A typed search is a new search: no owner filter left over. */
  set_owners (self, FALSE);
  set_query (self, text);
}

static void
on_preset_toggled_cb (GtkToggleButton  *button,
                      TocsinAlertsPage *self)
{
  TocsinAlertPreset preset = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tocsin-preset"));
  g_autofree char *query = NULL;

  if (self->syncing_query || !gtk_toggle_button_get_active (button))
    return;

  query = tocsin_alert_preset_query (preset);
  set_owners (self, preset == TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME);
  set_query (self, query);
  sync_presets (self);
}

static void
on_column_view_activate_cb (TocsinAlertsPage *self,
                            guint             position)
{
  /* Stacked on a narrow window: activating a row opens its details. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "details");
}

static void
on_leaflet_folded_cb (TocsinAlertsPage *self)
{
  gtk_widget_set_visible (self->back_box, adw_leaflet_get_folded (self->leaflet));
}

static void
on_monitor_state_cb (TocsinAlertsPage *self)
{
  update_state (self);
  update_offline (self);
  update_truncated (self);
}

static void
on_monitor_count_cb (TocsinAlertsPage *self)
{
  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OPEN_UNACKNOWLEDGED_COUNT]);
}

static void
on_items_changed_cb (TocsinAlertsPage *self)
{
  update_selection (self);
  update_state (self);
}

static void
on_context_menu_key_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)) ||
      !gtk_widget_compute_bounds (focus, focus, &bounds))
    return;
  popup_context_menu (self, focus, bounds.size.width / 2, bounds.size.height / 2);
}

static void
follow_app_account (TocsinAlertsPage *self)
{
  GtkWindow *window = get_window (self);
  GtkApplication *app = window != NULL ? gtk_window_get_application (window) : NULL;
  g_autoptr(GObject) session = NULL;

  if (self->account_id_set || self->account_binding != NULL || app == NULL ||
      g_object_class_find_property (G_OBJECT_GET_CLASS (app), "auth-session") == NULL)
    return;

  g_object_get (app, "auth-session", &session, NULL);
  if (session == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (session), "account-id") == NULL)
    return;

  self->account_binding = g_object_bind_property (session, "account-id", self, "account-id",
                                                  G_BINDING_SYNC_CREATE);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (session), "account-name") != NULL)
    g_object_bind_property (session, "account-name", self, "account-name", G_BINDING_SYNC_CREATE);
  g_object_add_weak_pointer (G_OBJECT (self->account_binding), (gpointer *) &self->account_binding);
  /* Binding sets the property; that does not count as someone choosing it. */
  self->account_id_set = FALSE;
}

/* GtkWidget overrides */

static void
tocsin_alerts_page_root (GtkWidget *widget)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  GTK_WIDGET_CLASS (tocsin_alerts_page_parent_class)->root (widget);
  update_badge (self);
}

static void
tocsin_alerts_page_map (GtkWidget *widget)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  GTK_WIDGET_CLASS (tocsin_alerts_page_parent_class)->map (widget);
  follow_app_account (self);
  update_badge (self);
}

/* GObject overrides */

static void
tocsin_alerts_page_dispose (GObject *object)
{
  TocsinAlertsPage *self = (TocsinAlertsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->minute_source, g_source_remove);
  if (self->account_binding != NULL)
    g_binding_unbind (self->account_binding);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, NULL);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);

  /* AdwBin unparents its child itself; let it do so before the template
   * pointers are cleared. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOCSIN_TYPE_ALERTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);

  G_OBJECT_CLASS (tocsin_alerts_page_parent_class)->dispose (object);
}

static void
tocsin_alerts_page_finalize (GObject *object)
{
  TocsinAlertsPage *self = (TocsinAlertsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->time_cells, g_hash_table_unref);
  g_free (self->account_id);
  g_free (self->account_name);

  G_OBJECT_CLASS (tocsin_alerts_page_parent_class)->finalize (object);
}

static void
tocsin_alerts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    case PROP_OPEN_UNACKNOWLEDGED_COUNT:
      g_value_set_uint (value, tocsin_alerts_page_get_open_unacknowledged_count (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alerts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      tocsin_alerts_page_set_monitor (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_ID:
      tocsin_alerts_page_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_NAME:
      tocsin_alerts_page_set_account_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alerts_page_class_init (TocsinAlertsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tocsin_alerts_page_dispose;
  object_class->finalize = tocsin_alerts_page_finalize;
  object_class->get_property = tocsin_alerts_page_get_property;
  object_class->set_property = tocsin_alerts_page_set_property;

  widget_class->root = tocsin_alerts_page_root;
  widget_class->map = tocsin_alerts_page_map;

  properties [PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, TOCSIN_TYPE_ALERT_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OPEN_UNACKNOWLEDGED_COUNT] =
    g_param_spec_uint ("open-unacknowledged-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TOCSIN_TYPE_ALERT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-alerts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_open);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_unacknowledged);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_mine);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_high);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, preset_all);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, offline_bar);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, truncated_bar);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, truncated_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, back_box);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, details);
  gtk_widget_class_bind_template_child (widget_class, TocsinAlertsPage, alert_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_class_install_action (widget_class, selection_actions[i],
                                     g_str_equal (selection_actions[i], "alerts.set-priority") ? "s" : NULL,
                                     alert_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.show-list", NULL, show_list_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.context-menu", NULL, on_context_menu_key_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "alerts.acknowledge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, 0, "alerts.unacknowledge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "alerts.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "alerts.snooze", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "alerts.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "alerts.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "alerts.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "alerts.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "alerts.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "alerts.context-menu", NULL);
}

static void
tocsin_alerts_page_init (TocsinAlertsPage *self)
{
  GtkToggleButton *buttons[5];
  const TocsinAlertPreset presets[] = {
    TOCSIN_ALERT_PRESET_OPEN, TOCSIN_ALERT_PRESET_UNACKNOWLEDGED, TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME,
    TOCSIN_ALERT_PRESET_HIGH_PRIORITY, TOCSIN_ALERT_PRESET_ALL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  buttons[0] = self->preset_open;
  buttons[1] = self->preset_unacknowledged;
  buttons[2] = self->preset_mine;
  buttons[3] = self->preset_high;
  buttons[4] = self->preset_all;
  self->cancellable = g_cancellable_new ();
  self->time_cells = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_object_set_data (G_OBJECT (buttons[i]), "tocsin-preset", GINT_TO_POINTER (presets[i]));
      g_signal_connect (buttons[i], "toggled", G_CALLBACK (on_preset_toggled_cb), self);
    }

  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (update_selection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);

  self->context_menu = gtk_popover_menu_new_from_model (self->alert_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  self->minute_source = g_timeout_add_seconds (60, minute_cb, self);

  update_selection (self);
  update_state (self);
  sync_presets (self);
}

/* Public API */

TocsinAlertMonitor *
tocsin_alerts_page_get_monitor (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), NULL);
  return self->monitor;
}

void
tocsin_alerts_page_set_monitor (TocsinAlertsPage   *self,
                                TocsinAlertMonitor *monitor)
{
  g_return_if_fail (TOCSIN_IS_ALERTS_PAGE (self));
  g_return_if_fail (monitor == NULL || TOCSIN_IS_ALERT_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  self->shown_error = NULL;

  if (monitor != NULL)
    {
      const char * const state_props[] = { "notify::loading", "notify::error", "notify::offline",
                                           "notify::truncated", "notify::total", "notify::last-refresh",
                                           "notify::cached" };

      for (guint i = 0; i < G_N_ELEMENTS (state_props); i++)
        g_signal_connect_object (monitor, state_props[i], G_CALLBACK (on_monitor_state_cb), self,
                                 G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::query", G_CALLBACK (sync_presets), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::owners", G_CALLBACK (sync_presets), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::open-unacknowledged-count", G_CALLBACK (on_monitor_count_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (tocsin_alert_monitor_get_list (monitor)));
      tocsin_alert_details_set_client (self->details, tocsin_alert_monitor_get_client (monitor));
      /* Shown means wanted: keep it polling. */
      tocsin_alert_monitor_set_active (monitor, TRUE);
    }
  else
    {
      gtk_sort_list_model_set_model (self->sort_model, NULL);
      tocsin_alert_details_set_client (self->details, NULL);
    }

  sync_presets (self);
  on_monitor_state_cb (self);
  on_monitor_count_cb (self);
  update_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MONITOR]);
}

const char *
tocsin_alerts_page_get_account_id (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), NULL);
  return self->account_id;
}

void
tocsin_alerts_page_set_account_id (TocsinAlertsPage *self,
                                   const char       *account_id)
{
  g_return_if_fail (TOCSIN_IS_ALERTS_PAGE (self));

  self->account_id_set = TRUE;
  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  /* "Assigned to me" follows the account. */
  if (self->monitor != NULL && tocsin_alert_monitor_get_owners (self->monitor) != NULL)
    set_owners (self, self->account_id != NULL && *self->account_id != '\0');
  sync_presets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_ID]);
}

const char *
tocsin_alerts_page_get_account_name (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), NULL);
  return self->account_name;
}

void
tocsin_alerts_page_set_account_name (TocsinAlertsPage *self,
                                     const char       *account_name)
{
  g_return_if_fail (TOCSIN_IS_ALERTS_PAGE (self));

  if (g_strcmp0 (self->account_name, account_name) == 0)
    return;
  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  if (self->monitor != NULL && tocsin_alert_monitor_get_owners (self->monitor) != NULL)
    set_owners (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_NAME]);
}

guint
tocsin_alerts_page_get_open_unacknowledged_count (TocsinAlertsPage *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), 0);
  return self->monitor != NULL ? tocsin_alert_monitor_get_open_unacknowledged_count (self->monitor) : 0;
}

/**
 * tocsin_alerts_page_select_alert:
 *
 * Selects the alert with @alert_id, as when the user opens it from a
 * notification, and shows its details. Returns %FALSE when the current list
 * does not hold it (another query, or closed meanwhile).
 */
gboolean
tocsin_alerts_page_select_alert (TocsinAlertsPage *self,
                                 const char       *alert_id)
{
  GListModel *model;
  guint n_items;

  g_return_val_if_fail (TOCSIN_IS_ALERTS_PAGE (self), FALSE);
  g_return_val_if_fail (alert_id != NULL, FALSE);

  model = G_LIST_MODEL (self->selection);
  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (model, i);

      if (g_strcmp0 (tocsin_alert_get_id (alert), alert_id) != 0)
        continue;

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
      on_column_view_activate_cb (self, i);
      return TRUE;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("That alert is not in the current list.")));
  return FALSE;
}
