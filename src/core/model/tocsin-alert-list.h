/* tocsin-alert-list.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alert.h"

G_BEGIN_DECLS

/* A GListModel of TocsinAlert that keeps object identity across refreshes:
 * applying a fresh set updates alerts with the same id in place (notifying
 * only changed properties), removes gone ones and inserts new ones with as
 * few and as small items-changed emissions as possible (alerts that keep
 * their relative order never leave the list). The order is the fresh set's.
 * Alerts whose pending property is set are not updated (their optimistic
 * state stands until the action settles). */

#define TOCSIN_TYPE_ALERT_LIST (tocsin_alert_list_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertList, tocsin_alert_list, TOCSIN, ALERT_LIST, GObject)

TocsinAlertList *tocsin_alert_list_new                           (void);

TocsinAlert     *tocsin_alert_list_lookup                        (TocsinAlertList      *self,
                                                                  const char           *id);

/* Property "open-unacknowledged-count": alerts in the list whose state is
 * open. Recounted after every apply and by tocsin_alert_list_recount(). */
guint            tocsin_alert_list_get_open_unacknowledged_count (TocsinAlertList      *self);
void             tocsin_alert_list_recount                       (TocsinAlertList      *self);

/* Synchronous: diff and apply at once. @fresh: TocsinAlert objects (only
 * read; the list takes references to the ones it inserts). Duplicate ids
 * after the first are ignored. */
void             tocsin_alert_list_apply                         (TocsinAlertList      *self,
                                                                  GPtrArray            *fresh);

/* The same without stalling the main loop: the diff is computed in a worker
 * thread and applied in idle chunks of about @budget_us each (0 = 1 ms),
 * what the items-changed handlers do included (a chunk ends after the
 * emission that passes its budget). The list keeps a reference to @fresh
 * until then: it must not change meanwhile.
 * A later apply (sync or async) supersedes a pending one, which then fails
 * with G_IO_ERROR_CANCELLED. */
void             tocsin_alert_list_apply_async                   (TocsinAlertList      *self,
                                                                  GPtrArray            *fresh,
                                                                  guint                 budget_us,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean         tocsin_alert_list_apply_finish                  (TocsinAlertList      *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
