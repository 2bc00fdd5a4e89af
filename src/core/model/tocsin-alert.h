/* tocsin-alert.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the list shows as the status: derived from status, acknowledged and
 * snoozed. */
typedef enum {
  TOCSIN_ALERT_STATE_OPEN,
  TOCSIN_ALERT_STATE_ACKNOWLEDGED,
  TOCSIN_ALERT_STATE_SNOOZED,
  TOCSIN_ALERT_STATE_CLOSED,
} TocsinAlertState;

#define TOCSIN_TYPE_ALERT_STATE (tocsin_alert_state_get_type ())
GType tocsin_alert_state_get_type (void);

#define TOCSIN_TYPE_ALERT (tocsin_alert_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlert, tocsin_alert, TOCSIN, ALERT, GObject)

/* Properties (all readable; notify only fires when a value changes):
 *   id, tiny-id, alias, message, description, status (server text: open,
 *   acked, snoozed, resolved, closed), acknowledged, snoozed, snoozed-until,
 *   seen, count, priority (1..5 for P1..P5, P3 when unknown), owner,
 *   tags (GStrv), responders (GVariant "a(ss)": (type, id)),
 *   extra-properties (GVariant "a{ss}", sorted by key), source, entity,
 *   created-at, updated-at, last-occurred-at (GDateTime, UTC, may be NULL),
 *   state (TocsinAlertState, derived), pending (an action is in flight). */

TocsinAlert        *tocsin_alert_new                  (const char          *id);

const char         *tocsin_alert_get_id               (TocsinAlert         *self);
const char         *tocsin_alert_get_tiny_id          (TocsinAlert         *self);
const char         *tocsin_alert_get_alias            (TocsinAlert         *self);
const char         *tocsin_alert_get_message          (TocsinAlert         *self);
const char         *tocsin_alert_get_description      (TocsinAlert         *self);
const char         *tocsin_alert_get_status           (TocsinAlert         *self);
gboolean            tocsin_alert_get_acknowledged     (TocsinAlert         *self);
gboolean            tocsin_alert_get_snoozed          (TocsinAlert         *self);
GDateTime          *tocsin_alert_get_snoozed_until    (TocsinAlert         *self);
gboolean            tocsin_alert_get_seen             (TocsinAlert         *self);
gint64              tocsin_alert_get_count            (TocsinAlert         *self);
int                 tocsin_alert_get_priority         (TocsinAlert         *self);
const char         *tocsin_alert_get_owner            (TocsinAlert         *self);
const char * const *tocsin_alert_get_tags             (TocsinAlert         *self);
GVariant           *tocsin_alert_get_responders       (TocsinAlert         *self);
GVariant           *tocsin_alert_get_extra_properties (TocsinAlert         *self);
const char         *tocsin_alert_get_source           (TocsinAlert         *self);
const char         *tocsin_alert_get_entity           (TocsinAlert         *self);
GDateTime          *tocsin_alert_get_created_at       (TocsinAlert         *self);
GDateTime          *tocsin_alert_get_updated_at       (TocsinAlert         *self);
GDateTime          *tocsin_alert_get_last_occurred_at (TocsinAlert         *self);
TocsinAlertState    tocsin_alert_get_state            (TocsinAlert         *self);
gboolean            tocsin_alert_get_pending          (TocsinAlert         *self);
gboolean            tocsin_alert_is_open_unacknowledged (TocsinAlert       *self);

/* Setters notify only on change (used by the parser and optimistic updates). */
void                tocsin_alert_set_tiny_id          (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_alias            (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_message          (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_description      (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_status           (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_acknowledged     (TocsinAlert         *self,
                                                       gboolean             value);
void                tocsin_alert_set_snoozed          (TocsinAlert         *self,
                                                       gboolean             value);
void                tocsin_alert_set_snoozed_until    (TocsinAlert         *self,
                                                       GDateTime           *value);
void                tocsin_alert_set_seen             (TocsinAlert         *self,
                                                       gboolean             value);
void                tocsin_alert_set_count            (TocsinAlert         *self,
                                                       gint64               value);
void                tocsin_alert_set_priority         (TocsinAlert         *self,
                                                       int                  value);
void                tocsin_alert_set_owner            (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_tags             (TocsinAlert         *self,
                                                       const char * const  *value);
void                tocsin_alert_set_responders       (TocsinAlert         *self,
                                                       GVariant            *value);
void                tocsin_alert_set_extra_properties (TocsinAlert         *self,
                                                       GVariant            *value);
void                tocsin_alert_set_source           (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_entity           (TocsinAlert         *self,
                                                       const char          *value);
void                tocsin_alert_set_created_at       (TocsinAlert         *self,
                                                       GDateTime           *value);
void                tocsin_alert_set_updated_at       (TocsinAlert         *self,
                                                       GDateTime           *value);
void                tocsin_alert_set_last_occurred_at (TocsinAlert         *self,
                                                       GDateTime           *value);
void                tocsin_alert_set_pending          (TocsinAlert         *self,
                                                       gboolean             value);

/* Copies every server field of @from into @self (not id, not pending),
 * notifying only the properties that changed. Returns TRUE if any did. */
gboolean            tocsin_alert_update_from          (TocsinAlert         *self,
                                                       TocsinAlert         *from);
/* TRUE when every server field is equal. */
gboolean            tocsin_alert_equal_content        (TocsinAlert         *a,
                                                       TocsinAlert         *b);
/* A detached copy of the server fields (for reverting optimistic updates). */
TocsinAlert        *tocsin_alert_copy                 (TocsinAlert         *self);

/* "P1".."P5" -> 1..5; 0 when not a priority. */
int                 tocsin_alert_priority_from_string (const char          *text);

G_END_DECLS
