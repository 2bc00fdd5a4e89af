/* tocsin-alarm-player.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-alarm-player.h"

G_DEFINE_INTERFACE (TocsinAlarmPlayer, tocsin_alarm_player, G_TYPE_OBJECT)

static void
tocsin_alarm_player_default_init (TocsinAlarmPlayerInterface *iface)
{
}

void
tocsin_alarm_player_play (TocsinAlarmPlayer *self)
{
  g_return_if_fail (TOCSIN_IS_ALARM_PLAYER (self));

  TOCSIN_ALARM_PLAYER_GET_IFACE (self)->play (self);
}

void
tocsin_alarm_player_stop (TocsinAlarmPlayer *self)
{
  g_return_if_fail (TOCSIN_IS_ALARM_PLAYER (self));

  TOCSIN_ALARM_PLAYER_GET_IFACE (self)->stop (self);
}
