/* tocsin-alarm-player.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_ALARM_PLAYER (tocsin_alarm_player_get_type ())

G_DECLARE_INTERFACE (TocsinAlarmPlayer, tocsin_alarm_player, TOCSIN, ALARM_PLAYER, GObject)

/* What makes the alarm's sound: the real one plays the sound theme
 * (TocsinGSoundPlayer), tests record the calls. play() starts one ring;
 * stop() cuts a ring that is still sounding. */
struct _TocsinAlarmPlayerInterface
{
  GTypeInterface parent_iface;

  void (*play) (TocsinAlarmPlayer *self);
  void (*stop) (TocsinAlarmPlayer *self);
};

void tocsin_alarm_player_play (TocsinAlarmPlayer *self);
void tocsin_alarm_player_stop (TocsinAlarmPlayer *self);

G_END_DECLS
