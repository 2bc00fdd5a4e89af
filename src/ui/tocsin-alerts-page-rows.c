/* tocsin-alerts-page-rows.c: the alerts list's rows, a screenful per frame
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alerts-page"

#include "config.h"

#include "tocsin-alerts-page-private.h"

/* Rows a screenful at a time.
 *
 * GTK 4.8's column view makes a row widget for up to 200 items whether they
 * are on screen or not, and each row (nine cells of text to shape, measure
 * and draw) costs about 2M instructions. A list that fills at once (the
 * cached start, a first refresh) would spend its first frame on rows nobody
 * sees. So the view is shown a
 * screenful first and ROWS_PER_FRAME more each frame after (about 20 ms of
 * work), until it shows them all. */
#define ROWS_PER_FRAME    10
#define ROWS_FIRST_MAX    40  /* a screenful on a tall screen */
#define ROW_HEIGHT        32  /* a line of text and the data table's padding */
#define ROWS_WITH_WIDGETS 200 /* GTK 4.8 makes no more row widgets than this */

/* The rows the window's height holds, before the list is laid out. */
static guint
screenful_rows (TocsinAlertsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width, height = 0;

  if (GTK_IS_WINDOW (root))
    {
      height = gtk_widget_get_height (GTK_WIDGET (root));
      if (height <= 0)
        gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    }
  return height > 0 ? CLAMP ((guint) height / ROW_HEIGHT + 1, ROWS_PER_FRAME, ROWS_FIRST_MAX)
                    : ROWS_FIRST_MAX;
}

/* A list arriving, not painted yet: a screenful for its first frame. */
void
_tocsin_alerts_page_size_first_rows (TocsinAlertsPage *self)
{
  if (self->grow_rows_id != 0 && !self->rows_painted)
    gtk_slice_list_model_set_size (self->rows, MIN (gtk_slice_list_model_get_size (self->rows),
                                                    screenful_rows (self)));
}

void
_tocsin_alerts_page_show_all_rows (TocsinAlertsPage *self)
{
  if (self->grow_rows_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->grow_rows_id);
  self->grow_rows_id = 0;
  gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
}

static gboolean
grow_rows_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  TocsinAlertsPage *self = user_data;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint size = gtk_slice_list_model_get_size (self->rows) + ROWS_PER_FRAME;

  /* Ticks come before a frame's layout: the first lets its frame paint the
   * first screenful. */
  if (!self->rows_painted)
    {
      self->rows_painted = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (size >= MIN (n_items, ROWS_WITH_WIDGETS))
    {
      self->grow_rows_id = 0;
      gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->rows, size);
  return G_SOURCE_CONTINUE;
}

static void
on_sorted_items_changed_cb (TocsinAlertsPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  if (n_items == 0)
    {
      /* Empty: the next list to arrive starts with a screenful again. */
      _tocsin_alerts_page_show_all_rows (self);
      gtk_slice_list_model_set_size (self->rows, ROWS_FIRST_MAX);
    }
  else if (gtk_slice_list_model_get_size (self->rows) < n_items && self->grow_rows_id == 0)
    {
      self->rows_painted = FALSE;
      self->grow_rows_id =
        gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), grow_rows_cb, self, NULL);
      _tocsin_alerts_page_size_first_rows (self);
    }
}

/* The view shows the sorted list through self->rows. */
void
_tocsin_alerts_page_init_rows (TocsinAlertsPage *self)
{
  self->rows =
    gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)), 0, ROWS_FIRST_MAX);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_sorted_items_changed_cb), self, G_CONNECT_SWAPPED);
}
