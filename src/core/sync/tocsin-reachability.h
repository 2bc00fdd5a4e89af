/* tocsin-reachability.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether the API server can be reached, for both monitors: offline while
 * the machine has no network, unless the server is on this machine (tests,
 * the sandbox). "network-changed" comes after any change that leaves the
 * machine online (another Wi-Fi, a VPN, back online), "resumed" after a
 * resume from suspend: good moments to look again. */

#define TOCSIN_TYPE_REACHABILITY (tocsin_reachability_get_type ())

G_DECLARE_FINAL_TYPE (TocsinReachability, tocsin_reachability, TOCSIN, REACHABILITY, GObject)

TocsinReachability *tocsin_reachability_new         (const char         *api_base_url);
gboolean            tocsin_reachability_get_offline (TocsinReachability *self);

G_END_DECLS
