/* tocsin-auth-request.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "tocsin-auth-callback.h"
#include "tocsin-auth-error.h"
#include "tocsin-auth-request.h"

/* One authorization request: the URL to open in the browser, and the secrets
 * bound to it (state, PKCE verifier). The state is accepted once and only
 * within TOCSIN_AUTH_FLOW_LIFETIME_SECONDS of creation. */

struct _TocsinAuthRequest
{
  GObject  parent_instance;

  char    *uri;
  char    *state;
  char    *code_verifier;   /* NULL without PKCE */
  char    *redirect_uri;
  char    *client_id;
  gint64   expires_at;      /* monotonic µs */
  gboolean used;
};

G_DEFINE_FINAL_TYPE (TocsinAuthRequest, tocsin_auth_request, G_TYPE_OBJECT)

/* Authorization servers that refused PKCE, by base URL, in
 * $XDG_STATE_HOME/tocsin/auth-servers.ini (not a secret): sign-ins there
 * go without it. */
static char *
auth_servers_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "tocsin", "auth-servers.ini", NULL);
}

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void
tocsin_auth_request_finalize (GObject *object)
{
  TocsinAuthRequest *self = (TocsinAuthRequest *)object;

  wipe_string (&self->state);
  wipe_string (&self->code_verifier);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (tocsin_auth_request_parent_class)->finalize (object);
}

static void
tocsin_auth_request_class_init (TocsinAuthRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_auth_request_finalize;
}

static void
tocsin_auth_request_init (TocsinAuthRequest *self)
{
}

/**
 * tocsin_auth_base64url_encode:
 *
 * Returns: (transfer full): @data in base64url (RFC 4648 §5) without padding
 */
char *
tocsin_auth_base64url_encode (const guint8 *data,
                              gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

/**
 * tocsin_auth_random_string:
 * @n_bytes: how many random bytes (at most 256)
 *
 * Reads from getrandom(2). There is deliberately no fallback to a weaker
 * generator: without the kernel's CSPRNG, signing in fails.
 *
 * Returns: (transfer full) (nullable): @n_bytes in base64url without padding
 */
char *
tocsin_auth_random_string (gsize    n_bytes,
                           GError **error)
{
  guint8 buffer[256];
  gsize filled = 0;
  char *text;

  g_return_val_if_fail (n_bytes > 0 && n_bytes <= sizeof buffer, NULL);

  while (filled < n_bytes)
    {
      ssize_t n = getrandom (buffer + filled, n_bytes - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          explicit_bzero (buffer, sizeof buffer);
          g_set_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_FAILED,
                       _("The system could not provide secure random numbers (%s), so signing in "
                         "is not safe."),
                       g_strerror (saved_errno));
          return NULL;
        }
      filled += n;
    }

  text = tocsin_auth_base64url_encode (buffer, n_bytes);
  explicit_bzero (buffer, sizeof buffer);

  return text;
}

/**
 * tocsin_auth_pkce_challenge:
 *
 * Returns: (transfer full): the S256 code challenge of RFC 7636 §4.2
 */
char *
tocsin_auth_pkce_challenge (const char *code_verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (code_verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *)code_verifier, strlen (code_verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);

  return tocsin_auth_base64url_encode (digest, digest_len);
}

static void
append_param (GString    *str,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  if (str->str[str->len - 1] != '?')
    g_string_append_c (str, '&');
  g_string_append_printf (str, "%s=%s", name, escaped);
}

/**
 * tocsin_auth_request_new:
 * @auth_base_url: e.g. "https://auth.atlassian.com" (already validated)
 * @client_id: the app's client id
 * @redirect_uri: the callback URL registered for the app
 * @scopes: (nullable): space-separated scopes, %NULL for %TOCSIN_AUTH_DEFAULT_SCOPES
 * @use_pkce: whether to send an S256 code challenge
 *
 * Returns: (transfer full) (nullable): a new request, or %NULL when no
 *   secure random numbers are available
 */
