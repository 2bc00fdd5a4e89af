/* sandbox-auth.c: /authorize, the consent page, /oauth/token, bearer checks
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each code exchange starts its own grant (token family), so one test's
 * refresh-token reuse cannot revoke another sign-in in the same sandbox.
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

typedef struct
{
  char     **scopes;
  char     **site_ids;
  char      *redirect_uri;
  char      *challenge;      /* NULL without PKCE */
  gint64     expires_at;
  gboolean   used;
  SbGrant   *grant;          /* set once exchanged */
} SbCode;

typedef struct
{
  SbGrant *grant;
  gint64   expires_at;
} SbAccessToken;

typedef struct
{
  SbGrant *grant;
  gint64   issued_at;
  gint64   rotated_at;       /* 0 while it is the current token */
} SbRefreshToken;

/* What is wrong with an authorize request. */
typedef struct
{
  gboolean    show_page;     /* TRUE: error page, never a redirect */
  const char *error;
  char       *description;
} AuthzProblem;

static void
code_free (gpointer data)
{
  SbCode *code = data;

  g_strfreev (code->scopes);
  g_strfreev (code->site_ids);
  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code);
}

static void
grant_free (gpointer data)
{
  SbGrant *grant = data;

  g_strfreev (grant->scopes);
  g_strfreev (grant->site_ids);
  g_free (grant);
}

void
sb_auth_init (void)
{
  sb->grants = g_ptr_array_new_with_free_func (grant_free);
  sb->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_free);
  sb->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sb->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- /authorize --------------------------------------------------------- */

static gboolean
problem (AuthzProblem *p,
         gboolean      show_page,
         const char   *error,
         const char   *description)
{
  p->show_page = show_page;
  p->error = error;
  p->description = g_strdup (description);
  return FALSE;
}

static gboolean
check_scopes (const char   *scope,
              AuthzProblem *p)
{
  g_auto(GStrv) requested = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (scope ? scope : ""));

  if (*trimmed == '\0')
    return problem (p, FALSE, "invalid_request", "scope is required");
  requested = g_strsplit_set (scope, " ", -1);
  for (guint i = 0; requested[i]; i++)
    {
      g_autofree char *description = NULL;

      if (*requested[i] == '\0' || g_strv_contains ((const char * const *) sb->opts.scopes, requested[i]))
        continue;
      description = g_strdup_printf ("Unknown scope or scope not added to the app: %s", requested[i]);
      return problem (p, FALSE, "invalid_scope", description);
    }
  return TRUE;
}

/* The seven parameters, in the order the real server seems to check them:
 * client and callback first (those cannot be redirected to), then the rest. */
static gboolean
check_authorize (GHashTable   *q,
                 AuthzProblem *p)
{
  const char *client_id = sb_query_get (q, "client_id");
  const char *redirect_uri = sb_query_get (q, "redirect_uri");
  const char *audience = sb_query_get (q, "audience");
  const char *method = sb_query_get (q, "code_challenge_method");

  if (g_strcmp0 (client_id, sb->opts.client_id) != 0)
    return problem (p, TRUE, "invalid_client", client_id ? "Unknown client_id" : "client_id is required");
  if (redirect_uri == NULL ||
      !g_strv_contains ((const char * const *) sb->opts.callback_urls, redirect_uri))
    return problem (p, TRUE, "invalid_request", "redirect_uri does not match a callback URL of the app");
  if (audience == NULL)
    return problem (p, FALSE, "invalid_request", "audience is required");
  if (g_strcmp0 (audience, "api.atlassian.com") != 0)
    return problem (p, FALSE, "access_denied", "Service not found");
  if (g_strcmp0 (sb_query_get (q, "response_type"), "code") != 0)
    return problem (p, FALSE, "unsupported_response_type", "response_type must be code");
  if (!check_scopes (sb_query_get (q, "scope"), p))
    return FALSE;
  if (sb_query_get (q, "state") == NULL || *sb_query_get (q, "state") == '\0')
    return problem (p, FALSE, "invalid_request", "state is required");
  if (g_strcmp0 (sb_query_get (q, "prompt"), "consent") != 0)
    return problem (p, FALSE, "invalid_request", "prompt must be consent");
  if (method != NULL && g_strcmp0 (method, "S256") != 0)
    return problem (p, FALSE, "invalid_request", "code_challenge_method must be S256");
  return TRUE;
}

