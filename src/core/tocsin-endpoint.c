/* tocsin-endpoint.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-endpoint"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-endpoint.h"

/* Tokens travel to these endpoints, so anything but a loopback address must
 * be https: plain http is only for the local sandbox and tests. */

G_DEFINE_QUARK (tocsin-endpoint-error-quark, tocsin_endpoint_error)

/**
 * tocsin_endpoint_is_loopback_host:
 * @host: (nullable): a host name or address literal (IPv6 without brackets)
 *
 * Returns: %TRUE for "localhost", 127.0.0.0/8 and ::1
 */
gboolean
tocsin_endpoint_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* Literals only: a name that merely resolves to 127.0.0.1 is not trusted. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * tocsin_endpoint_validate:
 * @url: a base URL such as "https://auth.atlassian.com"
 * @error: set to a %TOCSIN_ENDPOINT_ERROR with a message for the user
 *
 * Returns: %TRUE when @url is https, or http to a loopback address
 */
gboolean
tocsin_endpoint_validate (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, TOCSIN_ENDPOINT_ERROR, TOCSIN_ENDPOINT_ERROR_INVALID,
                           _("No server address is set."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, TOCSIN_ENDPOINT_ERROR, TOCSIN_ENDPOINT_ERROR_INVALID,
                   _("“%s” is not a valid server address. Enter a URL that starts with https://."),
                   url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !tocsin_endpoint_is_loopback_host (host))
    {
      g_set_error (error, TOCSIN_ENDPOINT_ERROR, TOCSIN_ENDPOINT_ERROR_INSECURE,
                   _("“%s” uses unencrypted http. Only local addresses (localhost, 127.0.0.1, ::1) "
                     "may use http; use https:// for this server."),
                   url);
      return FALSE;
    }

  return TRUE;
}
