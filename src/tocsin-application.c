/* tocsin-application.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-application.h"
#include "tocsin-preferences-window.h"
#include "tocsin-window.h"

struct _TocsinApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TocsinConfig   *config;

  /* Command-line overrides, kept until startup creates the config. */
  GHashTable     *pending_overrides;
};

G_DEFINE_FINAL_TYPE (TocsinApplication, tocsin_application, ADW_TYPE_APPLICATION)

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
  { "auth-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this authorization server for this run"), N_("URL") },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this API server for this run"), N_("URL") },
  { "client-id", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this OAuth client ID for this run"), N_("ID") },
  { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this callback URL for this run"), N_("URL") },
  { NULL }
};

static TocsinWindow *
get_main_window (TocsinApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (tocsin_window_new (self));

  return TOCSIN_WINDOW (window);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TocsinApplication *self = user_data;
  GtkWindow *preferences;

  preferences = GTK_WINDOW (tocsin_preferences_window_new (self->settings));
  gtk_window_set_transient_for (preferences, GTK_WINDOW (get_main_window (self)));
  gtk_window_present (preferences);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TocsinApplication *self = user_data;
  static const char *developers[] = { "The Tocsin authors", NULL };

  adw_show_about_window (GTK_WINDOW (get_main_window (self)),
                         "application-name", _("Tocsin"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "The Tocsin authors",
                         "developers", developers,
                         "comments", _("On-call alerts and schedules from Jira Service Management Operations"),
                         "website", "https://github.com/tocsin/tocsin",
                         "issue-url", "https://github.com/tocsin/tocsin/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Tocsin authors",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_window_add_toast (get_main_window (self),
                           adw_toast_new (_("Sign-in is not available in this build yet")));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "sign-in", sign_in_action },
};

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

static void
tocsin_application_startup (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  GHashTableIter iter;
  gpointer key, value;

  G_APPLICATION_CLASS (tocsin_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (BASE_ID);
  self->config = tocsin_config_new (self->settings);

  g_hash_table_iter_init (&iter, self->pending_overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    tocsin_config_override (self->config, key, value);
  g_hash_table_remove_all (self->pending_overrides);
}

static void
tocsin_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_main_window (TOCSIN_APPLICATION (app))));
}

static void
tocsin_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  /* tocsin:// callbacks arrive here; the sign-in flow claims them. Anything
   * else just brings the window up. */
  tocsin_application_activate (app);
}

/* GObject overrides */

static void
tocsin_application_dispose (GObject *object)
{
  TocsinApplication *self = (TocsinApplication *)object;

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
tocsin_application_class_init (TocsinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tocsin_application_dispose;
  object_class->finalize = tocsin_application_finalize;

  app_class->handle_local_options = tocsin_application_handle_local_options;
  app_class->startup = tocsin_application_startup;
  app_class->activate = tocsin_application_activate;
  app_class->open = tocsin_application_open;
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
