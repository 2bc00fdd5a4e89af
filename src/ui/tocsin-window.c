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
#include "tocsin-paging-banner.h"
#include "tocsin-plain-text.h"
#include "tocsin-health-notifier.h"
#include "tocsin-schedules-page.h"
#include "tocsin-sign-in-page.h"
#include "tocsin-window.h"
#include "tocsin-ui-utils.h"

struct _TocsinWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkMenuButton        *site_button;
  TocsinPagingBanner   *paging_banner;
  GtkRevealer          *health_revealer;
  GtkLabel             *health_label;

  TocsinSignInPage     *sign_in_page;
  GtkWidget            *alerts_page;     /* NULL until first signed in */
  AdwBin               *schedules_bin;   /* holds the page once first shown */
  AdwViewStackPage     *schedules_stack_page;
  GSignalGroup         *schedule_list_signals;

  GSettings            *settings;
  TocsinContext        *context;
  GMenu                *site_menu;
  TocsinPagingWatcher  *watcher;
  gboolean              signed_in;
};

G_DEFINE_FINAL_TYPE (TocsinWindow, tocsin_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
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

/* The context's state decides the page: signed in (and a site chosen) shows
 * the alerts and schedules, and so does the cached start before the keyring
 * answers; everything else the sign-in page. */
static void
update_signed_in (TocsinWindow *self)
{
  TocsinAuthSession *session = tocsin_context_get_auth_session (self->context);

  tocsin_window_set_signed_in (self, tocsin_context_get_cached_start (self->context) ||
                                       (tocsin_auth_session_get_state (session) ==
                                          TOCSIN_AUTH_STATE_SIGNED_IN &&
                                        !tocsin_context_get_choosing_site (self->context)));
}

static void
update_site_menu (TocsinWindow *self)
{
  TocsinAuthSession *session = tocsin_context_get_auth_session (self->context);
  GListModel *sites = tocsin_auth_session_get_sites (session);
  guint n_sites = g_list_model_get_n_items (sites);

  g_menu_remove_all (self->site_menu);
  for (guint i = 0; i < n_sites; i++)
    {
      g_autoptr(TocsinSite) site = g_list_model_get_item (sites, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (tocsin_site_get_name (site) != NULL ? tocsin_site_get_name (site)
                                                                  : tocsin_site_get_id (site), NULL);
      g_menu_item_set_action_and_target (item, "app.site", "s", tocsin_site_get_id (site));
      g_menu_append_item (self->site_menu, item);
    }

  /* A switcher only makes sense with something to switch to. */
  gtk_widget_set_visible (GTK_WIDGET (self->site_button), self->signed_in && n_sites > 1);
}

/* Coming back to the window is when the user wants current alerts; a
 * refresh from the last few seconds is current enough. */
static void
on_is_active_cb (TocsinWindow *self)
{
  TocsinAlertMonitor *monitor = tocsin_context_get_alert_monitor (self->context);

  if (monitor != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    tocsin_alert_monitor_refresh_if_stale (monitor, 10);
}

/* The banner: why Tocsin may miss alerts, with Retry; hidden while live. */
static void
update_health (TocsinWindow *self)
{
  g_autofree char *text = NULL;
  const GError *error;

  if (self->watcher != NULL)
    text = tocsin_health_describe (tocsin_paging_watcher_get_health (self->watcher),
                                   tocsin_paging_watcher_get_stale_since (self->watcher));
  if (text != NULL)
    {
      error = tocsin_alert_monitor_get_error (tocsin_paging_watcher_get_monitor (self->watcher));
      if (error != NULL)
        {
          /* Translators: the health banner: why Tocsin may miss alerts, then the error */
          g_autofree char *reason = g_strdup_printf (C_("health banner", "%s — %s"), text, error->message);

          g_free (text);
          text = g_steal_pointer (&reason);
        }
      gtk_label_set_text (self->health_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->health_label), text);
    }
  tocsin_ui_revealer_reveal (self->health_revealer, text != NULL);
}

static void
on_paging_watcher_cb (TocsinWindow *self)
{
  TocsinPagingWatcher *watcher = tocsin_context_get_paging_watcher (self->context);

  if (self->watcher != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watcher, self);
      g_signal_handlers_disconnect_by_data (tocsin_paging_watcher_get_monitor (self->watcher), self);
    }
  g_set_object (&self->watcher, watcher);
  if (watcher != NULL)
    {
      g_signal_connect_object (watcher, "notify::health", G_CALLBACK (update_health), self, G_CONNECT_SWAPPED);
      /* The reason may come after the threshold (retries take a while). */
      g_signal_connect_object (tocsin_paging_watcher_get_monitor (watcher), "notify::error",
                               G_CALLBACK (update_health), self, G_CONNECT_SWAPPED);
    }
  update_health (self);
}

/* win.toast: a plain-text toast, for pages that cannot reach the window. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TocsinWindow *self = TOCSIN_WINDOW (widget);

  tocsin_window_add_toast (self, tocsin_toast_new_plain (g_variant_get_string (parameter, NULL)));
}

static AdwViewStackPage *
add_page (TocsinWindow *self,
          GtkWidget    *page,
          const char   *name,
          const char   *title,
          const char   *icon_name)
{
  AdwViewStackPage *stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);

  adw_view_stack_page_set_use_underline (stack_page, TRUE);
  adw_view_stack_page_set_icon_name (stack_page, icon_name);
  return stack_page;
}

/* "On call until Tue 09:00" under the title (shown when the switcher moves
 * to the bottom bar), and a dot on the Schedules tab while on call: from the
 * schedules themselves, so they show before the page is built. */
static void
update_on_call (TocsinWindow *self)
{
  TocsinScheduleList *list = g_signal_group_dup_target (self->schedule_list_signals);
  const char *summary = list != NULL ? tocsin_schedule_list_get_summary (list) : NULL;

  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        summary != NULL && *summary != '\0' ? summary : NULL);
  adw_view_stack_page_set_needs_attention (self->schedules_stack_page,
                                           list != NULL && tocsin_schedule_list_get_on_call (list));
  g_clear_object (&list);
}

