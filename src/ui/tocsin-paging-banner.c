/* tocsin-paging-banner.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-paging-banner"

#include "config.h"


#include "tocsin-paging-banner.h"
#include "tocsin-ui-utils.h"

/* Under the header bar: "The alarm is ringing" with Silence while the
 * alarm rings, and "Paging paused until 14:00" with Resume while paging is
 * paused (libadwaita 1.2 has no AdwBanner yet). */

struct _TocsinPagingBanner
{
  AdwBin             parent_instance;

  GtkRevealer       *alarm_revealer;
  GtkRevealer       *pause_revealer;
  GtkLabel          *pause_label;

  TocsinContext     *context;   /* borrowed: the context outlives its windows */
};

G_DEFINE_FINAL_TYPE (TocsinPagingBanner, tocsin_paging_banner, ADW_TYPE_BIN)

static void
update (TocsinPagingBanner *self)
{
  TocsinPause *pause = tocsin_context_get_pause (self->context);
  TocsinAlarm *alarm = tocsin_context_get_alarm (self->context);
  gboolean paused = pause != NULL && tocsin_pause_get_paused (pause);

  tocsin_ui_revealer_reveal (self->alarm_revealer,
                             alarm != NULL && tocsin_alarm_get_ringing (alarm));
  tocsin_ui_revealer_reveal (self->pause_revealer, paused);
  if (paused)
    {
      g_autofree char *text = tocsin_context_dup_pause_text (self->context);

      gtk_label_set_label (self->pause_label, text);
    }
}

static void
tocsin_paging_banner_class_init (TocsinPagingBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-paging-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinPagingBanner, alarm_revealer);
  gtk_widget_class_bind_template_child (widget_class, TocsinPagingBanner, pause_revealer);
  gtk_widget_class_bind_template_child (widget_class, TocsinPagingBanner, pause_label);
}

static void
tocsin_paging_banner_init (TocsinPagingBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tocsin_paging_banner_set_context (TocsinPagingBanner *self,
                                  TocsinContext      *context)
{
  g_return_if_fail (TOCSIN_IS_PAGING_BANNER (self));
  g_return_if_fail (TOCSIN_IS_CONTEXT (context));

  self->context = context;
  g_signal_connect_object (tocsin_context_get_pause (context), "notify::paused",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_context_get_pause (context), "notify::until", G_CALLBACK (update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_context_get_alarm (context), "notify::ringing",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}
