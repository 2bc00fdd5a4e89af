/* test-sign-in-leak.c: no token or secret outside the keyring
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `tocsin` binary as a separate process (its own HOME and
 * XDG dirs, G_MESSAGES_DEBUG=all, output captured to files outside them),
 * drives a full sign-in over its exported D-Bus actions with headless
 * Chromium clicking Accept, and then looks for the real access token,
 * refresh token (read back from the keyring with secret-tool) and client
 * secret in its output, in every file under its HOME/XDG dirs, and in its
 * /proc/<pid>/cmdline. A subprocess is the only way to see the process's
 * own command line and all of its output.
 */

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "tocsin-test-sandbox.h"

#define WAIT_MS 60000

static char *scratch;

static gboolean
wait_until (gboolean (*predicate) (gpointer),
            gpointer  data,
            guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (predicate (data))
        return TRUE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (100 * 1000);
    }
  return predicate (data);
}

static char *
keyring_tokens (void)
{
  const char *argv[] = { "secret-tool", "search", "--all", "--unlock",
                         "xdg:schema", "io.github.tocsin.Tocsin.Token", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, NULL, NULL));
  return g_strconcat (out, err, NULL);
}

/* The "secret = {...}" line of secret-tool's answer, parsed. */
static JsonObject *
stored_tokens (void)
{
  g_autofree char *found = keyring_tokens ();
  g_auto(GStrv) lines = g_strsplit (found, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "secret = {"))
      {
        g_autoptr(JsonNode) node = json_from_string (lines[i] + strlen ("secret = "), NULL);

        if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
          return json_object_ref (json_node_get_object (node));
      }
  return NULL;
}

static gboolean
token_stored (gpointer data)
{
  g_autoptr(JsonObject) tokens = stored_tokens ();

  return tokens != NULL && json_object_get_string_member_with_default (tokens, "access_token", NULL) != NULL;
}

static gboolean
app_on_bus (gpointer data)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (data, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  return g_variant_get_boolean (g_variant_get_child_value (reply, 0));
}

/* GApplication exports its actions as org.gtk.Actions on its object path. */
static void
activate_action (GDBusConnection *bus,
                 const char      *name,
                 GVariant        *parameter)
{
  g_autofree char *path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&params, "v", parameter);
  reply = g_dbus_connection_call_sync (bus, APP_ID, path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", name, &params, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  TocsinTestSandbox *sandbox;
  const char        *path;
} LogWait;

static gboolean
requested (gpointer data)
{
  LogWait *wait = data;

  return tocsin_test_sandbox_count_requests (wait->sandbox, "GET", wait->path) > 0;
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

static void
assert_absent (const char         *what,
               const char         *haystack,
               gsize               length,
               const char * const *secrets)
{
  for (guint i = 0; secrets[i] != NULL; i++)
    if (memmem (haystack, length, secrets[i], strlen (secrets[i])) != NULL)
      g_error ("secret %u found in %s", i, what);
}

static guint
scan_dir (const char         *dir,
          const char * const *secrets)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (d == NULL)
    return 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n_files += scan_dir (path, secrets);
      else if (g_file_get_contents (path, &contents, &length, NULL))
        {
          assert_absent (path, contents, length, secrets);
          n_files++;
        }
    }
  return n_files;
}

