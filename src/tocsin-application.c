/* tocsin-application.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-application-private.h"
#include "tocsin-autostart.h"
#include "tocsin-background-portal.h"
#include "tocsin-bench.h"
#include "tocsin-plain-text.h"

/* The app keeps the lifecycle: the command line, startup and shutdown,
 * tocsin:// links (open()), staying alive in the background, and the windows.
 * What they show is the TocsinContext's, handed to each window; the
 * actions are in tocsin-application-actions.c. */

G_DEFINE_FINAL_TYPE (TocsinApplication, tocsin_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Command-line option name -> settings key it overrides for this run. */
static const struct {
  const char *option;
  const char *key;
} override_options[] = {
  { "auth-url", "auth-base-url" },
  { "api-url", "api-base-url" },
  { "client-id", "client-id" },
  { "redirect-uri", "redirect-uri" },
};

static const GOptionEntry main_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start without a window and keep paging"), NULL },
  { "auth-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this authorization server for this run"), N_("URL") },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this API server for this run"), N_("URL") },
  { "client-id", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this OAuth client ID for this run"), N_("ID") },
  { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this callback URL for this run"), N_("URL") },
  { NULL }
};

TocsinWindow *
_tocsin_application_get_main_window (TocsinApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (tocsin_window_new (GTK_APPLICATION (self), self->context));
      tocsin_bench_watch_first_frame (window);
    }

  return TOCSIN_WINDOW (window);
}

void
_tocsin_application_add_toast (TocsinApplication *self,
                               const char        *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TOCSIN_IS_WINDOW (window))
    tocsin_window_add_toast (TOCSIN_WINDOW (window), tocsin_toast_new_plain (message));
}

/* While signed in with run-in-background on, closing the window leaves the
 * app running, so the monitors keep polling and the notifier keeps paging. */
static void
on_background_answered_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean allowed = FALSE;

  if (!tocsin_background_portal_request_finish (result, &allowed, &error))
    g_debug ("Could not ask to run in the background: %s", error->message);
  else if (!allowed)
    _tocsin_application_add_toast (
      self,
      _("Tocsin is not allowed to run in the background. Keep its window open to be paged."));
}

static void
update_hold (TocsinApplication *self)
{
  gboolean hold = self->context != NULL &&
                  tocsin_context_get_alert_monitor (self->context) != NULL &&
                  g_settings_get_boolean (self->settings, "run-in-background");

  if (hold == self->held)
    return;

  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));

  /* In Flatpak, running on without a window needs the Background portal. */
  if (hold && tocsin_background_portal_is_sandboxed () &&
      g_application_get_dbus_connection (G_APPLICATION (self)) != NULL)
    tocsin_background_portal_request_async (g_application_get_dbus_connection (G_APPLICATION (self)),
                                            _("Watching for on-call alerts"),
                                            g_settings_get_boolean (self->settings, "start-at-login"),
                                            NULL, on_background_answered_cb, g_object_ref (self));
}

/* The health notification is for when no window shows the banner. */
static void
on_windows_changed_cb (TocsinApplication *self,
                       GtkWindow         *window,
                       gpointer           user_data)
{
  tocsin_context_set_window_open (self->context,
                                  gtk_application_get_windows (GTK_APPLICATION (self)) != NULL);
}

