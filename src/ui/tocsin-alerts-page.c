/* tocsin-alerts-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alerts-page"

#include "config.h"

#include "tocsin-alerts-page.h"

struct _TocsinAlertsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (TocsinAlertsPage, tocsin_alerts_page, ADW_TYPE_BIN)

static void
tocsin_alerts_page_class_init (TocsinAlertsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-alerts-page.ui");
}

static void
tocsin_alerts_page_init (TocsinAlertsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
