/* sandbox-main.c: options, the server, request routing
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib-unix.h>

#include "sandbox-private.h"

SbState *sb;

static const char *default_scopes =
  SB_SCOPE_READ_ALERT " " SB_SCOPE_WRITE_ALERT " " SB_SCOPE_READ_CONFIG " "
  SB_SCOPE_READ_USER " " SB_SCOPE_OFFLINE;

/* ---- options ---------------------------------------------------------- */

static gboolean
parse_options (int    *argc,
               char ***argv)
{
  SbOptions *o = &sb->opts;
  g_autofree char *scopes = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- local imitation of auth.atlassian.com and the JSM Ops API");
  g_autoptr(GError) error = NULL;
  gint64 alerts = -1;
  gint64 seed = 1;
  gint64 action_delay = 500;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &o->port, "Port (0 = any free port)", "N" },
    { "ipv6", 0, 0, G_OPTION_ARG_NONE, &o->ipv6, "Also listen on ::1", NULL },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &o->client_id, "Registered client id", "ID" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &o->client_secret, "Registered client secret", "S" },
    { "callback-url", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->callback_urls, "Allowed callback URL (repeatable)", "URL" },
    { "scopes", 0, 0, G_OPTION_ARG_STRING, &scopes, "Scopes the app may request", "\"a b c\"" },
    { "access-token-lifetime", 0, 0, G_OPTION_ARG_INT64, &o->access_token_lifetime, "Seconds", "SEC" },
    { "refresh-reuse-interval", 0, 0, G_OPTION_ARG_INT64, &o->refresh_reuse_interval, "Seconds", "SEC" },
    { "refresh-inactivity", 0, 0, G_OPTION_ARG_INT64, &o->refresh_inactivity, "Seconds", "SEC" },
    { "refresh-absolute", 0, 0, G_OPTION_ARG_INT64, &o->refresh_absolute, "Seconds", "SEC" },
    { "code-lifetime", 0, 0, G_OPTION_ARG_INT64, &o->code_lifetime, "Seconds", "SEC" },
    { "action-delay-ms", 0, 0, G_OPTION_ARG_INT64, &action_delay, "Delay of async alert actions", "MS" },
    { "alerts", 0, 0, G_OPTION_ARG_INT64, &alerts, "Generate N alerts on the first site (up to 20000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Data seed", "N" },
    { "live", 0, 0, G_OPTION_ARG_NONE, &o->live, "Create, escalate and close alerts every few seconds", NULL },
    { "auto-consent", 0, 0, G_OPTION_ARG_NONE, &o->auto_consent, "Skip the consent page", NULL },
    { "classic-scopes", 0, 0, G_OPTION_ARG_NONE, &o->classic_scopes,
      "accessible-resources lists classic scopes only", NULL },
    { "no-ops-site", 0, 0, G_OPTION_ARG_INT, &o->no_ops_site,
      "The site with this index has no Operations: its ops API answers 404", "N" },
    { "reject-pkce", 0, 0, G_OPTION_ARG_NONE, &o->reject_pkce,
      "Ignore code_challenge; the token endpoint rejects code_verifier", NULL },
    { NULL }
  };

  o->access_token_lifetime = 3600;
  o->refresh_reuse_interval = 600;
  o->refresh_inactivity = 7776000;
  o->refresh_absolute = 31536000;
  o->code_lifetime = 600;
  o->no_ops_site = -1;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_printerr ("tocsin-sandbox: %s\n", error->message);
      return FALSE;
    }
  if (alerts > SB_ALERT_WINDOW || action_delay < 0 || o->port < 0 || o->port > 65535)
    {
      g_printerr ("tocsin-sandbox: option out of range\n");
      return FALSE;
    }

  o->alerts = (int) alerts;
  o->seed = (guint) seed;
  o->action_delay_ms = (guint) action_delay;
  if (o->client_id == NULL)
    o->client_id = g_strdup ("tocsin-sandbox-client");
  if (o->client_secret == NULL)
    o->client_secret = g_strdup ("tocsin-sandbox-secret");
  if (o->callback_urls == NULL)
    {
      const char *defaults[] = { "http://localhost:8976/callback", "tocsin://callback", NULL };
      o->callback_urls = g_strdupv ((char **) defaults);
    }
  o->scopes = g_strsplit_set (scopes ? scopes : default_scopes, " ", -1);
  return TRUE;
}

/* ---- routing ---------------------------------------------------------- */