static void
respond_error_page (SoupServerMessage *msg,
                    const char        *title,
                    const char        *detail)
{
  g_autofree char *t = sb_html_escape (title);
  g_autofree char *d = sb_html_escape (detail);
  g_autofree char *html = g_strdup_printf (
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Something went wrong</title></head>\n"
    "<body><h1 id=\"error\">%s</h1><p id=\"error-description\">%s</p></body></html>\n", t, d);

  sb_respond_text (msg, SOUP_STATUS_BAD_REQUEST, "text/html; charset=utf-8", html);
}

static void
redirect_back (SoupServerMessage *msg,
               const char        *redirect_uri,
               const char        *state,
               const char        *first_key,
               const char        *first_value,
               const char        *second_key,
               const char        *second_value)
{
  g_autofree char *url = NULL;

  /* A NULL key would end the list early, so the state goes first then. */
  if (second_key == NULL)
    url = sb_url_with_params (redirect_uri, first_key, first_value, "state", state, NULL);
  else
    url = sb_url_with_params (redirect_uri, first_key, first_value, second_key, second_value,
                              "state", state, NULL);
  sb_respond_redirect (msg, url);
}

static void
respond_problem (SoupServerMessage *msg,
                 GHashTable        *q,
                 AuthzProblem      *p)
{
  if (p->show_page)
    respond_error_page (msg, p->error, p->description);
  else
    redirect_back (msg, sb_query_get (q, "redirect_uri"), sb_query_get (q, "state"),
                   "error", p->error, "error_description", p->description);
  g_free (p->description);
}

static void
append_hidden (GString    *html,
               GHashTable *q,
               const char *name)
{
  const char *value = sb_query_get (q, name);
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = sb_html_escape (value);
  g_string_append_printf (html, "    <input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, escaped);
}

static void
append_scope_list (GString    *html,
                   const char *scope)
{
  g_auto(GStrv) scopes = g_strsplit_set (scope, " ", -1);

  g_string_append (html, "  <ul id=\"scopes\">\n");
  for (guint i = 0; scopes[i]; i++)
    {
      g_autofree char *s = sb_html_escape (scopes[i]);

      if (*scopes[i] != '\0')
        g_string_append_printf (html, "    <li>%s</li>\n", s);
    }
  g_string_append (html, "  </ul>\n");
}

static void
respond_consent_page (SoupServerMessage *msg,
                      GHashTable        *q)
{
  const char *hidden[] = { "audience", "client_id", "scope", "redirect_uri", "state",
                           "response_type", "prompt", "code_challenge", "code_challenge_method" };
  SbUser *user = sb_data_find_user (SB_USER_ACCOUNT_ID);
  g_autofree char *user_name = sb_html_escape (user->display_name);
  GString *html = g_string_new (NULL);

  g_string_append (html,
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<title>Tocsin sandbox is requesting access to your Atlassian account</title>\n"
    "<style>body{font-family:sans-serif;max-width:36em;margin:3em auto}"
    "button{font-size:1.1em;padding:.4em 1.2em;margin-right:1em}</style></head>\n<body>\n");
  g_string_append_printf (html,
    "  <h1>Tocsin sandbox is requesting access to your Atlassian account</h1>\n"
    "  <p>Signed in as <strong id=\"user\">%s</strong>. The app will be able to:</p>\n", user_name);
  append_scope_list (html, sb_query_get (q, "scope"));
  g_string_append (html, "  <form method=\"post\" action=\"/authorize/consent\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    append_hidden (html, q, hidden[i]);
  g_string_append (html, "    <fieldset><legend>Use app on</legend>\n");
  for (guint i = 0; i < sb->sites->len; i++)
    {
      SbSite *site = g_ptr_array_index (sb->sites, i);
      g_autofree char *name = sb_html_escape (site->name);

      g_string_append_printf (html,
        "      <label><input type=\"checkbox\" name=\"site\" value=\"%s\" checked> %s (%s)</label><br>\n",
        site->id, name, site->url);
    }
  g_string_append (html,
    "    </fieldset>\n"
    "    <p><button type=\"submit\" id=\"accept\" name=\"decision\" value=\"accept\">Accept</button>\n"
    "    <button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button></p>\n"
    "  </form>\n</body></html>\n");

  sb_respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html->str);
  g_string_free (html, TRUE);
}

static char *
create_code (GHashTable  *q,
             char       **site_ids)
{
  SbCode *code = g_new0 (SbCode, 1);
  char *value = sb_random_token ("sbc_");
  g_auto(GStrv) scopes = g_strsplit_set (sb_query_get (q, "scope"), " ", -1);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; scopes[i]; i++)
    if (*scopes[i] != '\0')
      g_strv_builder_add (builder, scopes[i]);
  code->scopes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  code->site_ids = site_ids;
  code->redirect_uri = g_strdup (sb_query_get (q, "redirect_uri"));
  /* A server that knows no PKCE ignores the challenge. */
  code->challenge = sb->opts.reject_pkce ? NULL : g_strdup (sb_query_get (q, "code_challenge"));
  code->expires_at = sb_now_us () + sb->opts.code_lifetime * G_USEC_PER_SEC;
  g_hash_table_insert (sb->codes, g_strdup (value), code);
  return value;
}

