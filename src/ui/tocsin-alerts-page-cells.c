/* tocsin-alerts-page-cells.c: the closures of the alerts list's cells and sorters
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
#include "tocsin-time-label.h"

/* The cells are in tocsin-alerts-page.ui: GtkBuilderListItemFactory
 * templates that bind the alert's properties, through these closures where
 * a property needs a conversion. */

/* Closures */

static char *
join_tags (const char * const *tags)
{
  return tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
}

static char *
tags_text (gpointer            item,
           const char * const *tags)
{
  return join_tags (tags);
}

/* No tooltip for an empty cell. */
static char *
nonempty_or_null (gpointer    item,
                  const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
state_text (gpointer         item,
            TocsinAlertState state)
{
  return g_strdup (tocsin_ui_alert_state_label (state));
}

/* A cell's style classes: dimmed while an action is pending, numbers in
 * tabular figures (@kind "numeric"), an open alert's status in bold (@kind
 * "status"). */
static GStrv
cell_css_classes (gpointer          item,
                  gboolean          pending,
                  TocsinAlertState  state,
                  const char       *kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (pending)
    g_strv_builder_add (builder, "dim-label");
  if (g_strcmp0 (kind, "numeric") == 0)
    g_strv_builder_add (builder, "numeric");
  else if (g_strcmp0 (kind, "status") == 0 && state == TOCSIN_ALERT_STATE_OPEN)
    g_strv_builder_add (builder, "heading");
  return g_strv_builder_end (builder);
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

/* A sorter on what @func makes of @property; the sorters that need no
 * conversion are in the template. */
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
_tocsin_alerts_page_set_sorters (TocsinAlertsPage *self)
{
  g_assert (TOCSIN_IS_ALERTS_PAGE (self));


  set_closure_sorter (self->tiny_id_column, TRUE, G_TYPE_INT64, G_CALLBACK (tiny_id_number), "tiny-id");
  set_closure_sorter (self->status_column, TRUE, G_TYPE_INT, G_CALLBACK (state_number), "state");
  set_closure_sorter (self->tags_column, FALSE, G_TYPE_STRING, G_CALLBACK (tags_text), "tags");
  set_closure_sorter (self->created_column, TRUE, G_TYPE_INT64, G_CALLBACK (time_number), "created-at");
  set_closure_sorter (self->updated_column, TRUE, G_TYPE_INT64, G_CALLBACK (time_number), "updated-at");
}

/* After the template: the cells' closures. */
void
_tocsin_alerts_page_class_cells_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (TOCSIN_TYPE_ALERT);
  g_type_ensure (TOCSIN_TYPE_PRIORITY_BADGE);
  g_type_ensure (TOCSIN_TYPE_TIME_LABEL);

  gtk_widget_class_bind_template_callback (widget_class, tags_text);
  gtk_widget_class_bind_template_callback (widget_class, nonempty_or_null);
  gtk_widget_class_bind_template_callback (widget_class, state_text);
  gtk_widget_class_bind_template_callback (widget_class, cell_css_classes);
}
