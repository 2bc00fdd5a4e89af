/* tocsin-participant.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-participant"

#include "config.h"

#include "tocsin-participant.h"

struct _TocsinParticipant
{
  GObject            parent_instance;

  char              *id;
  char              *kind;
  char              *name;
  TocsinParticipant *forwarded_from;
  GListStore        *participants;
};

G_DEFINE_FINAL_TYPE (TocsinParticipant, tocsin_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_FORWARDED_FROM,
  PROP_PARTICIPANTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
tocsin_participant_dispose (GObject *object)
{
  TocsinParticipant *self = (TocsinParticipant *)object;

  g_clear_object (&self->forwarded_from);
  g_clear_object (&self->participants);

  G_OBJECT_CLASS (tocsin_participant_parent_class)->dispose (object);
}

static void
tocsin_participant_finalize (GObject *object)
{
  TocsinParticipant *self = (TocsinParticipant *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (tocsin_participant_parent_class)->finalize (object);
}

static void
tocsin_participant_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinParticipant *self = TOCSIN_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, tocsin_participant_get_display_name (self));
      break;

    case PROP_FORWARDED_FROM:
      g_value_set_object (value, self->forwarded_from);
      break;

    case PROP_PARTICIPANTS:
      g_value_set_object (value, self->participants);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_participant_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TocsinParticipant *self = TOCSIN_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;

    case PROP_NAME:
      tocsin_participant_set_name (self, g_value_get_string (value));
      break;

    case PROP_FORWARDED_FROM:
      tocsin_participant_set_forwarded_from (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_participant_class_init (TocsinParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_participant_dispose;
  object_class->finalize = tocsin_participant_finalize;
  object_class->get_property = tocsin_participant_get_property;
  object_class->set_property = tocsin_participant_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* "user", "team", "escalation", "schedule" or "noone", as the API says. */
  properties [PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "user",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The resolved name, or the id when no name is known (e.g. read:jira-user missing). */
  properties [PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_FORWARDED_FROM] =
    g_param_spec_object ("forwarded-from", NULL, NULL, TOCSIN_TYPE_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PARTICIPANTS] =
    g_param_spec_object ("participants", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_participant_init (TocsinParticipant *self)
{
  self->participants = g_list_store_new (TOCSIN_TYPE_PARTICIPANT);
}

TocsinParticipant *
tocsin_participant_new (const char *id,
                        const char *kind)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (TOCSIN_TYPE_PARTICIPANT,
                       "id", id,
                       "kind", kind != NULL && *kind != '\0' ? kind : "user",
                       NULL);
}

const char *
tocsin_participant_get_id (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), NULL);

  return self->id;
}

const char *
tocsin_participant_get_kind (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), NULL);

  return self->kind;
}

gboolean
tocsin_participant_is_user (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), FALSE);

  return g_strcmp0 (self->kind, "user") == 0;
}

const char *
tocsin_participant_get_name (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), NULL);

  return self->name;
}

void
tocsin_participant_set_name (TocsinParticipant *self,
                             const char        *name)
{
  g_return_if_fail (TOCSIN_IS_PARTICIPANT (self));

  if (name != NULL && *name == '\0')
    name = NULL;

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DISPLAY_NAME]);
}

const char *
tocsin_participant_get_display_name (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), NULL);

  return self->name != NULL ? self->name : self->id;
}

TocsinParticipant *
tocsin_participant_get_forwarded_from (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), NULL);

  return self->forwarded_from;
}

void
tocsin_participant_set_forwarded_from (TocsinParticipant *self,
                                       TocsinParticipant *forwarded_from)
{
  g_return_if_fail (TOCSIN_IS_PARTICIPANT (self));
  g_return_if_fail (!forwarded_from || TOCSIN_IS_PARTICIPANT (forwarded_from));

  if (g_set_object (&self->forwarded_from, forwarded_from))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FORWARDED_FROM]);
}

/**
 * tocsin_participant_get_participants:
 *
 * Returns: (transfer none): the participants a team or escalation expands to
 */
GListModel *
tocsin_participant_get_participants (TocsinParticipant *self)
{
  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), NULL);

  return G_LIST_MODEL (self->participants);
}

void
tocsin_participant_add_participant (TocsinParticipant *self,
                                    TocsinParticipant *child)
{
  g_return_if_fail (TOCSIN_IS_PARTICIPANT (self));
  g_return_if_fail (TOCSIN_IS_PARTICIPANT (child));

  g_list_store_append (self->participants, child);
}

/* TRUE when @account_id is this user or one a team/escalation expands to. */
gboolean
tocsin_participant_contains_user (TocsinParticipant *self,
                                  const char        *account_id)
{
  guint n;

  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (self), FALSE);

  if (account_id == NULL)
    return FALSE;

  if (tocsin_participant_is_user (self) && g_strcmp0 (self->id, account_id) == 0)
    return TRUE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      if (tocsin_participant_contains_user (child, account_id))
        return TRUE;
    }

  return FALSE;
}

/* Adds the ids of this participant, its forwarder and its nested participants
 * to the sets (keys are borrowed strings owned by the set: g_str_hash sets
 * created with g_free as key destroy). Either set may be %NULL. */
void
tocsin_participant_collect_ids (TocsinParticipant *self,
                                GHashTable        *user_ids,
                                GHashTable        *team_ids)
{
  guint n;

  g_return_if_fail (TOCSIN_IS_PARTICIPANT (self));

  if (tocsin_participant_is_user (self) && user_ids != NULL)
    g_hash_table_add (user_ids, g_strdup (self->id));
  else if (g_strcmp0 (self->kind, "team") == 0 && team_ids != NULL)
    g_hash_table_add (team_ids, g_strdup (self->id));

  if (self->forwarded_from != NULL)
    tocsin_participant_collect_ids (self->forwarded_from, user_ids, team_ids);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      tocsin_participant_collect_ids (child, user_ids, team_ids);
    }
}