static void
on_schedule_monitor_cb (TocsinWindow *self)
{
  TocsinScheduleMonitor *monitor = tocsin_context_get_schedule_monitor (self->context);

  g_signal_group_set_target (self->schedule_list_signals,
                             monitor != NULL ? tocsin_schedule_monitor_get_model (monitor) : NULL);
  update_on_call (self);
}

/* The schedules page is built the first time it is shown: a start that
 * shows only the alerts pays nothing for it. */
static void
on_visible_page_cb (TocsinWindow *self)
{
  GtkWidget *page;

  if (adw_bin_get_child (self->schedules_bin) != NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "schedules") != 0)
    return;
  page = g_object_new (TOCSIN_TYPE_SCHEDULES_PAGE, "context", self->context, NULL);
  adw_bin_set_child (self->schedules_bin, page);
}

/* The alerts page and the schedules tab come the first time the window is
 * signed in: signed out, start-up pays neither for them nor their icons. */
static void
ensure_pages (TocsinWindow *self)
{
  if (self->alerts_page != NULL)
    return;

  self->alerts_page = g_object_new (TOCSIN_TYPE_ALERTS_PAGE, "context", self->context, NULL);
  add_page (self, self->alerts_page, "alerts", _("_Alerts"), "dialog-warning-symbolic");
  self->schedules_bin = ADW_BIN (adw_bin_new ());
  self->schedules_stack_page = add_page (self, GTK_WIDGET (self->schedules_bin), "schedules",
                                         _("_Schedules"), "x-office-calendar-symbolic");
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_cb), self, G_CONNECT_SWAPPED);
  if (self->context != NULL)
    {
      g_signal_connect_object (self->context, "notify::schedule-monitor",
                               G_CALLBACK (on_schedule_monitor_cb), self, G_CONNECT_SWAPPED);
      on_schedule_monitor_cb (self);
    }
  on_visible_page_cb (self);
}

