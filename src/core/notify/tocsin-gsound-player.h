/* tocsin-gsound-player.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-alarm-player.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_GSOUND_PLAYER (tocsin_gsound_player_get_type ())

G_DECLARE_FINAL_TYPE (TocsinGSoundPlayer, tocsin_gsound_player, TOCSIN, GSOUND_PLAYER, GObject)

TocsinGSoundPlayer *tocsin_gsound_player_new (const char *fallback_resource);

G_END_DECLS