/* page-for "auto" was just settled: the window says to what, and why. */
static void
on_page_for_chosen_cb (TocsinApplication *self,
                       int                chosen)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwToast *toast;

  if (!TOCSIN_IS_WINDOW (window))
    return;
  toast = adw_toast_new (chosen == TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS
                         ? _("Paging you for your on-call teams, as you are in a rotation")
                         : _("Paging you for every open alert, as you are in no rotation"));
  adw_toast_set_button_label (toast, _("C_hange"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_set_timeout (toast, 0);
  tocsin_window_add_toast (TOCSIN_WINDOW (window), toast);
}

static void
on_session_changed_cb (TocsinApplication *self)
{
  TocsinAuthSession *session = tocsin_context_get_auth_session (self->context);

  if (tocsin_auth_session_get_state (session) == TOCSIN_AUTH_STATE_SIGNED_IN)
    g_application_withdraw_notification (G_APPLICATION (self), "not-signed-in");
  _tocsin_application_update_actions (self);
}

static void
on_restored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A locked or missing keyring: say so on the sign-in page; the app stays
   * usable and signing in tells again what is wrong. */
  if (!tocsin_auth_session_restore_finish (TOCSIN_AUTH_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tocsin_context_set_sign_in_error (self->context, error);
  tocsin_context_end_cached_start (self->context, error == NULL);

  /* Started at login with nobody to page for: say so, once. */
  if (self->background_service &&
      tocsin_auth_session_get_state (TOCSIN_AUTH_SESSION (object)) != TOCSIN_AUTH_STATE_SIGNED_IN)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Tocsin Cannot Page You"));

      g_notification_set_body (notification, _("Nobody is signed in. Open Tocsin to sign in."));
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (G_APPLICATION (self), "not-signed-in", notification);
    }
}

/* GApplication overrides */

static int
tocsin_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "tocsin", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr(GError) error = NULL;

      /* Already running: it pages already, and must not open a window. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        return 0;
      self->start_hidden = TRUE;
      self->background_service = TRUE;
      g_application_hold (app);
    }

  for (guint i = 0; i < G_N_ELEMENTS (override_options); i++)
    {
      const char *value = NULL;

      if (g_variant_dict_lookup (options, override_options[i].option, "&s", &value))
        g_hash_table_insert (self->pending_overrides,
                             g_strdup (override_options[i].key),
                             g_strdup (value));
    }

  return -1;
}

/* The rotated sign-in could not reach the keyring: say so once, in the
 * window or, with none open, as a notification. */
static void
on_keyring_unsaved_cb (TocsinApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *message = _("Tocsin could not save your sign-in to the keyring: unlock it to stay "
                          "signed in after a restart");
  g_autoptr(GNotification) notification = NULL;

  if (!tocsin_auth_session_get_keyring_unsaved (tocsin_context_get_auth_session (self->context)))
    {
      g_application_withdraw_notification (G_APPLICATION (self), "keyring-unsaved");
      return;
    }

  if (TOCSIN_IS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      tocsin_window_add_toast (TOCSIN_WINDOW (window), toast);
      return;
    }

  notification = g_notification_new (_("Sign-In Not Saved"));
  g_notification_set_body (notification, message);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (G_APPLICATION (self), "keyring-unsaved", notification);
}

/* Start at login: an autostart entry, or inside Flatpak the Background
 * portal, which also covers running without a window. */
static void
update_autostart (TocsinApplication *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "start-at-login");
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (tocsin_background_portal_is_sandboxed ())
    {
      if (bus != NULL)
        tocsin_background_portal_request_async (bus, _("Watching for on-call alerts"), enabled, NULL,
                                                on_background_answered_cb, g_object_ref (self));
      return;
    }

  if (!tocsin_autostart_set_enabled (APP_ID, _("Tocsin"), enabled, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not change starting at login: %s"), error->message);

      _tocsin_application_add_toast (self, message);
    }
}

static void
create_context (TocsinApplication *self)
{
  TocsinAuthSession *session;

  self->context = tocsin_context_new (G_APPLICATION (self), self->settings, self->config);
  session = tocsin_context_get_auth_session (self->context);

  g_signal_connect_object (self->context, "notify::alert-monitor", G_CALLBACK (update_hold), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "page-for-chosen", G_CALLBACK (on_page_for_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_context_get_pause (self->context), "notify::paused",
                           G_CALLBACK (_tocsin_application_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (on_session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::current-site", G_CALLBACK (on_session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::keyring-unsaved", G_CALLBACK (on_keyring_unsaved_cb),
                           self, G_CONNECT_SWAPPED);
  on_session_changed_cb (self);
  update_hold (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTEXT]);
}

static void
tocsin_application_startup (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);
  GHashTableIter iter;
  gpointer key, value;

  G_APPLICATION_CLASS (tocsin_application_parent_class)->startup (app);

  _tocsin_application_init_actions (self);

  self->settings = g_settings_new (BASE_ID);
  self->config = tocsin_config_new (self->settings);

  g_hash_table_iter_init (&iter, self->pending_overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    tocsin_config_override (self->config, key, value);
  g_hash_table_remove_all (self->pending_overrides);

  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_hold), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::start-at-login", G_CALLBACK (update_autostart),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_after (self, "window-added", G_CALLBACK (on_windows_changed_cb), NULL);
  g_signal_connect_after (self, "window-removed", G_CALLBACK (on_windows_changed_cb), NULL);

  create_context (self);

  /* Tokens come from the keyring without blocking the window. */
  self->cancellable = g_cancellable_new ();
  tocsin_auth_session_restore_async (tocsin_context_get_auth_session (self->context),
                                     self->cancellable, on_restored_cb, g_object_ref (self));
}

static void
tocsin_application_activate (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  /* The activation that follows --background opens nothing; a later one
   * (the launcher, a notification) shows the window as usual. */
  if (self->start_hidden)
    {
      self->start_hidden = FALSE;
      return;
    }

  gtk_window_present (GTK_WINDOW (_tocsin_application_get_main_window (self)));
}

static void
tocsin_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  /* tocsin:// callbacks arrive here, also forwarded from a second process
   * started by the browser; the pending sign-in claims them. Anything else
   * just brings the window up. */
  tocsin_application_activate (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      if (!g_str_has_prefix (uri, "tocsin:"))
        continue;
      if (!tocsin_auth_session_handle_callback_uri (tocsin_context_get_auth_session (self->context),
                                                    uri))
        _tocsin_application_add_toast (
          self, _("This sign-in link does not belong to a sign-in in progress."));
    }
}

static void
tocsin_application_shutdown (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    tocsin_context_shutdown (self->context);

  G_APPLICATION_CLASS (tocsin_application_parent_class)->shutdown (app);
}

/* GObject overrides */

static void
tocsin_application_dispose (GObject *object)
{
  TocsinApplication *self = (TocsinApplication *)object;

  if (self->context != NULL)
    tocsin_context_shutdown (self->context);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->config);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tocsin_application_parent_class)->dispose (object);
}

