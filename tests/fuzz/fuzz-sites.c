/* fuzz-sites.c: the accessible-resources parser on arbitrary bytes
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "tocsin-site.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (int ops_only = 0; ops_only <= 1; ops_only++)
    {
      g_autoptr(GPtrArray) sites = NULL;
      g_autoptr(GError) error = NULL;

      sites = tocsin_site_list_from_json (size > 0 ? (const char *) data : "", size, ops_only, &error);

      /* Sites or an error, never both, never neither. */
      g_assert_true ((sites != NULL) != (error != NULL));
      if (sites == NULL)
        continue;
      for (guint i = 0; i < sites->len; i++)
        {
          TocsinSite *site = g_ptr_array_index (sites, i);

          g_assert_nonnull (tocsin_site_get_id (site));
          g_assert_cmpstr (tocsin_site_get_id (site), !=, "");
          g_assert_nonnull (tocsin_site_get_scopes (site));
          if (ops_only)
            g_assert_true (tocsin_site_has_ops_scopes (site));
          /* Listed once each. */
          for (guint j = 0; j < i; j++)
            g_assert_cmpstr (tocsin_site_get_id (g_ptr_array_index (sites, j)), !=, tocsin_site_get_id (site));
        }
    }

  return 0;
}
