/* fuzz-alert-page.c: the alert list parser on arbitrary bytes
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "tocsin-alert-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  gint64 count = 0;

  alerts = tocsin_alert_parse_page (bytes, &count, &next, &error);

  /* Either alerts or an error, never both, never neither. */
  g_assert_true ((alerts != NULL) != (error != NULL));
  if (alerts != NULL)
    for (guint i = 0; i < alerts->len; i++)
      g_assert_nonnull (tocsin_alert_get_id (g_ptr_array_index (alerts, i)));

  return 0;
}
