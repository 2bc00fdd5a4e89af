/* fuzz-auth-callback.c: the sign-in callback parser on arbitrary URIs
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tocsin-auth-callback.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *uri = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = tocsin_auth_parse_callback (uri, "fuzz-state", &error);

  /* A code is only ever accepted together with the expected state. */
  g_assert_true ((code != NULL) != (error != NULL));
  if (code != NULL)
    g_assert_nonnull (strstr (uri, "fuzz-state"));

  return 0;
}
