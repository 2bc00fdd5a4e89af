/* tocsin-alerts-page-cells.c: the alerts list's cells and sorters
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alerts-page"

#include "config.h"

#include "tocsin-alerts-page-private.h"
#include "tocsin-ui-utils.h"
#include "tocsin-priority-badge.h"
#include "tocsin-clock.h"
#include "tocsin-date-utils.h"

/* The cells are built in code, not from GtkBuilderListItemFactory
 * templates: GTK 4.8 keeps up to 200 rows of nine cells, and a template
 * parsed for every cell, with an expression watch for each binding, cost
 * about a fifth of a row's start-up instructions. A cell listens to its
 * alert's notify and sets what it shows again; the setters skip what did
 * not change. */

typedef enum {
  CELL_PRIORITY,
  CELL_TINY_ID,
  CELL_MESSAGE,
  CELL_STATUS,
  CELL_OWNER,
  CELL_COUNT,
  CELL_TAGS,
  CELL_CREATED,
  CELL_UPDATED,
} CellKind;

/* A cell widget's CellKind, and its GtkListItem (for the view's right
 * click, which picks a cell). */
static GQuark cell_kind_quark;
static GQuark cell_item_quark;

static char *
join_tags (const char * const *tags)
{
  return tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
}

/* A time as how long ago; in full in the tooltip, and so for a screen
 * reader too. */
static void
set_time_text (GtkWidget *label,
               GDateTime *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = tocsin_date_format_relative (time, now);
  g_autofree char *full = tocsin_date_format_absolute (time, tocsin_date_get_clock_format ());

  set_label_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, full,
                                  -1);
}

static void
update_cell (GtkWidget   *cell,
             TocsinAlert *alert)
{
  CellKind         kind = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (cell), cell_kind_quark));
  g_autofree char *text = NULL;

  if (kind == CELL_PRIORITY)
    {
      tocsin_priority_badge_set_priority (TOCSIN_PRIORITY_BADGE (cell),
                                          tocsin_alert_get_priority (alert));
      tocsin_priority_badge_set_pending (TOCSIN_PRIORITY_BADGE (cell),
                                         tocsin_alert_get_pending (alert));
      return;
    }

  /* Dimmed while an action is pending. */
  set_css_class (cell, "dim-label", tocsin_alert_get_pending (alert));

  switch (kind)
    {
    case CELL_TINY_ID:
      set_label_text (cell, tocsin_alert_get_tiny_id (alert));
      break;
    case CELL_MESSAGE:
      set_label_text (cell, tocsin_alert_get_message (alert));
      break;
    case CELL_STATUS:
      set_label_text (cell, tocsin_ui_alert_state_label (tocsin_alert_get_state (alert)));
      set_css_class (cell, "heading", tocsin_alert_get_state (alert) == TOCSIN_ALERT_STATE_OPEN);
      break;
    case CELL_OWNER:
      set_label_text (cell, tocsin_alert_get_owner (alert));
      break;
    case CELL_COUNT:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, tocsin_alert_get_count (alert));
      set_label_text (cell, text);
      break;
    case CELL_TAGS:
      text = join_tags (tocsin_alert_get_tags (alert));
      set_label_text (cell, text);
      break;
    case CELL_CREATED:
      set_time_text (cell, tocsin_alert_get_created_at (alert));
      break;
    case CELL_UPDATED:
      set_time_text (cell, tocsin_alert_get_updated_at (alert));
      break;
    case CELL_PRIORITY:
    default:
      g_assert_not_reached ();
    }
}

static void
on_alert_notify_cb (TocsinAlert *alert,
                    GParamSpec  *pspec,
                    GtkWidget   *cell)
{
  update_cell (cell, alert);
}

/* A relative time moves on with the shared clock's minute, while on
 * screen, and when shown again. */
static void
update_time_cell (GtkListItem *list_item)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  TocsinAlert *alert = gtk_list_item_get_item (list_item);

  if (cell != NULL && alert != NULL && gtk_widget_get_mapped (cell))
    update_cell (cell, alert);
}

/* Tooltips are asked for when the pointer rests on a cell, not set at
 * bind: on X11, GTK 4.8 asks the X server where the pointer is whenever a
 * shown widget's tooltip text is set, a round trip a cell. */
