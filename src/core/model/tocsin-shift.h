/* tocsin-shift.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-participant.h"

G_BEGIN_DECLS

typedef enum {
  TOCSIN_SHIFT_KIND_BASE,
  TOCSIN_SHIFT_KIND_OVERRIDE,
  TOCSIN_SHIFT_KIND_FORWARDING,
  TOCSIN_SHIFT_KIND_HISTORICAL,
} TocsinShiftKind;

#define TOCSIN_TYPE_SHIFT_KIND (tocsin_shift_kind_get_type ())
GType tocsin_shift_kind_get_type (void);

TocsinShiftKind tocsin_shift_kind_from_string (const char *type);

/* One responder's period in a schedule's final timeline: an immutable value.
 * Times are instants; the getters hand them out in the user's zone
 * ("local-zone", the system zone unless given) and in the schedule's zone. */

#define TOCSIN_TYPE_SHIFT (tocsin_shift_get_type ())

G_DECLARE_FINAL_TYPE (TocsinShift, tocsin_shift, TOCSIN, SHIFT, GObject)

TocsinShift       *tocsin_shift_new                    (const char        *schedule_id,
                                                        const char        *schedule_name,
                                                        const char        *schedule_timezone,
                                                        const char        *rotation_id,
                                                        const char        *rotation_name,
                                                        TocsinParticipant *responder,
                                                        TocsinShiftKind    kind,
                                                        GDateTime         *start,
                                                        GDateTime         *end,
                                                        GTimeZone         *local_zone);
TocsinShift       *tocsin_shift_copy_with_times        (TocsinShift       *self,
                                                        GDateTime         *start,
                                                        GDateTime         *end,
                                                        gboolean           clipped_start,
                                                        gboolean           clipped_end);
const char        *tocsin_shift_get_schedule_id        (TocsinShift       *self);
const char        *tocsin_shift_get_schedule_name      (TocsinShift       *self);
const char        *tocsin_shift_get_schedule_timezone  (TocsinShift       *self);
const char        *tocsin_shift_get_rotation_id        (TocsinShift       *self);
const char        *tocsin_shift_get_rotation_name      (TocsinShift       *self);
TocsinParticipant *tocsin_shift_get_responder          (TocsinShift       *self);
TocsinShiftKind    tocsin_shift_get_kind               (TocsinShift       *self);
GDateTime         *tocsin_shift_get_start              (TocsinShift       *self);
GDateTime         *tocsin_shift_get_end                (TocsinShift       *self);
GDateTime         *tocsin_shift_get_schedule_start     (TocsinShift       *self);
GDateTime         *tocsin_shift_get_schedule_end       (TocsinShift       *self);
GTimeZone         *tocsin_shift_get_local_zone         (TocsinShift       *self);
GTimeZone         *tocsin_shift_get_schedule_zone      (TocsinShift       *self);
gboolean           tocsin_shift_get_clipped_start      (TocsinShift       *self);
gboolean           tocsin_shift_get_clipped_end        (TocsinShift       *self);
gboolean           tocsin_shift_contains              (TocsinShift       *self,
                                                        GDateTime         *instant);
char              *tocsin_shift_format_start           (TocsinShift       *self);
char              *tocsin_shift_format_end             (TocsinShift       *self);
int                tocsin_shift_compare                (gconstpointer      a,
                                                        gconstpointer      b);

GTimeZone         *tocsin_time_zone_new_for_id         (const char        *identifier);

G_END_DECLS
