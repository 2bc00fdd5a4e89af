/* fuzz-api-error.c: error bodies of every shape the APIs use, on arbitrary bytes
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "tocsin-api-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autofree char *detail = tocsin_api_error_body_message (bytes);
  const guint statuses[] = { 400, 401, 402, 403, 404, 409, 418, 422, 429, 500, 503 };

  if (detail != NULL)
    g_assert_cmpstr (detail, !=, "");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = tocsin_api_error_from_response (statuses[i], "Reason", bytes, -1);

      g_assert_nonnull (error);
      g_assert_true (error->domain == TOCSIN_API_ERROR);
      g_assert_nonnull (error->message);
    }

  return 0;
}