static void
test_no_leak (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  TocsinTestSandbox *sandbox = tocsin_test_sandbox_start (NULL);
  g_autofree char *home = g_build_filename (scratch, "app", NULL);
  g_autofree char *out_path = g_build_filename (scratch, "app.stdout", NULL);
  g_autofree char *err_path = g_build_filename (scratch, "app.stderr", NULL);
  g_autofree char *browser_log_path = g_build_filename (scratch, "browser.log", NULL);
  g_autofree char *browser_log = NULL;
  g_autofree char *tocsin = g_build_filename (g_getenv ("TOCSIN_BUILD_ROOT"), "src", "tocsin", NULL);
  g_autofree char *setup = g_build_filename (g_getenv ("TOCSIN_SOURCE_ROOT"), "tests", "ui", "setup-mimeapps.sh", NULL);
  g_autofree char *browser = g_build_filename (g_getenv ("TOCSIN_SOURCE_ROOT"), "tests", "ui", "test-browser.py", NULL);
  g_autofree char *alerts_path = NULL;
  g_autofree char *cmdline_path = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(GError) error = NULL;
  const char *dirs[][2] = {
    { "HOME", "home" }, { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };
  const char *secrets[4] = { NULL };
  gsize length;
  LogWait wait;

  g_assert_nonnull (bus);
  g_assert_false (app_on_bus (bus));

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (home, dirs[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_subprocess_launcher_setenv (launcher, dirs[i][0], path, TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "TOCSIN_TEST_BROWSER_ACTION", "accept", TRUE);
  g_subprocess_launcher_setenv (launcher, "TOCSIN_TEST_BROWSER_LOG", browser_log_path, TRUE);
  /* The secret travels in the environment, as build-aux/demo passes it. */
  g_subprocess_launcher_setenv (launcher, "TOCSIN_CLIENT_SECRET",
                                tocsin_test_sandbox_get_client_secret (sandbox), TRUE);

  /* The app's desktop: headless Chromium as its only browser. */
  {
    g_autoptr(GSubprocess) sh = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", setup, browser, NULL);

    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (sh, NULL, &error));
    g_assert_no_error (error);
  }

  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  app = g_subprocess_launcher_spawn (launcher, &error, tocsin,
                                     "--auth-url", tocsin_test_sandbox_get_auth_url (sandbox),
                                     "--api-url", tocsin_test_sandbox_get_api_url (sandbox),
                                     "--client-id", tocsin_test_sandbox_get_client_id (sandbox),
                                     NULL);
  g_assert_no_error (error);
  g_assert_true (wait_until (app_on_bus, bus, 15000));

  /* A full flow: the browser clicks Accept, then a site is picked. */
  activate_action (bus, "sign-in", NULL);
  g_assert_true (wait_until (token_stored, NULL, WAIT_MS));
  activate_action (bus, "site", g_variant_new_string (tocsin_test_sandbox_get_cloud_id (sandbox, 0)));
  alerts_path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/alerts", tocsin_test_sandbox_get_cloud_id (sandbox, 0));
  wait.sandbox = sandbox;
  wait.path = alerts_path;
  g_assert_true (wait_until (requested, &wait, 20000));

  /* The real values, from the keyring. */
  tokens = stored_tokens ();
  g_assert_nonnull (tokens);
  secrets[0] = json_object_get_string_member (tokens, "access_token");
  secrets[1] = json_object_get_string_member (tokens, "refresh_token");
  secrets[2] = tocsin_test_sandbox_get_client_secret (sandbox);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (secrets[i]);
      g_assert_cmpuint (strlen (secrets[i]), >=, 16);
    }

  cmdline_path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (app));
  g_assert_true (g_file_get_contents (cmdline_path, &cmdline, &length, NULL));
  /* The command line really is the app's, with its overrides. */
  g_assert_nonnull (memmem (cmdline, length, "--client-id", strlen ("--client-id")));
  assert_absent ("/proc/<pid>/cmdline", cmdline, length, secrets);

  activate_action (bus, "quit", NULL);
  if (!wait_until (exited, app, 15000))
    {
      g_subprocess_force_exit (app);
      g_subprocess_wait (app, NULL, NULL);
    }

  g_assert_true (g_file_get_contents (out_path, &out, &length, NULL));
  assert_absent ("stdout", out, length, secrets);
  g_assert_true (g_file_get_contents (err_path, &err, &length, NULL));
  assert_absent ("stderr", err, length, secrets);
  /* The debug output (GLib writes it to stdout) was really on and captured. */
  g_assert_true (strstr (out, "tocsin-auth-DEBUG") != NULL || strstr (err, "tocsin-auth-DEBUG") != NULL);

  g_assert_cmpuint (scan_dir (home, secrets), >, 0);

  /* The browser the app launched did not inherit the secret. */
  g_assert_true (g_file_get_contents (browser_log_path, &browser_log, NULL, NULL));
  g_assert_nonnull (strstr (browser_log, "client secret in environment: no\n"));
  g_assert_null (strstr (browser_log, "client secret in environment: yes"));

  /* Leave the shared keyring as it was. */
  {
    const char *argv[] = { "secret-tool", "clear", "xdg:schema", "io.github.tocsin.Tocsin.Token", NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  tocsin_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template = g_build_filename (g_getenv ("TOCSIN_TEST_SCRATCH") ? g_getenv ("TOCSIN_TEST_SCRATCH")
                                                                                 : g_get_tmp_dir (),
                                                "sign-in-leak-XXXXXX", NULL);

  g_test_init (&argc, &argv, NULL);
  scratch = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (scratch);

  g_test_add_func ("/sign-in/no-leak", test_no_leak);

  return g_test_run ();
}
