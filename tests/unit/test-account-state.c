/* test-account-state.c: the per-account state file and its neighbours
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tocsin-account-state.h"

#define AUTH_SERVER "https://auth.example.com"
#define CLIENT_ID   "client-id"

/* One stable file per server, client and account, in the state dir, and
 * the announced ids beside it. */
static void
test_paths (void)
{
  g_autoptr(TocsinAccountState) state = tocsin_account_state_new (AUTH_SERVER, CLIENT_ID, "account-1");
  g_autoptr(TocsinAccountState) same = tocsin_account_state_new (AUTH_SERVER, CLIENT_ID, "account-1");
  g_autoptr(TocsinAccountState) other = tocsin_account_state_new (AUTH_SERVER, CLIENT_ID, "account-2");
  g_autoptr(TocsinAccountState) elsewhere = tocsin_account_state_new ("https://other.example.com",
                                                                      CLIENT_ID, "account-1");
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "tocsin", NULL);
  g_autofree char *announced = NULL;
  const char *path = tocsin_account_state_get_path (state);

  g_assert_cmpstr (path, ==, tocsin_account_state_get_path (same));
  g_assert_cmpstr (path, !=, tocsin_account_state_get_path (other));
  g_assert_cmpstr (path, !=, tocsin_account_state_get_path (elsewhere));
  g_assert_true (g_str_has_prefix (path, dir));
  /* The name says nothing about the account. */
  g_assert_null (strstr (path, "account-1"));

  announced = g_strconcat (path, ".announced", NULL);
  g_assert_cmpstr (tocsin_account_state_get_announced_path (state), ==, announced);
}

static void
test_round_trip (void)
{
  g_autoptr(TocsinAccountState) state = tocsin_account_state_new (AUTH_SERVER, CLIENT_ID, "account-1");
  g_autoptr(TocsinAccountState) later = tocsin_account_state_new (AUTH_SERVER, CLIENT_ID, "account-1");
  const char * const scopes[] = { "read:ops-alert:jira-service-management", "offline_access", NULL };
  g_autoptr(TocsinSite) site = tocsin_site_new ("cloud-1", "Acme", "https://acme.atlassian.net",
                                                scopes, NULL);
  g_autoptr(TocsinSite) loaded = NULL;
  g_autofree char *name = NULL;

  g_assert_null (tocsin_account_state_load_site (state));
  g_assert_null (tocsin_account_state_load_name (state));

  tocsin_account_state_save_site (state, site);
  tocsin_account_state_save_name (state, "Dana Okafor");

  loaded = tocsin_account_state_load_site (later);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (tocsin_site_get_id (loaded), ==, "cloud-1");
  g_assert_cmpstr (tocsin_site_get_name (loaded), ==, "Acme");
  g_assert_cmpstr (tocsin_site_get_url (loaded), ==, "https://acme.atlassian.net");
  g_assert_null (tocsin_site_get_avatar_url (loaded));
  g_assert_cmpstrv (tocsin_site_get_scopes (loaded), scopes);
  name = tocsin_account_state_load_name (later);
  g_assert_cmpstr (name, ==, "Dana Okafor");
}

/* What other parts of the app keep in the file stays when the site is
 * saved; signing out deletes the file and the announced ids. */
static void
test_other_groups_and_delete (void)
{
  g_autoptr(TocsinAccountState) state = tocsin_account_state_new (AUTH_SERVER, CLIENT_ID, "account-3");
  g_autoptr(TocsinSite) site = tocsin_site_new ("cloud-2", "Beta", NULL, NULL, NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;
  const char *path = tocsin_account_state_get_path (state);
  const char *announced = tocsin_account_state_get_announced_path (state);

  tocsin_account_state_save_site (state, site);
  g_assert_true (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_key_file_set_string (key_file, "other", "key", "value");
  g_assert_true (g_key_file_save_to_file (key_file, path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&key_file, g_key_file_unref);

  tocsin_account_state_save_site (state, site);
  tocsin_account_state_save_name (state, "Dana");
  key_file = g_key_file_new ();
  g_assert_true (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  other = g_key_file_get_value (key_file, "other", "key", NULL);
  g_assert_cmpstr (other, ==, "value");

  g_assert_true (g_file_set_contents (announced, "alert-1\n", -1, &error));
  g_assert_no_error (error);
  tocsin_account_state_delete (state);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (announced, G_FILE_TEST_EXISTS));
  /* Deleting what is gone already is no error. */
  tocsin_account_state_delete (state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/account-state/paths", test_paths);
  g_test_add_func ("/account-state/round-trip", test_round_trip);
  g_test_add_func ("/account-state/other-groups-and-delete", test_other_groups_and_delete);

  return g_test_run ();
}
