/* tocsin-site.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tocsin-auth-error.h"
#include "tocsin-json-utf8.h"
#include "tocsin-site.h"

/* One entry of GET /oauth/token/accessible-resources: a Jira site the grant
 * covers. `id` is the cloud id used in /ex/jira/{cloudid}/ paths. */

struct _TocsinSite
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *url;
  GStrv     scopes;
  char     *avatar_url;
};

G_DEFINE_FINAL_TYPE (TocsinSite, tocsin_site, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL,
  PROP_SCOPES,
  PROP_AVATAR_URL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* One entry of accessible-resources, or %NULL without an id. */
static TocsinSite *
site_from_json (JsonNode *element)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) scopes = NULL;
  JsonObject *object;
  JsonNode *scopes_node;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *avatar_url = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return NULL;
  object = json_node_get_object (element);
  id = tocsin_json_dup_string (object, "id");
  if (id == NULL || *id == '\0')
    return NULL;

  scopes_node = json_object_get_member (object, "scopes");
  if (scopes_node != NULL && JSON_NODE_HOLDS_ARRAY (scopes_node))
    {
      JsonArray *scope_array = json_node_get_array (scopes_node);

      for (guint j = 0; j < json_array_get_length (scope_array); j++)
        {
          g_autofree char *scope = tocsin_json_node_dup_string (json_array_get_element (scope_array, j));

          if (scope != NULL)
            g_strv_builder_add (builder, scope);
        }
    }
  scopes = g_strv_builder_end (builder);

  name = tocsin_json_dup_string (object, "name");
  url = tocsin_json_dup_string (object, "url");
  avatar_url = tocsin_json_dup_string (object, "avatarUrl");
  return tocsin_site_new (id, name, url, (const char * const *)scopes, avatar_url);
}

/* An id listed twice (other containers of the same site) is kept once,
 * preferring the entry with the Operations scopes. */
static void
add_site (GPtrArray  *sites,
          TocsinSite *site)
{
  for (guint j = 0; j < sites->len; j++)
    {
      TocsinSite *other = g_ptr_array_index (sites, j);

      if (g_str_equal (other->id, site->id))
        {
          if (!tocsin_site_has_ops_scopes (other) && tocsin_site_has_ops_scopes (site))
            {
              g_ptr_array_index (sites, j) = g_object_ref (site);
              g_object_unref (other);
            }
          return;
        }
    }

  g_ptr_array_add (sites, g_object_ref (site));
}

static void
tocsin_site_finalize (GObject *object)
{
  TocsinSite *self = (TocsinSite *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->scopes, g_strfreev);
  g_clear_pointer (&self->avatar_url, g_free);

  G_OBJECT_CLASS (tocsin_site_parent_class)->finalize (object);
}

static void
tocsin_site_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TocsinSite *self = TOCSIN_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_SCOPES:
      g_value_set_boxed (value, self->scopes);
      break;
    case PROP_AVATAR_URL:
      g_value_set_string (value, self->avatar_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_site_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TocsinSite *self = TOCSIN_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_SCOPES:
      self->scopes = g_value_dup_boxed (value);
      break;
    case PROP_AVATAR_URL:
      self->avatar_url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_site_class_init (TocsinSiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tocsin_site_finalize;
  object_class->get_property = tocsin_site_get_property;
  object_class->set_property = tocsin_site_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_SCOPES] = g_param_spec_boxed ("scopes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_AVATAR_URL] = g_param_spec_string ("avatar-url", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_site_init (TocsinSite *self)
{
}

/**
 * tocsin_site_new:
 * @id: the cloud id
 * @name: (nullable): the site name
 * @url: (nullable): e.g. "https://example.atlassian.net"
 * @scopes: (nullable): the scopes granted for the site
 * @avatar_url: (nullable): the site's avatar
 */
TocsinSite *
tocsin_site_new (const char         *id,
                 const char         *name,
                 const char         *url,
                 const char * const *scopes,
                 const char         *avatar_url)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (TOCSIN_TYPE_SITE,
                       "id", id,
                       "name", name != NULL ? name : id,
                       "url", url,
                       "scopes", scopes,
                       "avatar-url", avatar_url,
                       NULL);
}

const char *
tocsin_site_get_id (TocsinSite *self)
{
  g_return_val_if_fail (TOCSIN_IS_SITE (self), NULL);
  return self->id;
}

const char *
tocsin_site_get_name (TocsinSite *self)
{
  g_return_val_if_fail (TOCSIN_IS_SITE (self), NULL);
  return self->name;
}

const char *
tocsin_site_get_url (TocsinSite *self)
{
  g_return_val_if_fail (TOCSIN_IS_SITE (self), NULL);
  return self->url;
}

/* Returns: (nullable) (transfer none) */
const char * const *
tocsin_site_get_scopes (TocsinSite *self)
{
  g_return_val_if_fail (TOCSIN_IS_SITE (self), NULL);
  return (const char * const *)self->scopes;
}

const char *
tocsin_site_get_avatar_url (TocsinSite *self)
{
  g_return_val_if_fail (TOCSIN_IS_SITE (self), NULL);
  return self->avatar_url;
}

gboolean
tocsin_site_has_scope (TocsinSite *self,
                       const char *scope)
{
  g_return_val_if_fail (TOCSIN_IS_SITE (self), FALSE);
  return self->scopes != NULL && g_strv_contains ((const char * const *)self->scopes, scope);
}

/* Whether the grant lets Tocsin read this site's alerts. */
gboolean
tocsin_site_has_ops_scopes (TocsinSite *self)
{
  return tocsin_site_has_scope (self, TOCSIN_OPS_ALERT_READ_SCOPE);
}

/**
 * tocsin_site_list_from_json:
 * @data: the body of GET /oauth/token/accessible-resources
 * @ops_only: keep only sites granted %TOCSIN_OPS_ALERT_READ_SCOPE
 *
 * Pure parser. Entries without an id are skipped; an id listed twice (other
 * containers of the same site) is kept once, preferring the entry with the
 * Operations scopes.
 *
 * Returns: (transfer full) (element-type TocsinSite): the sites, or %NULL
 *   with %TOCSIN_AUTH_ERROR_SERVER
 */
GPtrArray *
tocsin_site_list_from_json (const char  *data,
                            gssize       length,
                            gboolean     ops_only,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (!tocsin_json_load (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER,
                           _("The list of sites from the server could not be read. Try again later."));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(TocsinSite) site = site_from_json (json_array_get_element (array, i));

      if (site != NULL && (!ops_only || tocsin_site_has_ops_scopes (site)))
        add_site (sites, site);
    }

  return g_steal_pointer (&sites);
}
