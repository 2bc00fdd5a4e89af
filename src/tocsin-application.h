/* tocsin-application.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-config.h"
#include "tocsin-context.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_APPLICATION (tocsin_application_get_type ())

G_DECLARE_FINAL_TYPE (TocsinApplication, tocsin_application, TOCSIN, APPLICATION, AdwApplication)

TocsinApplication *tocsin_application_new          (void);
const char        *tocsin_application_locale_dir   (void);
GSettings         *tocsin_application_get_settings (TocsinApplication *self);
TocsinConfig      *tocsin_application_get_config   (TocsinApplication *self);
TocsinContext     *tocsin_application_get_context  (TocsinApplication *self);

G_END_DECLS