static char **
all_site_ids (void)
{
  char **ids = g_new0 (char *, sb->sites->len + 1);

  for (guint i = 0; i < sb->sites->len; i++)
    ids[i] = g_strdup (((SbSite *) g_ptr_array_index (sb->sites, i))->id);
  return ids;
}

static void
handle_authorize (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  AuthzProblem p = { 0 };

  if (!g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      respond_error_page (msg, "invalid_request", "Use GET");
      return;
    }
  if (!check_authorize (q, &p))
    {
      respond_problem (msg, q, &p);
      return;
    }
  if (sb->opts.auto_consent)
    {
      g_autofree char *code = create_code (q, all_site_ids ());

      redirect_back (msg, sb_query_get (q, "redirect_uri"), sb_query_get (q, "state"),
                     "code", code, NULL, NULL);
      return;
    }
  respond_consent_page (msg, q);
}

/* The ticked sites, or NULL when none (or an unknown one) was sent. */
static char **
chosen_sites (GHashTable *form)
{
  GPtrArray *values = sb_query_get_all (form, "site");
  GStrvBuilder *builder;
  char **ids;

  if (values == NULL || values->len == 0)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < values->len; i++)
    {
      const char *id = g_ptr_array_index (values, i);

      if (sb_data_find_site (id) == NULL)
        {
          g_strv_builder_unref (builder);
          return NULL;
        }
      g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

static void
handle_consent (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = sb_request_form (msg);
  AuthzProblem p = { 0 };
  const char *decision;
  g_autofree char *code = NULL;
  char **sites;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST") || form == NULL)
    {
      respond_error_page (msg, "invalid_request", "POST the consent form");
      return;
    }
  if (!check_authorize (form, &p))
    {
      respond_problem (msg, form, &p);
      return;
    }
  decision = sb_query_get (form, "decision");
  if (g_strcmp0 (decision, "deny") == 0)
    {
      redirect_back (msg, sb_query_get (form, "redirect_uri"), sb_query_get (form, "state"),
                     "error", "access_denied", "error_description", "The user denied access to the app");
      return;
    }
  if (g_strcmp0 (decision, "accept") != 0)
    {
      respond_error_page (msg, "invalid_request", "decision must be accept or deny");
      return;
    }
  sites = chosen_sites (form);
  if (sites == NULL)
    {
      respond_error_page (msg, "invalid_request", "Choose at least one site");
      return;
    }
  code = create_code (form, sites);
  redirect_back (msg, sb_query_get (form, "redirect_uri"), sb_query_get (form, "state"),
                 "code", code, NULL, NULL);
}

/* ---- /oauth/token ------------------------------------------------------- */

static const char *
field (JsonObject *obj,
       const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
revoke_grant (SbGrant *grant)
{
  if (grant != NULL)
    grant->revoked = TRUE;
}

static gboolean
grant_has_offline (SbGrant *grant)
{
  return g_strv_contains ((const char * const *) grant->scopes, SB_SCOPE_OFFLINE);
}

static void
respond_tokens (SoupServerMessage *msg,
                SbGrant           *grant)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *access = sb_random_token ("sba_");
  g_autofree char *scope = g_strjoinv (" ", grant->scopes);
  SbAccessToken *at = g_new0 (SbAccessToken, 1);
  gint64 now = sb_now_us ();

  at->grant = grant;
  at->expires_at = now + sb->opts.access_token_lifetime * G_USEC_PER_SEC;
  g_hash_table_insert (sb->access_tokens, g_strdup (access), at);

  json_object_set_string_member (obj, "access_token", access);
  json_object_set_int_member (obj, "expires_in", sb->opts.access_token_lifetime);
  json_object_set_string_member (obj, "token_type", "Bearer");
  json_object_set_string_member (obj, "scope", scope);
  if (grant_has_offline (grant))
    {
      g_autofree char *refresh = sb_random_token ("sbr_");
      SbRefreshToken *rt = g_new0 (SbRefreshToken, 1);

      rt->grant = grant;
      rt->issued_at = now;
      if (grant->absolute_expiry == 0)
        grant->absolute_expiry = now + sb->opts.refresh_absolute * G_USEC_PER_SEC;
      g_hash_table_insert (sb->refresh_tokens, g_strdup (refresh), rt);
      json_object_set_string_member (obj, "refresh_token", refresh);
    }
  sb_respond_object (msg, SOUP_STATUS_OK, obj);
}

static void
exchange_code (SoupServerMessage *msg,
               JsonObject        *body)
{
  const char *value = field (body, "code");
  const char *redirect_uri = field (body, "redirect_uri");
  const char *verifier = field (body, "code_verifier");
  SbCode *code;
  SbGrant *grant;

  if (value == NULL || redirect_uri == NULL)
    {
      sb_error_oauth (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "code and redirect_uri are required");
      return;
    }
  if (sb->opts.reject_pkce && verifier != NULL)
    {
      /* ... and, being strict, refuses a parameter it does not know. */
      sb_error_oauth (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "Unknown parameter: code_verifier");
      return;
    }
  code = g_hash_table_lookup (sb->codes, value);
  if (code == NULL || code->expires_at < sb_now_us ())
    {
      sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "Invalid authorization code");
      return;
    }
  if (code->used)
    {
      /* RFC 6749 4.1.2: a reused code revokes what it already granted. */
      revoke_grant (code->grant);
      sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "Invalid authorization code");
      return;
    }
  if (g_strcmp0 (code->redirect_uri, redirect_uri) != 0)
    {
      sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "redirect_uri does not match the authorization request");
      return;
    }
  if (code->challenge != NULL)
    {
      g_autofree char *computed = NULL;

      if (verifier != NULL)
        {
          guint8 digest[32];
          gsize len = sizeof digest;
          g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

          g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
          g_checksum_get_digest (sum, digest, &len);
          computed = g_base64_encode (digest, len);
          g_strdelimit (computed, "+", '-');
          g_strdelimit (computed, "/", '_');
          g_strdelimit (computed, "=", '\0');
        }
      if (g_strcmp0 (computed, code->challenge) != 0)
        {
          sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "Failed to verify code verifier");
          return;
        }
    }

  code->used = TRUE;
  grant = g_new0 (SbGrant, 1);
  grant->id = sb->grants->len + 1;
  grant->scopes = g_strdupv (code->scopes);
  grant->site_ids = g_strdupv (code->site_ids);
  g_ptr_array_add (sb->grants, grant);
  code->grant = grant;
  respond_tokens (msg, grant);
}

