/* tocsin-alert-action.c: one action on alerts with its typed values
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-action"

#include "config.h"

#include "tocsin-alert-action.h"

struct _TocsinAlertAction
{
  TocsinAlertActionKind  kind;
  GDateTime             *until;           /* snooze */
  char                  *text;            /* the note, account, escalation or responder id */
  TocsinResponderType    responder_type;
  int                    priority;        /* 1 (P1) to 5 (P5) */
};

G_DEFINE_BOXED_TYPE (TocsinAlertAction, tocsin_alert_action,
                     tocsin_alert_action_ref, tocsin_alert_action_unref)

/* Auxiliary methods */

static void
tocsin_alert_action_clear (TocsinAlertAction *self)
{
  g_clear_pointer (&self->until, g_date_time_unref);
  g_clear_pointer (&self->text, g_free);
}

static TocsinAlertAction *
action_new (TocsinAlertActionKind  kind,
            const char            *text)
{
  TocsinAlertAction *self = g_atomic_rc_box_new0 (TocsinAlertAction);

  self->kind = kind;
  self->text = g_strdup (text);
  return self;
}

/* Public API */

/**
 * tocsin_alert_action_new:
 * @kind: acknowledge, unacknowledge or close: the actions without a value
 */
TocsinAlertAction *
tocsin_alert_action_new (TocsinAlertActionKind kind)
{
  g_return_val_if_fail (kind == TOCSIN_ALERT_ACTION_ACKNOWLEDGE ||
                        kind == TOCSIN_ALERT_ACTION_UNACKNOWLEDGE ||
                        kind == TOCSIN_ALERT_ACTION_CLOSE, NULL);

  return action_new (kind, NULL);
}

TocsinAlertAction *
tocsin_alert_action_new_snooze (GDateTime *until)
{
  TocsinAlertAction *self;

  g_return_val_if_fail (until != NULL, NULL);

  self = action_new (TOCSIN_ALERT_ACTION_SNOOZE, NULL);
  self->until = g_date_time_to_utc (until);
  return self;
}

TocsinAlertAction *
tocsin_alert_action_new_add_note (const char *note)
{
  g_return_val_if_fail (note != NULL && *note != '\0', NULL);

  return action_new (TOCSIN_ALERT_ACTION_ADD_NOTE, note);
}

TocsinAlertAction *
tocsin_alert_action_new_assign (const char *account_id)
{
  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);

  return action_new (TOCSIN_ALERT_ACTION_ASSIGN, account_id);
}

TocsinAlertAction *
tocsin_alert_action_new_escalate (const char *escalation_id)
{
  g_return_val_if_fail (escalation_id != NULL && *escalation_id != '\0', NULL);

  return action_new (TOCSIN_ALERT_ACTION_ESCALATE, escalation_id);
}

TocsinAlertAction *
tocsin_alert_action_new_add_responder (TocsinResponderType  type,
                                       const char          *responder_id)
{
  TocsinAlertAction *self;

  g_return_val_if_fail (type >= TOCSIN_RESPONDER_TEAM && type <= TOCSIN_RESPONDER_SCHEDULE, NULL);
  g_return_val_if_fail (responder_id != NULL && *responder_id != '\0', NULL);

  self = action_new (TOCSIN_ALERT_ACTION_ADD_RESPONDER, responder_id);
  self->responder_type = type;
  return self;
}

TocsinAlertAction *
tocsin_alert_action_new_set_priority (int priority)
{
  TocsinAlertAction *self;

  g_return_val_if_fail (priority >= 1 && priority <= 5, NULL);

  self = action_new (TOCSIN_ALERT_ACTION_SET_PRIORITY, NULL);
  self->priority = priority;
  return self;
}

TocsinAlertAction *
tocsin_alert_action_ref (TocsinAlertAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
tocsin_alert_action_unref (TocsinAlertAction *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) tocsin_alert_action_clear);
}

TocsinAlertActionKind
tocsin_alert_action_get_kind (TocsinAlertAction *self)
{
  g_return_val_if_fail (self != NULL, TOCSIN_ALERT_ACTION_ACKNOWLEDGE);

  return self->kind;
}

/* The end of a snooze (UTC), or NULL for other actions. */
GDateTime *
tocsin_alert_action_get_until (TocsinAlertAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->until;
}

/* The note, the account id, the escalation id or the responder id, or NULL
 * for the actions without text. */
const char *
tocsin_alert_action_get_text (TocsinAlertAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

TocsinResponderType
tocsin_alert_action_get_responder_type (TocsinAlertAction *self)
{
  g_return_val_if_fail (self != NULL, TOCSIN_RESPONDER_TEAM);

  return self->responder_type;
}

/* 1 to 5 for a priority change, 0 for other actions. */
int
tocsin_alert_action_get_priority (TocsinAlertAction *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->priority;
}

void
tocsin_alert_action_dup_request_args (TocsinAlertAction  *self,
                                      char              **arg,
                                      char              **arg2)
{
  static const char * const responder_types[] = { "team", "user", "escalation", "schedule" };

  g_return_if_fail (self != NULL);
  g_return_if_fail (arg != NULL && arg2 != NULL);

  *arg = NULL;
  *arg2 = NULL;
  switch (self->kind)
    {
    case TOCSIN_ALERT_ACTION_SNOOZE:
      *arg = g_date_time_format (self->until, "%Y-%m-%dT%H:%M:%SZ");
      break;
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
      *arg = g_strdup_printf ("P%d", self->priority);
      break;
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      *arg = g_strdup (self->text);
      *arg2 = g_strdup (responder_types[self->responder_type]);
      break;
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
    case TOCSIN_ALERT_ACTION_ASSIGN:
    case TOCSIN_ALERT_ACTION_ESCALATE:
      *arg = g_strdup (self->text);
      break;
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
    case TOCSIN_ALERT_ACTION_CLOSE:
    default:
      break;
    }
}
