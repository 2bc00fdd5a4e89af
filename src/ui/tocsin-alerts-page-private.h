/* tocsin-alerts-page-private.h: what the files of TocsinAlertsPage share
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-alert-details.h"
#include "tocsin-alerts-page.h"
#include "tocsin-context.h"

G_BEGIN_DECLS

struct _TocsinAlertsPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *preset_open;
  GtkToggleButton     *preset_unacknowledged;
  GtkToggleButton     *preset_mine;
  GtkToggleButton     *preset_high;
  GtkToggleButton     *preset_all;
  GtkInfoBar          *offline_bar;
  GtkLabel            *offline_label;
  GtkInfoBar          *truncated_bar;
  GtkLabel            *truncated_label;
  AdwLeaflet          *leaflet;
  GtkStack            *content_stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *priority_column;
  GtkColumnViewColumn *tiny_id_column;
  GtkColumnViewColumn *message_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *count_column;
  GtkColumnViewColumn *tags_column;
  GtkColumnViewColumn *created_column;
  GtkColumnViewColumn *updated_column;
  GtkLabel            *count_label;
  GtkWidget           *back_box;
  AdwBin              *details_bin;
  GMenuModel          *alert_menu;
  TocsinAlertDetails  *details;         /* built when an alert is first selected */

  /* Owned */
  TocsinAlertMonitor  *monitor;
  GtkSortListModel    *sort_model;
  GtkSliceListModel   *rows;            /* what the view shows of sort_model */
  GtkMultiSelection   *selection;
  guint                grow_rows_id;    /* tick callback, 0 when all are shown */
  gboolean             rows_painted;    /* the first screenful, since it began */
  GtkWidget           *context_menu;    /* built when first shown */
  TocsinContext       *context;         /* nullable */
  char                *account_id;
  char                *account_name;
  GCancellable        *cancellable;     /* dies with the page */
  gboolean             syncing_query;
  const GError        *shown_error;     /* last refresh error shown as a toast */
};

/* tocsin-alerts-page.c */
void       _tocsin_alerts_page_show_toast          (TocsinAlertsPage *self,
                                                    const char       *text,
                                                    gboolean          failure);
GPtrArray *_tocsin_alerts_page_dup_selected_alerts (TocsinAlertsPage *self);

/* tocsin-alerts-page-cells.c */
void       _tocsin_alerts_page_init_columns        (TocsinAlertsPage *self);
guint      _tocsin_alerts_page_cell_position       (GtkWidget        *picked);
char      *_tocsin_alerts_page_dup_cell_tooltip    (GtkWidget        *cell);

/* tocsin-alerts-page-rows.c */
void       _tocsin_alerts_page_init_rows           (TocsinAlertsPage *self);
void       _tocsin_alerts_page_size_first_rows     (TocsinAlertsPage *self);
void       _tocsin_alerts_page_show_all_rows       (TocsinAlertsPage *self);

/* tocsin-alerts-page-actions.c */
void       _tocsin_alerts_page_class_actions_init  (GtkWidgetClass   *widget_class);
void       _tocsin_alerts_page_update_actions      (TocsinAlertsPage *self,
                                                    guint             n_selected);

G_END_DECLS
