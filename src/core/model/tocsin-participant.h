/* tocsin-participant.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Someone (or something) on call: a user (Atlassian account id), or a team or
 * escalation that the server expanded into nested participants. The API only
 * returns ids; the name is filled in later by name resolution. */

#define TOCSIN_TYPE_PARTICIPANT (tocsin_participant_get_type ())

G_DECLARE_FINAL_TYPE (TocsinParticipant, tocsin_participant, TOCSIN, PARTICIPANT, GObject)

TocsinParticipant *tocsin_participant_new                (const char        *id,
                                                          const char        *kind);
const char        *tocsin_participant_get_id             (TocsinParticipant *self);
const char        *tocsin_participant_get_kind           (TocsinParticipant *self);
gboolean           tocsin_participant_is_user            (TocsinParticipant *self);
const char        *tocsin_participant_get_name           (TocsinParticipant *self);
void               tocsin_participant_set_name           (TocsinParticipant *self,
                                                          const char        *name);
const char        *tocsin_participant_get_display_name   (TocsinParticipant *self);
TocsinParticipant *tocsin_participant_get_forwarded_from (TocsinParticipant *self);
void               tocsin_participant_set_forwarded_from (TocsinParticipant *self,
                                                          TocsinParticipant *forwarded_from);
GListModel        *tocsin_participant_get_participants   (TocsinParticipant *self);
void               tocsin_participant_add_participant    (TocsinParticipant *self,
                                                          TocsinParticipant *child);
gboolean           tocsin_participant_contains_user      (TocsinParticipant *self,
                                                          const char        *account_id);
void               tocsin_participant_collect_ids        (TocsinParticipant *self,
                                                          GHashTable        *user_ids,
                                                          GHashTable        *team_ids);

G_END_DECLS
