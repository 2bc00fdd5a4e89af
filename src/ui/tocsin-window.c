/* tocsin-window.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alerts-page.h"
#include "tocsin-schedules-page.h"
#include "tocsin-sign-in-page.h"
#include "tocsin-window.h"

struct _TocsinWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;

  GSettings            *settings;
  gboolean              signed_in;
};

G_DEFINE_FINAL_TYPE (TocsinWindow, tocsin_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The bottom switcher bar takes over when the header bar is too narrow for the
 * switcher; neither shows while signed out, as there is nothing to switch. */
static void
update_switchers (TocsinWindow *self)
{
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->signed_in);
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    self->signed_in &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
restore_window_state (TocsinWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
tocsin_window_close_request (GtkWindow *window)
{
  TocsinWindow *self = TOCSIN_WINDOW (window);
  int width, height;

  /* The default size tracks the unmaximized size in GTK 4. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (tocsin_window_parent_class)->close_request (window);
}

static void
tocsin_window_constructed (GObject *object)
{
  TocsinWindow *self = TOCSIN_WINDOW (object);

  G_OBJECT_CLASS (tocsin_window_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_ID);
  restore_window_state (self);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_switchers (self);
}

static void
tocsin_window_dispose (GObject *object)
{
  TocsinWindow *self = (TocsinWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tocsin_window_parent_class)->dispose (object);
}

static void
tocsin_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TocsinWindow *self = TOCSIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->signed_in);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TocsinWindow *self = TOCSIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      tocsin_window_set_signed_in (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_window_class_init (TocsinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tocsin_window_constructed;
  object_class->dispose = tocsin_window_dispose;
  object_class->get_property = tocsin_window_get_property;
  object_class->set_property = tocsin_window_set_property;

  window_class->close_request = tocsin_window_close_request;

  properties [PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, update_switchers);
}

static void
tocsin_window_init (TocsinWindow *self)
{
  g_type_ensure (TOCSIN_TYPE_ALERTS_PAGE);
  g_type_ensure (TOCSIN_TYPE_SCHEDULES_PAGE);
  g_type_ensure (TOCSIN_TYPE_SIGN_IN_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));
}

TocsinWindow *
tocsin_window_new (TocsinApplication *application)
{
  return g_object_new (TOCSIN_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
tocsin_window_add_toast (TocsinWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (TOCSIN_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
tocsin_window_get_signed_in (TocsinWindow *self)
{
  g_return_val_if_fail (TOCSIN_IS_WINDOW (self), FALSE);

  return self->signed_in;
}

void
tocsin_window_set_signed_in (TocsinWindow *self,
                             gboolean      signed_in)
{
  g_return_if_fail (TOCSIN_IS_WINDOW (self));

  signed_in = !!signed_in;
  if (self->signed_in == signed_in)
    return;

  self->signed_in = signed_in;
  gtk_stack_set_visible_child_name (self->main_stack, signed_in ? "signed-in" : "signed-out");
  update_switchers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_IN]);
}
