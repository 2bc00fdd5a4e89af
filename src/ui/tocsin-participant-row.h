/* tocsin-participant-row.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-participant.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_PARTICIPANT_ROW (tocsin_participant_row_get_type ())

G_DECLARE_FINAL_TYPE (TocsinParticipantRow, tocsin_participant_row, TOCSIN, PARTICIPANT_ROW, GtkListBoxRow)

GtkWidget         *tocsin_participant_row_new             (TocsinParticipant    *participant,
                                                           guint                 depth);
TocsinParticipant *tocsin_participant_row_get_participant (TocsinParticipantRow *self);
guint              tocsin_participant_row_get_depth       (TocsinParticipantRow *self);

G_END_DECLS
