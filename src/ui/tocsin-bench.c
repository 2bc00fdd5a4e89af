/* tocsin-bench.c: the start-up hook of ./build-aux/dev bench
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With TOCSIN_BENCH_FIRST_FRAME set, the first "after-paint" of the window
 * prints the monotonic clock (the runner took it just before exec) and the
 * resident memory, then quits. Set to "rows", it waits for the first paint
 * that shows a list with rows in it (a mapped GtkColumnView with items). The bare baseline window
 * of tests/bench uses the same file, so both are measured the same way. No strings for users.
 * With TOCSIN_BENCH_EXIT also set, it exits right there instead of quitting, so a
 * run under callgrind counts the instructions up to that frame and no more.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tocsin-bench.h"

gsize
tocsin_bench_read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  return line != NULL ? g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10) : 0;
}

static gboolean
shows_rows (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (widget));

      return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_rows (child))
      return TRUE;
  return FALSE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  GApplication *app = g_application_get_default ();

  if (g_strcmp0 (g_getenv ("TOCSIN_BENCH_FIRST_FRAME"), "rows") == 0 &&
      !shows_rows (GTK_WIDGET (window)))
    return;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  printf ("tocsin-bench first-frame-us %" G_GINT64_FORMAT " rss-kb %" G_GSIZE_FORMAT "\n",
          g_get_monotonic_time (), tocsin_bench_read_rss_kb ());
  fflush (stdout);
  if (g_getenv ("TOCSIN_BENCH_EXIT") != NULL)
    _exit (0);
  if (app != NULL)
    g_application_quit (app);
  else
    gtk_window_destroy (window);
}

static void
on_realize_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_after_paint_cb), widget, 0);
}

void
tocsin_bench_watch_first_frame (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("TOCSIN_BENCH_FIRST_FRAME") == NULL)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}
