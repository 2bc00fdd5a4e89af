/* bench-bare-window.c: the floor for the start-up and memory benchmarks
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a libadwaita app shows: a header bar and a status page with
 * Tocsin's own SVG icon (from the same resources), so icon loading costs
 * the same here. Started and timed like Tocsin, through tocsin-bench.c.
 */

#include "config.h"

#include <adwaita.h>

#include "tocsin-bench.h"

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "io.github.tocsin.Tocsin-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare window");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  /* The size Tocsin opens at by default. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  tocsin_bench_watch_first_frame (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  /* Tocsin's resources are compiled in; its icons are under this path. */
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", "io.github.tocsin.TocsinBenchBare",
                      "resource-base-path", "/io/github/tocsin/Tocsin",
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
