/* tocsin-config.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-config"

#include "config.h"

#include "tocsin-config.h"

/* The endpoints and client id the app talks to. They follow GSettings, except
 * where the command line overrides a key for this run only: an override is
 * never written back, so `--api-url` pointing at the sandbox cannot leak into
 * the user's saved settings. The client id falls back to the one built in. */

struct _TocsinConfig
{
  GObject     parent_instance;

  GSettings  *settings;
  GHashTable *overridden;   /* key names given on the command line */
  GHashTable *values;       /* key name -> current value, borrowed by callers */
};

G_DEFINE_FINAL_TYPE (TocsinConfig, tocsin_config, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTH_BASE_URL,
  PROP_API_BASE_URL,
  PROP_REDIRECT_URI,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const keys [N_PROPS] = {
  NULL, "auth-base-url", "api-base-url", "redirect-uri", "client-id",
};

static guint
prop_for_key (const char *key)
{
  for (guint i = 1; i < N_PROPS; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;
  return 0;
}

static const char *
lookup (TocsinConfig *self,
        guint         prop_id)
{
  const char *value = g_hash_table_lookup (self->values, keys[prop_id]);

  if (prop_id == PROP_CLIENT_ID && (value == NULL || *value == '\0'))
    return BUILTIN_CLIENT_ID;

  return value != NULL ? value : "";
}

static void
load_key (TocsinConfig *self,
          const char   *key)
{
  if (self->settings != NULL)
    g_hash_table_insert (self->values, g_strdup (key), g_settings_get_string (self->settings, key));
}

static void
on_settings_changed_cb (TocsinConfig *self,
                        const char   *key,
                        GSettings    *settings)
{
  guint prop_id = prop_for_key (key);

  if (prop_id == 0 || g_hash_table_contains (self->overridden, key))
    return;

  load_key (self, key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
tocsin_config_dispose (GObject *object)
{
  TocsinConfig *self = (TocsinConfig *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tocsin_config_parent_class)->dispose (object);
}

static void
tocsin_config_finalize (GObject *object)
{
  TocsinConfig *self = (TocsinConfig *)object;

  g_clear_pointer (&self->overridden, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (tocsin_config_parent_class)->finalize (object);
}

static void
tocsin_config_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TocsinConfig *self = TOCSIN_CONFIG (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, lookup (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tocsin_config_class_init (TocsinConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_config_dispose;
  object_class->finalize = tocsin_config_finalize;
  object_class->get_property = tocsin_config_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (keys[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_config_init (TocsinConfig *self)
{
  self->overridden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * tocsin_config_new:
 * @settings: (nullable): the app's settings, or %NULL for defaults only
 */
TocsinConfig *
tocsin_config_new (GSettings *settings)
{
  TocsinConfig *self = g_object_new (TOCSIN_TYPE_CONFIG, NULL);

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      for (guint i = 1; i < N_PROPS; i++)
        load_key (self, keys[i]);
      g_signal_connect_object (settings, "changed",
                               G_CALLBACK (on_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return self;
}

/* Sets @key to @value for the lifetime of @self without touching GSettings. */
void
tocsin_config_override (TocsinConfig *self,
                        const char   *key,
                        const char   *value)
{
  guint prop_id;

  g_return_if_fail (TOCSIN_IS_CONFIG (self));
  g_return_if_fail (value != NULL);

  prop_id = prop_for_key (key);
  g_return_if_fail (prop_id != 0);

  g_hash_table_add (self->overridden, g_strdup (key));
  g_hash_table_insert (self->values, g_strdup (key), g_strdup (value));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
tocsin_config_is_overridden (TocsinConfig *self,
                             const char   *key)
{
  g_return_val_if_fail (TOCSIN_IS_CONFIG (self), FALSE);

  return g_hash_table_contains (self->overridden, key);
}

const char *
tocsin_config_get_auth_base_url (TocsinConfig *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONFIG (self), NULL);
  return lookup (self, PROP_AUTH_BASE_URL);
}

const char *
tocsin_config_get_api_base_url (TocsinConfig *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONFIG (self), NULL);
  return lookup (self, PROP_API_BASE_URL);
}

const char *
tocsin_config_get_redirect_uri (TocsinConfig *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONFIG (self), NULL);
  return lookup (self, PROP_REDIRECT_URI);
}

/* The user's own client id from Preferences, else the one built in (may be ""). */
const char *
tocsin_config_get_client_id (TocsinConfig *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONFIG (self), NULL);
  return lookup (self, PROP_CLIENT_ID);
}
