/* tocsin-ui-utils.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-ui-utils"

#include "config.h"

#include "tocsin-ui-utils.h"

#define DESKTOP_INTERFACE_SCHEMA "org.gnome.desktop.interface"

/**
 * tocsin_ui_desktop_settings_new:
 *
 * Returns: (transfer full) (nullable): the desktop's interface settings
 *   (gsettings-desktop-schemas), %NULL where they are not installed
 */
GSettings *
tocsin_ui_desktop_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, DESKTOP_INTERFACE_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* The desktop's clock-format ("24h" or "12h"); 24-hour without settings. */
TocsinClockFormat
tocsin_ui_get_clock_format (GSettings *desktop_settings)
{
  g_return_val_if_fail (desktop_settings == NULL || G_IS_SETTINGS (desktop_settings),
                        TOCSIN_CLOCK_FORMAT_24H);

  if (desktop_settings == NULL)
    return TOCSIN_CLOCK_FORMAT_24H;

  /* The schema's enum has "24h" = 0 and "12h" = 1, as TocsinClockFormat. */
  return g_settings_get_enum (desktop_settings, "clock-format") == TOCSIN_CLOCK_FORMAT_12H
           ? TOCSIN_CLOCK_FORMAT_12H
           : TOCSIN_CLOCK_FORMAT_24H;
}
