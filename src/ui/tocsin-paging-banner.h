/* tocsin-paging-banner.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-context.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_PAGING_BANNER (tocsin_paging_banner_get_type ())

G_DECLARE_FINAL_TYPE (TocsinPagingBanner, tocsin_paging_banner, TOCSIN, PAGING_BANNER, AdwBin)

void tocsin_paging_banner_set_context (TocsinPagingBanner *self,
                                       TocsinContext      *context);

G_END_DECLS
