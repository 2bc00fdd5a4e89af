/* tocsin-ui-utils.h: small helpers the widgets share
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tocsin-alert.h"

G_BEGIN_DECLS

/* The translated name of @state, as the list and the details pane show it. */
const char *tocsin_ui_alert_state_label (TocsinAlertState  state);
/* Markup from plain text: everything escaped, http(s) URLs made links. */
char       *tocsin_ui_linkify           (const char       *text);
/* Shows @stack's child @name, giving a status page there the icon its stack
 * page names (see the .c). */
void        tocsin_ui_stack_show        (GtkStack         *stack,
                                         const char       *name);
/* Unfolds or folds @revealer, hidden while folded (see the .c). */
void        tocsin_ui_revealer_reveal   (GtkRevealer      *revealer,
                                         gboolean          reveal);

G_END_DECLS
