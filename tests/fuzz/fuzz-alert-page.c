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
  /* Whatever the bytes, all text that comes out is valid UTF-8. */
  if (error != NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (alerts != NULL)
    for (guint i = 0; i < alerts->len; i++)
      {
        TocsinAlert *alert = g_ptr_array_index (alerts, i);
        const char * const *tags = tocsin_alert_get_tags (alert);

        g_assert_nonnull (tocsin_alert_get_id (alert));
        g_assert_true (g_utf8_validate (tocsin_alert_get_id (alert), -1, NULL));
        g_assert_true (tocsin_alert_get_message (alert) == NULL ||
                       g_utf8_validate (tocsin_alert_get_message (alert), -1, NULL));
        g_assert_true (tocsin_alert_get_owner (alert) == NULL ||
                       g_utf8_validate (tocsin_alert_get_owner (alert), -1, NULL));
        for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
          g_assert_true (g_utf8_validate (tags[j], -1, NULL));
      }
  if (next != NULL)
    g_assert_true (g_utf8_validate (next, -1, NULL));

  return 0;
}