static gboolean
on_query_tooltip_cb (GtkWidget  *cell,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip)
{
  g_autofree char *text = _tocsin_alerts_page_dup_cell_tooltip (cell);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
new_cell (CellKind kind)
{
  GtkWidget *label;

  if (kind == CELL_PRIORITY)
    return tocsin_priority_badge_new ();

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_COUNT ? 1 : 0);
  if (kind == CELL_MESSAGE || kind == CELL_OWNER || kind == CELL_TAGS)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (kind == CELL_MESSAGE)
    gtk_label_set_width_chars (GTK_LABEL (label), 24);
  /* Numbers in tabular figures. */
  if (kind == CELL_TINY_ID || kind == CELL_COUNT)
    gtk_widget_add_css_class (label, "numeric");
  if (kind == CELL_MESSAGE || kind == CELL_OWNER || kind == CELL_TAGS || kind == CELL_CREATED ||
      kind == CELL_UPDATED)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
    }
  return label;
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  kind)
{
  GtkWidget *cell = new_cell (GPOINTER_TO_INT (kind));

  g_object_set_qdata (G_OBJECT (cell), cell_kind_quark, kind);
  g_object_set_qdata (G_OBJECT (cell), cell_item_quark, list_item);
  if (kind == GINT_TO_POINTER (CELL_CREATED) || kind == GINT_TO_POINTER (CELL_UPDATED))
    {
      g_signal_connect_object (tocsin_clock_get_default (), "minute", G_CALLBACK (update_time_cell),
                               list_item, G_CONNECT_SWAPPED);
      g_signal_connect_object (cell, "map", G_CALLBACK (update_time_cell), list_item,
                               G_CONNECT_SWAPPED);
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  TocsinAlert *alert = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  update_cell (cell, alert);
  g_signal_connect (alert, "notify", G_CALLBACK (on_alert_notify_cb), cell);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  TocsinAlert *alert = gtk_list_item_get_item (list_item);

  if (alert != NULL)
    g_signal_handlers_disconnect_by_func (alert, on_alert_notify_cb,
                                          gtk_list_item_get_child (list_item));
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  if (cell_kind_quark == 0)
    {
      cell_kind_quark = g_quark_from_static_string ("tocsin-alerts-page-cell-kind");
      cell_item_quark = g_quark_from_static_string ("tocsin-alerts-page-cell-item");
    }
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  gtk_column_view_column_set_factory (column, factory);
}

/* Sorters */

static char *
tags_text (gpointer            item,
           const char * const *tags)
{
  return join_tags (tags);
}

static int
state_number (gpointer         item,
              TocsinAlertState state)
{
  return (int) state;
}

static gint64
tiny_id_number (gpointer    item,
                const char *tiny_id)
{
  return tiny_id != NULL ? g_ascii_strtoll (tiny_id, NULL, 10) : 0;
}

/* Alerts without the time sort first. */
static gint64
time_number (gpointer   item,
             GDateTime *time)
{
  if (time == NULL)
    return G_MININT64;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* A sorter on what @func makes of @property. */
static void
set_closure_sorter (GtkColumnViewColumn *column,
                    gboolean             numeric,
                    GType                value_type,
                    GCallback            func,
                    const char          *property)
{
  GtkExpression *params[] = { gtk_property_expression_new (TOCSIN_TYPE_ALERT, NULL, property) };
  GtkExpression *expression = gtk_cclosure_expression_new (value_type, NULL, 1, params, func, NULL, NULL);
  g_autoptr(GtkSorter) sorter = NULL;

  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  gtk_column_view_column_set_sorter (column, sorter);
}

/* Private API */

void
_tocsin_alerts_page_init_columns (TocsinAlertsPage *self)
{
  g_assert (TOCSIN_IS_ALERTS_PAGE (self));

  set_cell_factory (self->priority_column, CELL_PRIORITY);
  set_cell_factory (self->tiny_id_column, CELL_TINY_ID);
  set_cell_factory (self->message_column, CELL_MESSAGE);
  set_cell_factory (self->status_column, CELL_STATUS);
  set_cell_factory (self->owner_column, CELL_OWNER);
  set_cell_factory (self->count_column, CELL_COUNT);
  set_cell_factory (self->tags_column, CELL_TAGS);
  set_cell_factory (self->created_column, CELL_CREATED);
  set_cell_factory (self->updated_column, CELL_UPDATED);

  /* The sorters that need no conversion are in the template. */
  set_closure_sorter (self->tiny_id_column, TRUE, G_TYPE_INT64, G_CALLBACK (tiny_id_number), "tiny-id");
  set_closure_sorter (self->status_column, TRUE, G_TYPE_INT, G_CALLBACK (state_number), "state");
  set_closure_sorter (self->tags_column, FALSE, G_TYPE_STRING, G_CALLBACK (tags_text), "tags");
  set_closure_sorter (self->created_column, TRUE, G_TYPE_INT64, G_CALLBACK (time_number), "created-at");
  set_closure_sorter (self->updated_column, TRUE, G_TYPE_INT64, G_CALLBACK (time_number), "updated-at");
}

/* The row a widget picked in the view belongs to, or
 * GTK_INVALID_LIST_POSITION when it is no cell (a header, the blank below
 * the rows). */
guint
_tocsin_alerts_page_cell_position (GtkWidget *picked)
{
  for (GtkWidget *widget = picked; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *list_item = g_object_get_qdata (G_OBJECT (widget), cell_item_quark);

      if (list_item != NULL)
        return gtk_list_item_get_position (list_item);
    }
  return GTK_INVALID_LIST_POSITION;
}

/* What a cell's tooltip says: the whole text of one that may be cut off,
 * the full date and time of a time; NULL for none. */
char *
_tocsin_alerts_page_dup_cell_tooltip (GtkWidget *cell)
{
  CellKind kind = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (cell), cell_kind_quark));
  GtkListItem *list_item = g_object_get_qdata (G_OBJECT (cell), cell_item_quark);
  TocsinAlert *alert = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
  g_autofree char *text = NULL;

  if (alert == NULL)
    return NULL;

  switch (kind)
    {
    case CELL_MESSAGE:
    case CELL_OWNER:
    case CELL_TAGS:
      text = g_strdup (gtk_label_get_text (GTK_LABEL (cell)));
      break;
    case CELL_CREATED:
      text = tocsin_date_format_absolute (tocsin_alert_get_created_at (alert),
                                          tocsin_date_get_clock_format ());
      break;
    case CELL_UPDATED:
      text = tocsin_date_format_absolute (tocsin_alert_get_updated_at (alert),
                                          tocsin_date_get_clock_format ());
      break;
    case CELL_PRIORITY:
    case CELL_TINY_ID:
    case CELL_STATUS:
    case CELL_COUNT:
    default:
      break;
    }
  return text != NULL && *text != '\0' ? g_steal_pointer (&text) : NULL;
}