/* /ex/jira/{cloudid}/... */
static void
route_site (SoupServerMessage *msg,
            const char        *path)
{
  const char *after = path + strlen ("/ex/jira/");
  const char *slash = strchr (after, '/');
  g_autofree char *cloud_id = slash ? g_strndup (after, slash - after) : g_strdup (after);
  SbSite *site = sb_data_find_site (cloud_id);
  const char *rest = slash ? slash : "";
  const char *ops = "/jsm/ops/api/v1/";
  const char *jira = "/rest/api/3/";

  if (site == NULL)
    {
      sb_error_gateway (msg, SOUP_STATUS_NOT_FOUND, "Site not found");
      return;
    }
  if (g_str_has_prefix (rest, ops) && sb->opts.no_ops_site >= 0 &&
      (guint) sb->opts.no_ops_site < sb->sites->len &&
      g_ptr_array_index (sb->sites, sb->opts.no_ops_site) == site)
    {
      /* A Jira site without JSM Operations. */
      sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Not found", "NOT_FOUND");
      return;
    }
  if (g_str_has_prefix (rest, ops))
    {
      const char *api = rest + strlen (ops);

      if (g_str_has_prefix (api, "alerts") && sb_alerts_handle (msg, site, api))
        return;
      if (sb_schedules_handle (msg, site, api))
        return;
    }
  else if (g_str_has_prefix (rest, jira) && sb_jira_handle (msg, site, rest + strlen (jira)))
    return;

  sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Not found", "NOT_FOUND");
}

/* Routes an API or auth request; control requests never come here. */
void
sb_dispatch (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (sb_auth_handle (msg, path))
    return;
  if (g_str_has_prefix (path, "/ex/jira/"))
    {
      route_site (msg, path);
      return;
    }
  sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Not found", "NOT_FOUND");
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  if (g_str_has_prefix (path, "/_sandbox/"))
    {
      if (!sb_control_handle (msg, path))
        sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "No such control endpoint", "NOT_FOUND");
      return;
    }

  sb_control_log_request (msg);
  if (sb_control_apply_fault (msg, path))
    return;
  sb_dispatch (msg);
}

/* ---- startup ---------------------------------------------------------- */

static gboolean
listen_loopback (GError **error)
{
  g_autoptr(GInetAddress) v4 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr4 = g_inet_socket_address_new (v4, sb->opts.port);
  GSList *uris;
  int port;

  if (!soup_server_listen (sb->server, addr4, 0, error))
    return FALSE;

  uris = soup_server_get_uris (sb->server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  sb->opts.port = port;
  sb->base_url = g_strdup_printf ("http://127.0.0.1:%d", port);

  if (sb->opts.ipv6)
    {
      g_autoptr(GInetAddress) v6 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
      g_autoptr(GSocketAddress) addr6 = g_inet_socket_address_new (v6, port);

      if (!soup_server_listen (sb->server, addr6, 0, error))
        return FALSE;
    }
  return TRUE;
}

static void
print_first_line (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "auth_url");
  json_builder_add_string_value (b, sb->base_url);
  json_builder_set_member_name (b, "api_url");
  json_builder_add_string_value (b, sb->base_url);
  json_builder_set_member_name (b, "port");
  json_builder_add_int_value (b, sb->opts.port);
  json_builder_set_member_name (b, "client_id");
  json_builder_add_string_value (b, sb->opts.client_id);
  json_builder_set_member_name (b, "client_secret");
  json_builder_add_string_value (b, sb->opts.client_secret);
  json_builder_set_member_name (b, "callback_urls");
  json_builder_begin_array (b);
  for (guint i = 0; sb->opts.callback_urls[i]; i++)
    json_builder_add_string_value (b, sb->opts.callback_urls[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  fprintf (stdout, "%s\n", text);
  fflush (stdout);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;

  sb = g_new0 (SbState, 1);
  if (!parse_options (&argc, &argv))
    return 2;

  sb->token_rand = g_rand_new ();
  sb->live_rand = g_rand_new_with_seed (sb->opts.seed);
  sb->server = soup_server_new ("server-header", "tocsin-sandbox ", NULL);
  soup_server_add_handler (sb->server, NULL, server_callback, NULL, NULL);

  sb_control_init ();
  sb_auth_init ();
  sb_data_init ();

  if (!listen_loopback (&error))
    {
      g_printerr ("tocsin-sandbox: cannot listen: %s\n", error->message);
      return 1;
    }
  print_first_line ();

  if (sb->opts.live)
    sb_live_start ();

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_main_loop_run (loop);
  return 0;
}
