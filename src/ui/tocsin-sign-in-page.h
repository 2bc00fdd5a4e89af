/* tocsin-sign-in-page.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-auth-session.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_SIGN_IN_PAGE (tocsin_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSignInPage, tocsin_sign_in_page, TOCSIN, SIGN_IN_PAGE, AdwBin)

TocsinAuthSession *tocsin_sign_in_page_get_session       (TocsinSignInPage  *self);
void               tocsin_sign_in_page_set_session       (TocsinSignInPage  *self,
                                                          TocsinAuthSession *session);
const GError      *tocsin_sign_in_page_get_error         (TocsinSignInPage  *self);
void               tocsin_sign_in_page_set_error         (TocsinSignInPage  *self,
                                                          const GError      *error);
gboolean           tocsin_sign_in_page_get_choosing_site (TocsinSignInPage  *self);
void               tocsin_sign_in_page_set_choosing_site (TocsinSignInPage  *self,
                                                          gboolean           choosing_site);

G_END_DECLS
