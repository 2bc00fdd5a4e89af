/* tocsin-sign-in-page.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-context.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_SIGN_IN_PAGE (tocsin_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSignInPage, tocsin_sign_in_page, TOCSIN, SIGN_IN_PAGE, AdwBin)

TocsinSignInPage *tocsin_sign_in_page_new         (TocsinContext    *context);
TocsinContext    *tocsin_sign_in_page_get_context (TocsinSignInPage *self);

G_END_DECLS