static void
refresh (SoupServerMessage *msg,
         JsonObject        *body)
{
  const char *value = field (body, "refresh_token");
  SbRefreshToken *rt;
  gint64 now = sb_now_us ();

  if (value == NULL)
    {
      sb_error_oauth (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "refresh_token is required");
      return;
    }
  rt = g_hash_table_lookup (sb->refresh_tokens, value);
  if (rt == NULL || rt->grant->revoked ||
      now > rt->issued_at + sb->opts.refresh_inactivity * G_USEC_PER_SEC)
    {
      sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "Unknown or invalid refresh token.");
      return;
    }
  if (now > rt->grant->absolute_expiry)
    {
      sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "Token has been expired or revoked.");
      return;
    }
  if (rt->rotated_at != 0 && now > rt->rotated_at + sb->opts.refresh_reuse_interval * G_USEC_PER_SEC)
    {
      /* Breach detection: a rotated token reused after the leeway. */
      revoke_grant (rt->grant);
      sb_error_oauth (msg, SOUP_STATUS_FORBIDDEN, "invalid_grant", "Unknown or invalid refresh token.");
      return;
    }
  if (rt->rotated_at == 0)
    rt->rotated_at = now;
  respond_tokens (msg, rt->grant);
}

static void
handle_token (SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  const char *grant_type;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      sb_error_oauth (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "invalid_request", "Use POST");
      return;
    }
  body = sb_request_fields (msg);
  if (body == NULL)
    {
      sb_error_oauth (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "The body must be JSON or form-encoded");
      return;
    }
  grant_type = field (body, "grant_type");
  if (grant_type == NULL)
    {
      sb_error_oauth (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "grant_type is required");
      return;
    }
  if (g_strcmp0 (field (body, "client_id"), sb->opts.client_id) != 0 ||
      g_strcmp0 (field (body, "client_secret"), sb->opts.client_secret) != 0)
    {
      sb_error_oauth (msg, SOUP_STATUS_UNAUTHORIZED, "access_denied", "Unauthorized");
      return;
    }
  if (g_str_equal (grant_type, "authorization_code"))
    exchange_code (msg, body);
  else if (g_str_equal (grant_type, "refresh_token"))
    refresh (msg, body);
  else
    sb_error_oauth (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", "Unsupported grant type");
}

