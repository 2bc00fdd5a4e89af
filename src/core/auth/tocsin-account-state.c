/* tocsin-account-state.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "tocsin-account-state.h"

/* The non-secret state of one signed-in account, never tokens: a small key
 * file under $XDG_STATE_HOME/tocsin/ with the chosen site (group "site") and
 * the display name (group "account"), and beside it the ids of the alerts
 * already announced (".announced", written by the notifier). Its name is a
 * hash of the authorization server, client id and account id. Signing out
 * deletes both. */

struct _TocsinAccountState
{
  GObject  parent_instance;

  char    *path;
  char    *announced_path;
};

G_DEFINE_FINAL_TYPE (TocsinAccountState, tocsin_account_state, G_TYPE_OBJECT)

/* Auxiliary methods */

static GKeyFile *
load_key_file (TocsinAccountState *self,
               GKeyFileFlags       flags)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, self->path, flags, NULL))
    return NULL;
  return g_steal_pointer (&key_file);
}

/* Keeps whatever else other parts of the app store for this account. */
static GKeyFile *
load_for_update (TocsinAccountState *self)
{
  GKeyFile *key_file = load_key_file (self, G_KEY_FILE_KEEP_COMMENTS);

  return key_file != NULL ? key_file : g_key_file_new ();
}

static void
delete_file (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not delete %s: %s", path, g_strerror (errno));
}

/* GObject overrides */

static void
tocsin_account_state_finalize (GObject *object)
{
  TocsinAccountState *self = (TocsinAccountState *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->announced_path, g_free);

  G_OBJECT_CLASS (tocsin_account_state_parent_class)->finalize (object);
}

static void
tocsin_account_state_class_init (TocsinAccountStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_account_state_finalize;
}

static void
tocsin_account_state_init (TocsinAccountState *self)
{
}

/* Public API */

TocsinAccountState *
tocsin_account_state_new (const char *auth_server,
                          const char *client_id,
                          const char *account_id)
{
  TocsinAccountState *self;
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (auth_server != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  /* Hashed: the account id, server and client make one stable, safe name. */
  key = g_strdup_printf ("%s\n%s\n%s", auth_server, client_id, account_id);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  digest[32] = '\0';
  name = g_strdup_printf ("account-%s.ini", digest);

  self = g_object_new (TOCSIN_TYPE_ACCOUNT_STATE, NULL);
  self->path = g_build_filename (g_get_user_state_dir (), "tocsin", name, NULL);
  self->announced_path = g_strconcat (self->path, ".announced", NULL);
  return self;
}

/* The key file; other non-secret per-account state may use other groups. */
const char *
tocsin_account_state_get_path (TocsinAccountState *self)
{
  g_return_val_if_fail (TOCSIN_IS_ACCOUNT_STATE (self), NULL);
  return self->path;
}

/* Where the notifier keeps the ids of the alerts it announced, so a restart
 * does not page again. */
const char *
tocsin_account_state_get_announced_path (TocsinAccountState *self)
{
  g_return_val_if_fail (TOCSIN_IS_ACCOUNT_STATE (self), NULL);
  return self->announced_path;
}

/* Returns: (transfer full) (nullable): the site chosen last */
TocsinSite *
tocsin_account_state_load_site (TocsinAccountState *self)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *avatar_url = NULL;
  g_auto(GStrv) scopes = NULL;

  g_return_val_if_fail (TOCSIN_IS_ACCOUNT_STATE (self), NULL);

  key_file = load_key_file (self, G_KEY_FILE_NONE);
  if (key_file == NULL)
    return NULL;

  id = g_key_file_get_string (key_file, "site", "id", NULL);
  if (id == NULL || *id == '\0')
    return NULL;

  name = g_key_file_get_string (key_file, "site", "name", NULL);
  url = g_key_file_get_string (key_file, "site", "url", NULL);
  avatar_url = g_key_file_get_string (key_file, "site", "avatar-url", NULL);
  scopes = g_key_file_get_string_list (key_file, "site", "scopes", NULL, NULL);

  return tocsin_site_new (id, name, url, (const char * const *)scopes, avatar_url);
}

