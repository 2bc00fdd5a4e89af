/* tocsin-ui-utils.h: small helpers the widgets share
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tocsin-alert.h"

G_BEGIN_DECLS

/* The translated name of @state, as the list and the details pane show it. */
const char *tocsin_ui_alert_state_label (TocsinAlertState  state);
/* Markup from plain text: everything escaped, http(s) URLs made links. */
char       *tocsin_ui_linkify           (const char       *text);

G_END_DECLS