/* ---- bearer tokens ------------------------------------------------------ */

static SbGrant *
bearer_grant (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (h, "Authorization");
  SbAccessToken *at;

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return NULL;
  at = g_hash_table_lookup (sb->access_tokens, auth + 7);
  if (at == NULL || at->grant->revoked || at->expires_at <= sb_now_us ())
    return NULL;
  return at->grant;
}

/* NULL (and a 401 sent) unless the token is alive, covers the site (when
 * one is given) and every required scope. */
SbGrant *
sb_auth_check_bearer (SoupServerMessage  *msg,
                      SbSite             *site,
                      const char * const *required_scopes)
{
  SbGrant *grant = bearer_grant (msg);

  if (grant == NULL)
    {
      sb_error_gateway (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");
      return NULL;
    }
  if (site != NULL && !g_strv_contains ((const char * const *) grant->site_ids, site->id))
    {
      sb_error_gateway (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");
      return NULL;
    }
  if (!sb_strv_contains_all ((const char * const *) grant->scopes, required_scopes))
    {
      sb_error_gateway (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized; scope does not match");
      return NULL;
    }
  return grant;
}

/* Granular scopes have three parts (read:ops-alert:jira-service-management). */
static gboolean
is_granular_scope (const char *scope)
{
  const char *first = strchr (scope, ':');

  return first != NULL && strchr (first + 1, ':') != NULL;
}

static void
handle_accessible_resources (SoupServerMessage *msg)
{
  SbGrant *grant = sb_auth_check_bearer (msg, NULL, NULL);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (grant == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; grant->site_ids[i]; i++)
    {
      SbSite *site = sb_data_find_site (grant->site_ids[i]);
      JsonObject *obj = json_object_new ();
      JsonArray *scopes = json_array_new ();

      for (guint j = 0; grant->scopes[j]; j++)
        {
          if (g_str_equal (grant->scopes[j], SB_SCOPE_OFFLINE) ||
              (sb->opts.classic_scopes && is_granular_scope (grant->scopes[j])))
            continue;
          json_array_add_string_element (scopes, grant->scopes[j]);
        }
      if (sb->opts.classic_scopes)
        json_array_add_string_element (scopes, "read:jira-work");
      json_object_set_string_member (obj, "id", site->id);
      json_object_set_string_member (obj, "url", site->url);
      json_object_set_string_member (obj, "name", site->name);
      json_object_set_array_member (obj, "scopes", scopes);
      json_object_set_string_member (obj, "avatarUrl", site->avatar_url);
      json_array_add_object_element (array, obj);
    }
  node = json_node_init_array (json_node_alloc (), array);
  sb_respond_json (msg, SOUP_STATUS_OK, node);
}

gboolean
sb_auth_handle (SoupServerMessage *msg,
                const char        *path)
{
  if (g_str_equal (path, "/authorize"))
    handle_authorize (msg);
  else if (g_str_equal (path, "/authorize/consent"))
    handle_consent (msg);
  else if (g_str_equal (path, "/oauth/token"))
    handle_token (msg);
  else if (g_str_equal (path, "/oauth/token/accessible-resources"))
    handle_accessible_resources (msg);
  else
    return FALSE;
  return TRUE;
}

void
sb_auth_expire_access_tokens (void)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sb->access_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((SbAccessToken *) value)->expires_at = 0;
}

void
sb_auth_revoke_all (void)
{
  for (guint i = 0; i < sb->grants->len; i++)
    revoke_grant (g_ptr_array_index (sb->grants, i));
}
