/* tocsin-schedule-parser.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tocsin-participant.h"
#include "tocsin-schedule.h"
#include "tocsin-shift.h"

G_BEGIN_DECLS

/* Pure parsers for the schedule endpoints: JSON in, objects out, no I/O, no
 * globals (safe in a worker thread, fuzzable). Entries with missing or
 * wrongly typed fields are skipped or get defaults; only a root of the wrong
 * kind is an error (TOCSIN_API_ERROR_MALFORMED). */

JsonNode       *tocsin_schedule_parser_load     (GBytes      *bytes,
                                                 GError     **error);

TocsinSchedule *tocsin_schedule_parse_schedule  (JsonNode    *node);
GPtrArray      *tocsin_schedule_parse_list      (JsonNode    *root,
                                                 char       **next_link,
                                                 GError     **error);
GPtrArray      *tocsin_schedule_parse_on_calls  (JsonNode    *root,
                                                 GError     **error);
GPtrArray      *tocsin_schedule_parse_timeline  (JsonNode    *root,
                                                 const char  *schedule_id,
                                                 const char  *schedule_name,
                                                 const char  *schedule_timezone,
                                                 GTimeZone   *local_zone,
                                                 GError     **error);
GHashTable     *tocsin_schedule_parse_teams     (JsonNode    *root,
                                                 GError     **error);
GHashTable     *tocsin_schedule_parse_users     (JsonNode    *root,
                                                 GError     **error);
char           *tocsin_schedule_parse_myself    (JsonNode    *root,
                                                 GError     **error);

G_END_DECLS