void
tocsin_account_state_save_site (TocsinAccountState *self,
                                TocsinSite         *site)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const char * const *scopes;

  g_return_if_fail (TOCSIN_IS_ACCOUNT_STATE (self));
  g_return_if_fail (TOCSIN_IS_SITE (site));

  key_file = load_for_update (self);
  scopes = tocsin_site_get_scopes (site);
  g_key_file_set_string (key_file, "site", "id", tocsin_site_get_id (site));
  g_key_file_set_string (key_file, "site", "name", tocsin_site_get_name (site));
  if (tocsin_site_get_url (site) != NULL)
    g_key_file_set_string (key_file, "site", "url", tocsin_site_get_url (site));
  if (tocsin_site_get_avatar_url (site) != NULL)
    g_key_file_set_string (key_file, "site", "avatar-url", tocsin_site_get_avatar_url (site));
  if (scopes != NULL)
    g_key_file_set_string_list (key_file, "site", "scopes", scopes, g_strv_length ((GStrv)scopes));

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, self->path, &error))
    g_warning ("Could not remember the chosen site in %s: %s", self->path,
               error != NULL ? error->message : g_strerror (errno));
}

/* The display name, because the API names an alert's owner by it ("Assigned
 * to me" compares it); /myself is only asked at sign-in. Not secret. */
char *
tocsin_account_state_load_name (TocsinAccountState *self)
{
  g_autoptr(GKeyFile) key_file = NULL;

  g_return_val_if_fail (TOCSIN_IS_ACCOUNT_STATE (self), NULL);

  key_file = load_key_file (self, G_KEY_FILE_NONE);
  if (key_file == NULL)
    return NULL;
  return g_key_file_get_string (key_file, "account", "name", NULL);
}

void
tocsin_account_state_save_name (TocsinAccountState *self,
                                const char         *name)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TOCSIN_IS_ACCOUNT_STATE (self));

  if (name == NULL)
    return;
  /* Written after the site, so the file and its directory exist. */
  key_file = load_for_update (self);
  g_key_file_set_string (key_file, "account", "name", name);
  if (!g_key_file_save_to_file (key_file, self->path, &error))
    g_warning ("Could not remember the account name in %s: %s", self->path, error->message);
}

/* Signing out: the key file and the announced ids go. */
void
tocsin_account_state_delete (TocsinAccountState *self)
{
  g_return_if_fail (TOCSIN_IS_ACCOUNT_STATE (self));

  delete_file (self->path);
  delete_file (self->announced_path);
}

/* Who was signed in last, and on which site: read at start-up so the window
 * can show that account's cached alerts before the keyring answers. Only
 * ids, which are not secret; one file for the app, as only one account is
 * signed in at a time. */

static char *
last_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "tocsin", "last-account.ini", NULL);
}

/* Returns: whether an account was signed in last with @auth_server and
 * @client_id; then @account_id and @site_id are set */
gboolean
tocsin_account_state_load_last (const char  *auth_server,
                                const char  *client_id,
                                char       **account_id,
                                char       **site_id)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = last_path ();
  g_autofree char *server = NULL;
  g_autofree char *client = NULL;
  g_autofree char *account = NULL;
  g_autofree char *site = NULL;

  g_return_val_if_fail (account_id != NULL && site_id != NULL, FALSE);

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  server = g_key_file_get_string (key_file, "last", "auth-server", NULL);
  client = g_key_file_get_string (key_file, "last", "client-id", NULL);
  account = g_key_file_get_string (key_file, "last", "account-id", NULL);
  site = g_key_file_get_string (key_file, "last", "site-id", NULL);
  if (g_strcmp0 (server, auth_server) != 0 || g_strcmp0 (client, client_id) != 0 ||
      account == NULL || *account == '\0' || site == NULL || *site == '\0')
    return FALSE;

  *account_id = g_steal_pointer (&account);
  *site_id = g_steal_pointer (&site);
  return TRUE;
}

void
tocsin_account_state_save_last (const char *auth_server,
                                const char *client_id,
                                const char *account_id,
                                const char *site_id)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = last_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_if_fail (auth_server != NULL && client_id != NULL);
  g_return_if_fail (account_id != NULL && site_id != NULL);

  g_key_file_set_string (key_file, "last", "auth-server", auth_server);
  g_key_file_set_string (key_file, "last", "client-id", client_id);
  g_key_file_set_string (key_file, "last", "account-id", account_id);
  g_key_file_set_string (key_file, "last", "site-id", site_id);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Could not remember the account signed in in %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
}

/* Signing out: the next start shows nobody's alerts. */
void
tocsin_account_state_delete_last (void)
{
  g_autofree char *path = last_path ();

  delete_file (path);
}
