/* test-token-set.c: when an access token is refreshed, and the keyring form
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-token-set.h"

static TocsinTokenSet *
tokens_ending_in (gint64 seconds,
                  gint64 lifetime)
{
  TocsinTokenSet *tokens = tocsin_token_set_new ();

  tokens->access_token = g_strdup ("access");
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + seconds;
  tokens->lifetime = lifetime;
  return tokens;
}

static void
test_refresh_margin (void)
{
  struct {
    gint64   ends_in;
    gint64   lifetime;
    gboolean refresh;
  } cases[] = {
    /* An hour-long token: a minute before its end. */
    { 3600, 3600, FALSE }, { 65, 3600, FALSE }, { 55, 3600, TRUE },
    /* 40 s tokens: a quarter of their life, 10 s. */
    { 40, 40, FALSE }, { 15, 40, FALSE }, { 8, 40, TRUE },
    /* 4 s tokens: 1 s. */
    { 3, 4, FALSE }, { 0, 4, TRUE },
    /* Lifetime unknown (stored by an older version): a minute. */
    { 120, 0, FALSE }, { 55, 0, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TocsinTokenSet) tokens = tokens_ending_in (cases[i].ends_in, cases[i].lifetime);

      g_test_message ("ends in %" G_GINT64_FORMAT " s, lifetime %" G_GINT64_FORMAT " s",
                      cases[i].ends_in, cases[i].lifetime);
      g_assert_cmpint (tocsin_token_set_needs_refresh (tokens), ==, cases[i].refresh);
    }
}

static void
test_lifetime_round_trip (void)
{
  g_autoptr(TocsinTokenSet) tokens = tokens_ending_in (40, 40);
  g_autoptr(TocsinTokenSet) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  tokens->refresh_token = g_strdup ("refresh");
  json = tocsin_token_set_to_json (tokens);
  loaded = tocsin_token_set_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->lifetime, ==, 40);
  g_assert_cmpint (loaded->expires_at, ==, tokens->expires_at);
  g_assert_false (tocsin_token_set_needs_refresh (loaded));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-set/refresh-margin", test_refresh_margin);
  g_test_add_func ("/token-set/lifetime-round-trip", test_lifetime_round_trip);

  return g_test_run ();
}
