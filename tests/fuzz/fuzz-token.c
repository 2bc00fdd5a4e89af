/* fuzz-token.c: the token endpoint's answer and the stored token set on arbitrary bytes
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "tocsin-oauth-client.h"
#include "tocsin-token-set.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autofree char *text = g_strndup ((const char *) data, size);
  const guint statuses[] = { 200, 400, 401, 403, 500 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (int refresh = 0; refresh <= 1; refresh++)
      {
        g_autoptr(TocsinTokenSet) tokens = NULL;
        g_autoptr(GError) error = NULL;

        tokens = tocsin_oauth_client_parse_token_response (statuses[i], bytes, refresh, &error);

        /* Tokens or an error to show, never both, never neither. */
        g_assert_true ((tokens != NULL) != (error != NULL));
        if (tokens != NULL)
          {
            g_autofree char *stored = tocsin_token_set_to_json (tokens);
            g_autoptr(TocsinTokenSet) back = tocsin_token_set_from_json (stored, NULL);

            g_assert_cmpuint (statuses[i], ==, 200);
            g_assert_nonnull (tokens->access_token);
            g_assert_nonnull (back);
            g_assert_cmpstr (back->access_token, ==, tokens->access_token);
            g_assert_cmpint (back->expires_at, ==, tokens->expires_at);
          }
        else
          g_assert_nonnull (error->message);
      }

  /* What the keyring holds is read by the same rules. */
  {
    g_autoptr(TocsinTokenSet) stored = tocsin_token_set_from_json (text, NULL);

    if (stored != NULL)
      g_assert_true (stored->access_token != NULL || stored->needs_reauth);
  }

  return 0;
}