TocsinAuthRequest *
tocsin_auth_request_new (const char  *auth_base_url,
                         const char  *client_id,
                         const char  *redirect_uri,
                         const char  *scopes,
                         gboolean     use_pkce,
                         GError     **error)
{
  g_autoptr(TocsinAuthRequest) self = NULL;
  g_autoptr(GString) uri = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (auth_base_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_AUTH_REQUEST, NULL);
  self->client_id = g_strdup (client_id);
  self->redirect_uri = g_strdup (redirect_uri);
  self->expires_at = g_get_monotonic_time () + TOCSIN_AUTH_FLOW_LIFETIME_SECONDS * G_USEC_PER_SEC;

  self->state = tocsin_auth_random_string (32, error);
  if (self->state == NULL)
    return NULL;

  base = g_strdup (auth_base_url);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  uri = g_string_new (base);
  g_string_append (uri, "/authorize?");
  append_param (uri, "audience", "api.atlassian.com");
  append_param (uri, "client_id", client_id);
  append_param (uri, "scope", scopes != NULL ? scopes : TOCSIN_AUTH_DEFAULT_SCOPES);
  append_param (uri, "redirect_uri", redirect_uri);
  append_param (uri, "state", self->state);
  append_param (uri, "response_type", "code");
  append_param (uri, "prompt", "consent");

  if (use_pkce)
    {
      g_autofree char *challenge = NULL;

      self->code_verifier = tocsin_auth_random_string (32, error);
      if (self->code_verifier == NULL)
        return NULL;
      challenge = tocsin_auth_pkce_challenge (self->code_verifier);
      append_param (uri, "code_challenge", challenge);
      append_param (uri, "code_challenge_method", "S256");
    }

  self->uri = g_string_free (g_steal_pointer (&uri), FALSE);

  return g_steal_pointer (&self);
}

/* The URL to open in the browser (and to offer for copying). */
const char *
tocsin_auth_request_get_uri (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), NULL);
  return self->uri;
}

const char *
tocsin_auth_request_get_state (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), NULL);
  return self->state;
}

/* %NULL when the request was made without PKCE. */
const char *
tocsin_auth_request_get_code_verifier (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), NULL);
  return self->code_verifier;
}

const char *
tocsin_auth_request_get_redirect_uri (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), NULL);
  return self->redirect_uri;
}

const char *
tocsin_auth_request_get_client_id (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), NULL);
  return self->client_id;
}

gboolean
tocsin_auth_request_is_expired (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), TRUE);
  return g_get_monotonic_time () >= self->expires_at;
}

gboolean
tocsin_auth_request_is_used (TocsinAuthRequest *self)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), TRUE);
  return self->used;
}

/* Whether a sign-in without PKCE worked on @auth_server after it refused
 * the verifier: sign-ins there go without it. */
gboolean
tocsin_auth_request_server_refuses_pkce (const char *auth_server)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = auth_servers_path ();
  g_autoptr(GError) error = NULL;
  gboolean pkce;

  g_return_val_if_fail (auth_server != NULL, FALSE);

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  pkce = g_key_file_get_boolean (key_file, auth_server, "pkce", &error);
  return error == NULL && !pkce;
}

void
tocsin_auth_request_remember_pkce_refused (const char *auth_server)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = auth_servers_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_if_fail (auth_server != NULL);

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_boolean (key_file, auth_server, "pkce", FALSE);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Could not remember in %s that %s refuses PKCE: %s", path, auth_server,
               error != NULL ? error->message : g_strerror (errno));
}

/* Lets tests reach the 10-minute limit without waiting for it. */
void
tocsin_auth_request_expire_for_testing (TocsinAuthRequest *self)
{
  g_return_if_fail (TOCSIN_IS_AUTH_REQUEST (self));
  self->expires_at = g_get_monotonic_time ();
}

/**
 * tocsin_auth_request_check_callback:
 * @uri: the callback URI as received
 *
 * Checks @uri against this request with tocsin_auth_parse_callback(). A
 * callback whose state matches uses the request up, whatever its outcome;
 * one that does not match (%TOCSIN_AUTH_ERROR_INVALID_STATE) leaves it
 * waiting for the real one.
 *
 * Returns: (transfer full) (nullable): the authorization code
 */
char *
tocsin_auth_request_check_callback (TocsinAuthRequest  *self,
                                    const char         *uri,
                                    GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  if (self->used)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("This sign-in response was already used. Sign in again."));
      return NULL;
    }

  code = tocsin_auth_parse_callback (uri, self->state, &local_error);
  if (g_error_matches (local_error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self->used = TRUE;

  if (tocsin_auth_request_is_expired (self))
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_EXPIRED,
                           _("The sign-in took longer than 10 minutes and has expired. Sign in again."));
      return NULL;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&code);
}
