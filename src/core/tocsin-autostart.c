/* tocsin-autostart.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "tocsin-autostart.h"

/* Start at login outside Flatpak: an XDG autostart entry,
 * $XDG_CONFIG_HOME/autostart/<app id>.desktop, that runs `tocsin
 * --background` from PATH, as the launcher's desktop file does (no window;
 * it restores the sign-in from the keyring and pages). Inside Flatpak the Background portal's autostart option does
 * this instead (tocsin-background-portal.c). */

char *
tocsin_autostart_dup_path (const char *app_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (app_id != NULL, NULL);

  name = g_strconcat (app_id, ".desktop", NULL);
  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

gboolean
tocsin_autostart_set_enabled (const char  *app_id,
                              const char  *name,
                              gboolean     enabled,
                              GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GKeyFile) entry = NULL;

  g_return_val_if_fail (app_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  path = tocsin_autostart_dup_path (app_id);
  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, name);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, app_id);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, "tocsin --background");
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_key_file_save_to_file (entry, path, error);
}
