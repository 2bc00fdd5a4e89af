/* sandbox-jira.c: the two Jira REST endpoints the app uses for names
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include "sandbox-private.h"

static const char * const user_scopes[] = { SB_SCOPE_READ_USER, NULL };

static void
respond_myself (SoupServerMessage *msg)
{
  g_autoptr(JsonObject) user = sb_data_user_json (sb_data_find_user (SB_USER_ACCOUNT_ID));

  sb_respond_object (msg, SOUP_STATUS_OK, user);
}

/* GET user/bulk?accountId=a&accountId=b&startAt=0&maxResults=10; unknown ids are skipped. */
static void
respond_bulk (SoupServerMessage *msg,
              SbSite            *site)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *ids = sb_query_get_all (q, "accountId");
  JsonArray *values;
  gint64 start, max;
  g_autofree char *self = NULL;

  if (ids == NULL || ids->len == 0)
    {
      sb_error_jira (msg, SOUP_STATUS_BAD_REQUEST, "At least one accountId is required.");
      return;
    }
  if (!sb_query_get_int (q, "startAt", 0, &start) || start < 0 ||
      !sb_query_get_int (q, "maxResults", 10, &max) || max < 1 || max > 200)
    {
      sb_error_jira (msg, SOUP_STATUS_BAD_REQUEST, "startAt or maxResults is out of range.");
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      SbUser *user = sb_data_find_user (g_ptr_array_index (ids, i));

      if (user != NULL && !g_ptr_array_find (found, user, NULL))
        g_ptr_array_add (found, user);
    }

  values = json_array_new ();
  for (gint64 i = start; i < start + max && i < (gint64) found->len; i++)
    json_array_add_object_element (values, sb_data_user_json (g_ptr_array_index (found, i)));
  self = g_strdup_printf ("https://api.atlassian.com/ex/jira/%s/rest/api/3/user/bulk", site->id);
  json_object_set_string_member (reply, "self", self);
  json_object_set_int_member (reply, "maxResults", max);
  json_object_set_int_member (reply, "startAt", start);
  json_object_set_int_member (reply, "total", found->len);
  json_object_set_boolean_member (reply, "isLast", start + max >= (gint64) found->len);
  json_object_set_array_member (reply, "values", values);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

static void
respond_user (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  SbUser *user = sb_data_find_user (sb_query_get (q, "accountId"));
  g_autoptr(JsonObject) obj = NULL;

  if (user == NULL)
    {
      sb_error_jira (msg, SOUP_STATUS_NOT_FOUND, "Specified user does not exist or you do not have required permissions");
      return;
    }
  obj = sb_data_user_json (user);
  sb_respond_object (msg, SOUP_STATUS_OK, obj);
}

/* rest: the path after /rest/api/3/ */
gboolean
sb_jira_handle (SoupServerMessage *msg,
                SbSite            *site,
                const char        *rest)
{
  if (!g_str_equal (rest, "myself") && !g_str_equal (rest, "user/bulk") && !g_str_equal (rest, "user"))
    return FALSE;
  if (sb_auth_check_bearer (msg, site, user_scopes) == NULL)
    return TRUE;
  if (!g_str_equal (soup_server_message_get_method (msg), "GET"))
    sb_error_jira (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
  else if (g_str_equal (rest, "myself"))
    respond_myself (msg);
  else if (g_str_equal (rest, "user/bulk"))
    respond_bulk (msg, site);
  else
    respond_user (msg);
  return TRUE;
}
