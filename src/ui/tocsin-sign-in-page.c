/* tocsin-sign-in-page.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sign-in-page"

#include "config.h"

#include "tocsin-sign-in-page.h"

struct _TocsinSignInPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (TocsinSignInPage, tocsin_sign_in_page, ADW_TYPE_BIN)

static void
tocsin_sign_in_page_class_init (TocsinSignInPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-sign-in-page.ui");
}

static void
tocsin_sign_in_page_init (TocsinSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
