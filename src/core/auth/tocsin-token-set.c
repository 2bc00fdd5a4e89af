/* tocsin-token-set.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tocsin-auth-error.h"
#include "tocsin-json-utf8.h"
#include "tocsin-token-set.h"

G_DEFINE_BOXED_TYPE (TocsinTokenSet, tocsin_token_set, tocsin_token_set_copy, tocsin_token_set_free)

TocsinTokenSet *
tocsin_token_set_new (void)
{
  return g_new0 (TocsinTokenSet, 1);
}

TocsinTokenSet *
tocsin_token_set_copy (const TocsinTokenSet *self)
{
  TocsinTokenSet *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = tocsin_token_set_new ();
  copy->access_token = g_strdup (self->access_token);
  copy->refresh_token = g_strdup (self->refresh_token);
  copy->expires_at = self->expires_at;
  copy->lifetime = self->lifetime;
  copy->scope = g_strdup (self->scope);
  copy->needs_reauth = self->needs_reauth;

  return copy;
}

static void
wipe (char *str)
{
  if (str != NULL)
    explicit_bzero (str, strlen (str));
  g_free (str);
}

void
tocsin_token_set_free (TocsinTokenSet *self)
{
  if (self == NULL)
    return;

  wipe (self->access_token);
  wipe (self->refresh_token);
  g_free (self->scope);
  g_free (self);
}

/* Whether the access token is missing or ends within @seconds from now. */
gboolean
tocsin_token_set_expires_within (const TocsinTokenSet *self,
                                 gint64                seconds)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->access_token == NULL)
    return TRUE;
  if (self->expires_at == 0)
    return FALSE;

  return g_get_real_time () / G_USEC_PER_SEC + seconds >= self->expires_at;
}

/* Whether to refresh before using the access token: within a minute of its
 * end, or a quarter of its lifetime for short-lived tokens (a fixed minute
 * would refresh before every request when tokens live less than that). */
gboolean
tocsin_token_set_needs_refresh (const TocsinTokenSet *self)
{
  gint64 margin = TOCSIN_TOKEN_SET_REFRESH_MARGIN;

  g_return_val_if_fail (self != NULL, TRUE);

  if (self->lifetime > 0)
    margin = MIN (margin, self->lifetime / 4);

  return tocsin_token_set_expires_within (self, margin);
}

/* The keyring secret: {"access_token", "refresh_token", "expires_at", "scope"}
 * and "lifetime" (the access token's expires_in) when known,
 * plus "needs_reauth": true once the grant died. */
char *
tocsin_token_set_to_json (const TocsinTokenSet *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  if (self->access_token != NULL)
    json_builder_add_string_value (builder, self->access_token);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "refresh_token");
  if (self->refresh_token != NULL)
    json_builder_add_string_value (builder, self->refresh_token);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, self->expires_at);
  if (self->lifetime > 0)
    {
      json_builder_set_member_name (builder, "lifetime");
      json_builder_add_int_value (builder, self->lifetime);
    }
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, self->scope != NULL ? self->scope : "");
  if (self->needs_reauth)
    {
      json_builder_set_member_name (builder, "needs_reauth");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

TocsinTokenSet *
tocsin_token_set_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TocsinTokenSet) self = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (!tocsin_json_load (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                           _("The sign-in stored in the keyring is damaged. Sign in again."));
      return NULL;
    }

  object = json_node_get_object (root);
  self = tocsin_token_set_new ();
  self->access_token = tocsin_json_dup_string (object, "access_token");
  self->refresh_token = tocsin_json_dup_string (object, "refresh_token");
  self->scope = tocsin_json_dup_string (object, "scope");
  /* The _member getters are CRITICAL on an object or array. */
  node = json_object_get_member (object, "expires_at");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    self->expires_at = json_node_get_int (node);
  node = json_object_get_member (object, "lifetime");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    self->lifetime = MAX (json_node_get_int (node), 0);
  node = json_object_get_member (object, "needs_reauth");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    self->needs_reauth = json_node_get_boolean (node);
  if (self->access_token == NULL)
    self->needs_reauth = TRUE;

  return g_steal_pointer (&self);
}
