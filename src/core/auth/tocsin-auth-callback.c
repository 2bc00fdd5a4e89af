/* tocsin-auth-callback.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tocsin-auth-callback.h"
#include "tocsin-auth-error.h"

/* Compares without stopping at the first difference, so the time taken does
 * not tell an attacker how much of a guessed state was right. */
static gboolean
secure_str_equal (const char *a,
                  const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guint8 diff = len_a != len_b;

  for (gsize i = 0; i < len_a && i < len_b; i++)
    diff |= (guint8)a[i] ^ (guint8)b[i];

  return diff == 0;
}

static gboolean
is_error_token (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 64)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (value[i]) && value[i] != '_')
      return FALSE;

  return TRUE;
}

/* The query's parameters; a repeated one is kept once, and the state
 * emptied. */
static GHashTable *
read_params (GUri      *parsed,
             gboolean  *repeated,
             GError   **error)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  const char *query = g_uri_get_query (parsed);
  GUriParamsIter iter;
  char *attr;
  char *value;

  if (query == NULL)
    return g_steal_pointer (&params);

  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_NONE);
  while (g_uri_params_iter_next (&iter, &attr, &value, &local_error))
    {
      if (g_hash_table_contains (params, attr))
        {
          /* The state too: a second copy could smuggle in a foreign one. */
          *repeated = TRUE;
          if (g_str_equal (attr, "state"))
            g_hash_table_replace (params, attr, g_strdup (""));
          else
            g_free (attr);
          g_free (value);
          continue;
        }
      g_hash_table_insert (params, attr, value);
    }

  if (local_error != NULL)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("The sign-in response could not be read. Sign in again."));
      return NULL;
    }

  return g_steal_pointer (&params);
}

static void
set_oauth_error (GError     **error,
                 const char  *oauth_error)
{
  if (g_str_equal (oauth_error, "access_denied"))
    g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_ACCESS_DENIED,
                         _("Access was refused in the browser, so Tocsin is not signed in. "
                           "To sign in, try again and choose Accept."));
  else
    /* Only a plain error code is shown: the rest of the URL is untrusted. */
    g_set_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED,
                 _("The authorization server refused the sign-in (%s). Try again; if it keeps "
                   "failing, check the app’s settings in the Atlassian developer console."),
                 is_error_token (oauth_error) ? oauth_error : "invalid_request");
}

/**
 * tocsin_auth_parse_callback:
 * @uri: the URI the browser was redirected to (as received or pasted)
 * @expected_state: the state sent with the authorization request
 * @error: return location for a %TOCSIN_AUTH_ERROR
 *
 * Pure function: no I/O, no globals. A callback whose `state` is missing,
 * repeated or different gives %TOCSIN_AUTH_ERROR_INVALID_STATE: it cannot be
 * tied to this flow, so callers ignore it and keep waiting. Once the state
 * matches, every other failure ends the flow: `error=access_denied` gives
 * %TOCSIN_AUTH_ERROR_ACCESS_DENIED, another `error=` gives
 * %TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED, a missing `code` or any repeated
 * parameter (a sign of tampering) gives %TOCSIN_AUTH_ERROR_INVALID_CALLBACK.
 *
 * Returns: (transfer full) (nullable): the authorization code
 */
char *
tocsin_auth_parse_callback (const char  *uri,
                            const char  *expected_state,
                            GError     **error)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *trimmed = NULL;
  const char *state;
  const char *oauth_error;
  const char *code;
  gboolean repeated = FALSE;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (expected_state != NULL && *expected_state != '\0', NULL);

  trimmed = g_strstrip (g_strdup (uri));
  parsed = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("This is not a web address. Paste the whole address the browser "
                             "showed after you chose Accept."));
      return NULL;
    }

  params = read_params (parsed, &repeated, error);
  if (params == NULL)
    return NULL;

  state = g_hash_table_lookup (params, "state");
  if (state == NULL || *state == '\0' || !secure_str_equal (state, expected_state))
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                           _("This sign-in response does not belong to the sign-in in progress "
                             "(its state is wrong or was already used). Use the newest sign-in link."));
      return NULL;
    }

  if (repeated)
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_CALLBACK,
                           _("The sign-in response repeats a parameter, which is a sign of tampering. "
                             "Nothing was stored. Sign in again."));
      return NULL;
    }

  oauth_error = g_hash_table_lookup (params, "error");
  if (oauth_error != NULL)
    {
      set_oauth_error (error, oauth_error);
      return NULL;
    }

  code = g_hash_table_lookup (params, "code");
  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_CALLBACK,
                           _("The sign-in response has no authorization code. Sign in again."));
      return NULL;
    }

  return g_strdup (code);
}

/* Whether @redirect_uri is a custom-scheme callback (tocsin://…), handed to
 * the application rather than to a loopback server. */
gboolean
tocsin_auth_callback_is_custom_scheme (const char *redirect_uri)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (redirect_uri != NULL, FALSE);

  scheme = g_uri_parse_scheme (redirect_uri);
  return scheme != NULL &&
         g_ascii_strcasecmp (scheme, "http") != 0 &&
         g_ascii_strcasecmp (scheme, "https") != 0;
}

/* Whether @uri is addressed to @redirect_uri: same scheme, host, port, path. */
gboolean
tocsin_auth_callback_matches_redirect (const char *uri,
                                       const char *redirect_uri)
{
  g_autoptr(GUri) a = NULL;
  g_autoptr(GUri) b = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (redirect_uri != NULL, FALSE);

  a = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  b = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  if (a == NULL || b == NULL)
    return FALSE;

  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b) &&
         g_strcmp0 (g_uri_get_path (a), g_uri_get_path (b)) == 0;
}
