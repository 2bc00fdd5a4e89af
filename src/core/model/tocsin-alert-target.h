/* tocsin-alert-target.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Something an alert can be routed to: a team ("team") or an escalation policy ("escalation"). Immutable; all properties construct-only. */

#define TOCSIN_TYPE_ALERT_TARGET (tocsin_alert_target_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertTarget, tocsin_alert_target, TOCSIN, ALERT_TARGET, GObject)

const char *tocsin_alert_target_get_id (TocsinAlertTarget *self);
const char *tocsin_alert_target_get_kind (TocsinAlertTarget *self);
const char *tocsin_alert_target_get_name (TocsinAlertTarget *self);
const char *tocsin_alert_target_get_description (TocsinAlertTarget *self);

G_END_DECLS
