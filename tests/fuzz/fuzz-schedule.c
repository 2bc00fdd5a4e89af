/* fuzz-schedule.c: the schedule, on-call and timeline parsers on arbitrary bytes
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "tocsin-schedule-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GPtrArray) on_calls = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GHashTable) teams = NULL;
  g_autoptr(GHashTable) users = NULL;
  g_autofree char *next = NULL;
  g_autofree char *me = NULL;

  root = tocsin_schedule_parser_load (bytes, NULL);
  if (root == NULL)
    return 0;

  /* The same document through every parser: each must cope with any shape. */
  schedules = tocsin_schedule_parse_list (root, &next, NULL);
  on_calls = tocsin_schedule_parse_on_calls (root, NULL);
  shifts = tocsin_schedule_parse_timeline (root, "fuzz", "Fuzz", "Europe/Berlin", utc, NULL);
  teams = tocsin_schedule_parse_teams (root, NULL);
  users = tocsin_schedule_parse_users (root, NULL);
  me = tocsin_schedule_parse_myself (root, NULL);

  return 0;
}
