/* tocsin-alert-pass.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alert-service.h"

G_BEGIN_DECLS

/* The bookkeeping of the alert monitor's cheap polls (see the .c): which
 * page to fetch next and the list as it will be once the fetched pages are
 * put in place. A plain struct inside TocsinAlertMonitor; the poll runs
 * through its TocsinAlertService. */
typedef struct
{
  GPtrArray *fresh;        /* the list, with fetched pages put in place */
  guint      page_offset;  /* the page being fetched */
  guint      slice_end;    /* where this poll's part of the pass ends */
  guint      pass_offset;  /* where the next poll's part begins */
} TocsinAlertPass;

void       tocsin_alert_pass_clear   (TocsinAlertPass *self);

void       tocsin_alert_pass_poll_async  (TocsinAlertPass     *self,
                                          TocsinAlertService  *service,
                                          const char          *query,
                                          GListModel          *list,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *tocsin_alert_pass_poll_finish (TocsinAlertService  *service,
                                          GAsyncResult        *result,
                                          gboolean            *moved,
                                          GError             **error);

G_END_DECLS
