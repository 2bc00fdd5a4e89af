/* tocsin-plain-text.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *tocsin_toast_new_plain                   (const char    *text);
void      tocsin_status_page_set_plain_description (AdwStatusPage *page,
                                                    const char    *text);

G_END_DECLS
