/* tocsin-gsound-player.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-gsound-player"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gsound.h>

#include "tocsin-gsound-player.h"

/* The alarm's real sound, through GSound (libcanberra): the sound theme's
 * "alarm-clock-elapsed" event, and when the theme has none, the short
 * sound shipped in the GResource. libcanberra plays files only, so that
 * one is copied to the cache directory the first time it is needed. */

#define ALARM_EVENT "alarm-clock-elapsed"

struct _TocsinGSoundPlayer
{
  GObject        parent_instance;

  GSoundContext *context;
  GCancellable  *cancellable;
  char          *fallback_resource;
};

static void player_iface_init (TocsinAlarmPlayerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinGSoundPlayer, tocsin_gsound_player, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOCSIN_TYPE_ALARM_PLAYER, player_iface_init))

static char *
fallback_file (TocsinGSoundPlayer *self)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "tocsin", "alarm.oga", NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  bytes = g_resources_lookup_data (self->fallback_resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  dir = g_path_get_dirname (path);
  if (bytes == NULL ||
      g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_debug ("No fallback alarm sound: %s", error != NULL ? error->message : g_strerror (errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

static void
on_fallback_played_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gsound_context_play_full_finish (GSOUND_CONTEXT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not play the alarm sound: %s", error->message);
}

static void
on_event_played_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TocsinGSoundPlayer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (gsound_context_play_full_finish (GSOUND_CONTEXT (source), result, &error))
    return;

  if (!g_error_matches (error, GSOUND_ERROR, GSOUND_ERROR_NOTFOUND))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not play the alarm sound: %s", error->message);
      return;
    }

  /* No sound theme with the event: our own sound. */
  path = fallback_file (self);
  if (path != NULL)
    gsound_context_play_full (self->context, self->cancellable, on_fallback_played_cb, NULL,
                              GSOUND_ATTR_MEDIA_FILENAME, path,
                              GSOUND_ATTR_MEDIA_ROLE, "alarm",
                              NULL);
}

static void
tocsin_gsound_player_play (TocsinAlarmPlayer *player)
{
  TocsinGSoundPlayer *self = TOCSIN_GSOUND_PLAYER (player);
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    {
      self->context = gsound_context_new (NULL, &error);
      if (self->context == NULL)
        {
          g_debug ("No sound: %s", error->message);
          return;
        }
    }

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  gsound_context_play_full (self->context, self->cancellable, on_event_played_cb, g_object_ref (self),
                            GSOUND_ATTR_EVENT_ID, ALARM_EVENT,
                            GSOUND_ATTR_EVENT_DESCRIPTION, _("On-call alert"),
                            GSOUND_ATTR_MEDIA_ROLE, "alarm",
                            NULL);
}

static void
tocsin_gsound_player_stop (TocsinAlarmPlayer *player)
{
  TocsinGSoundPlayer *self = TOCSIN_GSOUND_PLAYER (player);

  /* Cancelling the play cuts the sound off. */
  g_cancellable_cancel (self->cancellable);
}

static void
player_iface_init (TocsinAlarmPlayerInterface *iface)
{
  iface->play = tocsin_gsound_player_play;
  iface->stop = tocsin_gsound_player_stop;
}

static void
tocsin_gsound_player_dispose (GObject *object)
{
  TocsinGSoundPlayer *self = (TocsinGSoundPlayer *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (tocsin_gsound_player_parent_class)->dispose (object);
}

static void
tocsin_gsound_player_finalize (GObject *object)
{
  TocsinGSoundPlayer *self = (TocsinGSoundPlayer *)object;

  g_free (self->fallback_resource);

  G_OBJECT_CLASS (tocsin_gsound_player_parent_class)->finalize (object);
}

static void
tocsin_gsound_player_class_init (TocsinGSoundPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_gsound_player_dispose;
  object_class->finalize = tocsin_gsound_player_finalize;
}

static void
tocsin_gsound_player_init (TocsinGSoundPlayer *self)
{
}

/**
 * tocsin_gsound_player_new:
 * @fallback_resource: a GResource path of the sound for systems without a
 *   sound theme
 */
TocsinGSoundPlayer *
tocsin_gsound_player_new (const char *fallback_resource)
{
  TocsinGSoundPlayer *self;

  g_return_val_if_fail (fallback_resource != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_GSOUND_PLAYER, NULL);
  self->fallback_resource = g_strdup (fallback_resource);

  return self;
}
