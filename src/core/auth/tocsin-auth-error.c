/* tocsin-auth-error.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-auth-error.h"

G_DEFINE_QUARK (tocsin-auth-error-quark, tocsin_auth_error)
