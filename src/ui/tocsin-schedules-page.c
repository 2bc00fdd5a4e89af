/* tocsin-schedules-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedules-page"

#include "config.h"

#include "tocsin-schedules-page.h"

struct _TocsinSchedulesPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (TocsinSchedulesPage, tocsin_schedules_page, ADW_TYPE_BIN)

static void
tocsin_schedules_page_class_init (TocsinSchedulesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-schedules-page.ui");
}

static void
tocsin_schedules_page_init (TocsinSchedulesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
