/* tocsin-paging-watcher.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-schedule-monitor.h"

G_BEGIN_DECLS

/* Whose alerts page; the nicks are the values of the "page-for" setting. */
typedef enum {
  TOCSIN_PAGE_FOR_EVERYTHING,               /*< nick=everything >*/
  TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS,  /*< nick=me-and-my-on-call-teams >*/
  TOCSIN_PAGE_FOR_ME,                       /*< nick=me >*/
} TocsinPageFor;

typedef enum {
  TOCSIN_HEALTH_LIVE,        /* the last poll worked, or the threshold has not passed yet */
  TOCSIN_HEALTH_STALE,       /* no successful poll for the stale threshold */
  TOCSIN_HEALTH_SIGNED_OUT,  /* the server refuses the sign-in: sign in again */
} TocsinHealth;

/* No successful poll for this many intervals, or for the stale floor,
 * whichever is longer, makes the watcher stale. */
#define TOCSIN_PAGING_WATCHER_STALE_INTERVALS 3
#define TOCSIN_PAGING_WATCHER_STALE_FLOOR     (5 * 60)

#define TOCSIN_TYPE_PAGE_FOR (tocsin_page_for_get_type ())
#define TOCSIN_TYPE_HEALTH (tocsin_health_get_type ())
#define TOCSIN_TYPE_PAGING_WATCHER (tocsin_paging_watcher_get_type ())

GType tocsin_page_for_get_type (void) G_GNUC_CONST;
GType tocsin_health_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (TocsinPagingWatcher, tocsin_paging_watcher, TOCSIN, PAGING_WATCHER, GObject)

TocsinPagingWatcher *tocsin_paging_watcher_new                  (TocsinOpsClient       *client);

GListModel          *tocsin_paging_watcher_get_alerts           (TocsinPagingWatcher   *self);
TocsinAlertMonitor  *tocsin_paging_watcher_get_monitor          (TocsinPagingWatcher   *self);
TocsinPageFor        tocsin_paging_watcher_get_page_for         (TocsinPagingWatcher   *self);
void                 tocsin_paging_watcher_set_page_for         (TocsinPagingWatcher   *self,
                                                                 TocsinPageFor          page_for);
void                 tocsin_paging_watcher_set_account          (TocsinPagingWatcher   *self,
                                                                 const char            *account_id,
                                                                 const char            *account_name);
void                 tocsin_paging_watcher_set_schedule_monitor (TocsinPagingWatcher   *self,
                                                                 TocsinScheduleMonitor *schedule_monitor);
guint                tocsin_paging_watcher_get_poll_interval    (TocsinPagingWatcher   *self);
void                 tocsin_paging_watcher_set_poll_interval    (TocsinPagingWatcher   *self,
                                                                 guint                  seconds);
guint                tocsin_paging_watcher_get_stale_floor      (TocsinPagingWatcher   *self);
void                 tocsin_paging_watcher_set_stale_floor      (TocsinPagingWatcher   *self,
                                                                 guint                  seconds);
guint                tocsin_paging_watcher_get_stale_after      (TocsinPagingWatcher   *self);
gboolean             tocsin_paging_watcher_get_active           (TocsinPagingWatcher   *self);
void                 tocsin_paging_watcher_set_active           (TocsinPagingWatcher   *self,
                                                                 gboolean               active);
TocsinHealth         tocsin_paging_watcher_get_health           (TocsinPagingWatcher   *self);
GDateTime           *tocsin_paging_watcher_get_stale_since      (TocsinPagingWatcher   *self);
void                 tocsin_paging_watcher_refresh              (TocsinPagingWatcher   *self);

/* The scope for a user who has not chosen one. */
TocsinPageFor        tocsin_paging_watcher_choose_page_for      (TocsinScheduleList    *schedules);

G_END_DECLS
