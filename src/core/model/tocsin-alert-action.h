/* tocsin-alert-action.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What can be done to an alert. */
typedef enum {
  TOCSIN_ALERT_ACTION_ACKNOWLEDGE,
  TOCSIN_ALERT_ACTION_UNACKNOWLEDGE,
  TOCSIN_ALERT_ACTION_CLOSE,
  TOCSIN_ALERT_ACTION_SNOOZE,          /* arg: end time, ISO 8601 */
  TOCSIN_ALERT_ACTION_ADD_NOTE,        /* arg: the note; synchronous (200) */
  TOCSIN_ALERT_ACTION_ASSIGN,          /* arg: accountId */
  TOCSIN_ALERT_ACTION_ESCALATE,        /* arg: escalationId */
  TOCSIN_ALERT_ACTION_ADD_RESPONDER,   /* arg: id; arg2: team|user|escalation|schedule */
  TOCSIN_ALERT_ACTION_SET_PRIORITY,    /* arg: "P1".."P5" */
} TocsinAlertActionKind;

/* Who a responder added to an alert is. */
typedef enum {
  TOCSIN_RESPONDER_TEAM,
  TOCSIN_RESPONDER_USER,
  TOCSIN_RESPONDER_ESCALATION,
  TOCSIN_RESPONDER_SCHEDULE,
} TocsinResponderType;

/* One action with its typed values, to run on one or several alerts
 * (tocsin_alert_monitor_run_action_async()). Immutable, reference counted. */
typedef struct _TocsinAlertAction TocsinAlertAction;

#define TOCSIN_TYPE_ALERT_ACTION (tocsin_alert_action_get_type ())

GType                  tocsin_alert_action_get_type           (void) G_GNUC_CONST;

TocsinAlertAction     *tocsin_alert_action_new                (TocsinAlertActionKind  kind);
TocsinAlertAction     *tocsin_alert_action_new_snooze         (GDateTime             *until);
TocsinAlertAction     *tocsin_alert_action_new_add_note       (const char            *note);
TocsinAlertAction     *tocsin_alert_action_new_assign         (const char            *account_id);
TocsinAlertAction     *tocsin_alert_action_new_escalate       (const char *escalation_id);
TocsinAlertAction     *tocsin_alert_action_new_add_responder  (TocsinResponderType    type,
                                                               const char            *responder_id);
TocsinAlertAction     *tocsin_alert_action_new_set_priority   (int                    priority);

TocsinAlertAction     *tocsin_alert_action_ref                (TocsinAlertAction     *self);
void                   tocsin_alert_action_unref              (TocsinAlertAction     *self);

TocsinAlertActionKind  tocsin_alert_action_get_kind           (TocsinAlertAction     *self);
GDateTime             *tocsin_alert_action_get_until          (TocsinAlertAction     *self);
const char            *tocsin_alert_action_get_text           (TocsinAlertAction     *self);
TocsinResponderType    tocsin_alert_action_get_responder_type (TocsinAlertAction     *self);
int                    tocsin_alert_action_get_priority       (TocsinAlertAction     *self);

/* The action as the request arguments of the alerts API (see
 * TocsinAlertActionKind): @arg and @arg2 are set to new strings or NULL. */
void                   tocsin_alert_action_dup_request_args   (TocsinAlertAction     *self,
                                                               char                 **arg,
                                                               char                 **arg2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TocsinAlertAction, tocsin_alert_action_unref)

G_END_DECLS