/* Built the first time the window is signed out: a start signed in (from
 * the cache) does not pay for it. Built in code, not in the template, to be
 * built with the context. */
static void
ensure_sign_in_page (TocsinWindow *self)
{
  if (self->sign_in_page != NULL)
    return;

  self->sign_in_page = tocsin_sign_in_page_new (self->context);
  gtk_stack_add_titled (self->main_stack, GTK_WIDGET (self->sign_in_page), "signed-out",
                        _("Signed Out"));
}

static void
bind_context (TocsinWindow *self)
{
  TocsinAuthSession *session = tocsin_context_get_auth_session (self->context);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);
  tocsin_paging_banner_set_context (self->paging_banner, self->context);
  g_signal_connect_object (self->context, "notify::paging-watcher",
                           G_CALLBACK (on_paging_watcher_cb), self, G_CONNECT_SWAPPED);
  on_paging_watcher_cb (self);

  g_signal_connect_object (session, "notify::state", G_CALLBACK (update_signed_in), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::choosing-site", G_CALLBACK (update_signed_in),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::cached-start", G_CALLBACK (update_signed_in),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_auth_session_get_sites (session), "items-changed",
                           G_CALLBACK (update_site_menu), self, G_CONNECT_SWAPPED);
  update_signed_in (self);
  update_site_menu (self);
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
  if (self->context != NULL)
    bind_context (self);
  if (!self->signed_in)
    {
      ensure_sign_in_page (self);
      gtk_stack_set_visible_child_name (self->main_stack, "signed-out");
    }
}

static void
tocsin_window_dispose (GObject *object)
{
  TocsinWindow *self = (TocsinWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->site_menu);
  g_clear_object (&self->schedule_list_signals);
  if (self->watcher != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watcher, self);
      g_signal_handlers_disconnect_by_data (tocsin_paging_watcher_get_monitor (self->watcher), self);
    }
  g_clear_object (&self->watcher);
  g_clear_object (&self->context);

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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

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
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

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

  /* What the window shows; without one (tests), only what is set on it. */
  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TOCSIN_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, site_button);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, paging_banner);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, health_revealer);
  gtk_widget_class_bind_template_child (widget_class, TocsinWindow, health_label);
  gtk_widget_class_bind_template_callback (widget_class, update_switchers);

  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
}

static void
tocsin_window_init (TocsinWindow *self)
{
  g_type_ensure (TOCSIN_TYPE_PAGING_BANNER);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->site_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->site_button, G_MENU_MODEL (self->site_menu));

  self->schedule_list_signals = g_signal_group_new (TOCSIN_TYPE_SCHEDULE_LIST);
  g_signal_group_connect_swapped (self->schedule_list_signals, "notify::summary",
                                  G_CALLBACK (update_on_call), self);
  g_signal_group_connect_swapped (self->schedule_list_signals, "notify::on-call",
                                  G_CALLBACK (update_on_call), self);
}

TocsinWindow *
tocsin_window_new (GtkApplication *application,
                   TocsinContext  *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (context), NULL);

  return g_object_new (TOCSIN_TYPE_WINDOW, "application", application, "context", context, NULL);
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
  if (signed_in)
    ensure_pages (self);
  else
    ensure_sign_in_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, signed_in ? "signed-in" : "signed-out");
  update_switchers (self);
  if (self->context != NULL)
    update_site_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_IN]);
}

/* Brings up the alerts page with @alert_id selected (from a notification). */
void
tocsin_window_show_alert (TocsinWindow *self,
                          const char   *alert_id)
{
  g_return_if_fail (TOCSIN_IS_WINDOW (self));
  g_return_if_fail (alert_id != NULL);

  if (!self->signed_in)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "alerts");
  tocsin_alerts_page_select_alert (TOCSIN_ALERTS_PAGE (self->alerts_page), alert_id);
}