static void
tocsin_application_finalize (GObject *object)
{
  TocsinApplication *self = (TocsinApplication *)object;

  g_clear_pointer (&self->pending_overrides, g_hash_table_unref);

  G_OBJECT_CLASS (tocsin_application_parent_class)->finalize (object);
}

static void
tocsin_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinApplication *self = TOCSIN_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_application_class_init (TocsinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tocsin_application_dispose;
  object_class->finalize = tocsin_application_finalize;
  object_class->get_property = tocsin_application_get_property;

  /* What the windows show, from startup on. */
  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TOCSIN_TYPE_CONTEXT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->handle_local_options = tocsin_application_handle_local_options;
  app_class->startup = tocsin_application_startup;
  app_class->activate = tocsin_application_activate;
  app_class->open = tocsin_application_open;
  app_class->shutdown = tocsin_application_shutdown;
}

static void
tocsin_application_init (TocsinApplication *self)
{
  self->pending_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[URI…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("See and act on your on-call alerts and schedules."));
}

TocsinApplication *
tocsin_application_new (void)
{
  return g_object_new (TOCSIN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/* The uninstalled build (demo, tests) points this at the build tree. */
const char *
tocsin_application_locale_dir (void)
{
  const char *dir = g_getenv ("TOCSIN_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

GSettings *
tocsin_application_get_settings (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->settings;
}

TocsinConfig *
tocsin_application_get_config (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->config;
}

/* Returns: (transfer none) (nullable): what the windows show, set from startup on */
TocsinContext *
tocsin_application_get_context (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->context;
}
