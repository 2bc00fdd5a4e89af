/* tocsin-alert.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert"

#include "config.h"

#include "tocsin-alert.h"

/* One JSM Ops alert. The object lives as long as the alert stays in the
 * list: refreshes update it in place, so widgets bound to it keep working
 * and only see notifications for what really changed.
 *
 * Memory: a list holds thousands of alerts. The words that repeat from
 * alert to alert and come from a small vocabulary (status, owner, source,
 * entity, tags) are interned (g_intern_string: one copy per distinct value
 * for the life of the process, safe from any thread); free text (message,
 * description) is not, it would only grow the table. Responders and extra
 * properties repeat too (the same teams, the same keys): each distinct
 * value is kept once, serialized, and freed with the last alert that holds
 * it (see share_variant()). */

struct _TocsinAlert
{
  GObject     parent_instance;

  char       *id;
  char       *tiny_id;
  char       *alias;
  char       *message;
  char       *description;
  const char *status;           /* interned */
  gboolean    acknowledged;
  gboolean    snoozed;
  GDateTime  *snoozed_until;
  gboolean    seen;
  gint64      count;
  int         priority;
  const char *owner;            /* interned */
  const char **tags;            /* of interned strings; only the array is owned */
  GVariant   *responders;       /* shared */
  GVariant   *extra_properties; /* shared */
  const char *source;           /* interned */
  const char *entity;           /* interned */
  GDateTime  *created_at;
  GDateTime  *updated_at;
  GDateTime  *last_occurred_at;
  TocsinAlertState state;
  gboolean    pending;
};

G_DEFINE_FINAL_TYPE (TocsinAlert, tocsin_alert, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TocsinAlertState, tocsin_alert_state,
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALERT_STATE_OPEN, "open"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALERT_STATE_ACKNOWLEDGED, "acknowledged"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALERT_STATE_SNOOZED, "snoozed"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALERT_STATE_CLOSED, "closed"))

enum {
  PROP_0,
  PROP_ID,
  PROP_TINY_ID,
  PROP_ALIAS,
  PROP_MESSAGE,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_ACKNOWLEDGED,
  PROP_SNOOZED,
  PROP_SNOOZED_UNTIL,
  PROP_SEEN,
  PROP_COUNT,
  PROP_PRIORITY,
  PROP_OWNER,
  PROP_TAGS,
  PROP_RESPONDERS,
  PROP_EXTRA_PROPERTIES,
  PROP_SOURCE,
  PROP_ENTITY,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_LAST_OCCURRED_AT,
  PROP_STATE,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Shared variants */

typedef struct
{
  GVariant *value;   /* owned */
  guint     users;   /* alerts holding it; GVariant's own count is not readable */
} SharedVariant;

G_LOCK_DEFINE_STATIC (shared_variants);
static GHashTable *shared_variants;   /* GVariant -> SharedVariant of an equal value */

static guint
variant_hash (gconstpointer value)
{
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes ((GVariant *) value);

  return g_bytes_hash (bytes);
}

/* Returns the shared copy of a value equal to @value, counting one more
 * user. A floating @value is consumed, any other left to the caller. Alerts
 * are built in worker threads, hence the lock. */
static GVariant *
share_variant (GVariant *value)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (value);
  SharedVariant *entry;

  /* A value from a GVariantBuilder is a tree of one GVariant per string;
   * asking for its data serializes it into one buffer and frees the tree. */
  g_variant_get_data (sunk);

  G_LOCK (shared_variants);
  if (shared_variants == NULL)
    shared_variants = g_hash_table_new (variant_hash, (GEqualFunc) g_variant_equal);
  entry = g_hash_table_lookup (shared_variants, sunk);
  if (entry == NULL)
    {
      entry = g_new (SharedVariant, 1);
      entry->value = g_variant_ref (sunk);
      entry->users = 0;
      g_hash_table_insert (shared_variants, entry->value, entry);
    }
  entry->users++;
  G_UNLOCK (shared_variants);

  return entry->value;
}

static void
unshare_variant (GVariant *value)
{
  SharedVariant *entry;

  G_LOCK (shared_variants);
  entry = g_hash_table_lookup (shared_variants, value);
  g_assert (entry != NULL && entry->value == value);
  if (--entry->users == 0)
    {
      g_hash_table_remove (shared_variants, value);
      g_variant_unref (entry->value);
      g_free (entry);
    }
  G_UNLOCK (shared_variants);
}

/* GObject overrides */

static void
tocsin_alert_finalize (GObject *object)
{
  TocsinAlert *self = (TocsinAlert *)object;

  g_free (self->id);
  g_free (self->tiny_id);
  g_free (self->alias);
  g_free (self->message);
  g_free (self->description);
  g_clear_pointer (&self->snoozed_until, g_date_time_unref);
  g_free (self->tags);
  unshare_variant (self->responders);
  unshare_variant (self->extra_properties);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->last_occurred_at, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_alert_parent_class)->finalize (object);
}

static void
tocsin_alert_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TocsinAlert *self = TOCSIN_ALERT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TINY_ID: g_value_set_string (value, self->tiny_id); break;
    case PROP_ALIAS: g_value_set_string (value, self->alias); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_ACKNOWLEDGED: g_value_set_boolean (value, self->acknowledged); break;
    case PROP_SNOOZED: g_value_set_boolean (value, self->snoozed); break;
    case PROP_SNOOZED_UNTIL: g_value_set_boxed (value, self->snoozed_until); break;
    case PROP_SEEN: g_value_set_boolean (value, self->seen); break;
    case PROP_COUNT: g_value_set_int64 (value, self->count); break;
    case PROP_PRIORITY: g_value_set_int (value, self->priority); break;
    case PROP_OWNER: g_value_set_string (value, self->owner); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_RESPONDERS: g_value_set_variant (value, self->responders); break;
    case PROP_EXTRA_PROPERTIES: g_value_set_variant (value, self->extra_properties); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_ENTITY: g_value_set_string (value, self->entity); break;
    case PROP_CREATED_AT: g_value_set_boxed (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_boxed (value, self->updated_at); break;
    case PROP_LAST_OCCURRED_AT: g_value_set_boxed (value, self->last_occurred_at); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_PENDING: g_value_set_boolean (value, self->pending); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TocsinAlert *self = TOCSIN_ALERT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define STR_PROP(name) \
  g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define BOOL_PROP(name) \
  g_param_spec_boolean (name, NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define DATE_PROP(name) \
  g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
tocsin_alert_class_init (TocsinAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_alert_finalize;
  object_class->get_property = tocsin_alert_get_property;
  object_class->set_property = tocsin_alert_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TINY_ID] = STR_PROP ("tiny-id");
  properties [PROP_ALIAS] = STR_PROP ("alias");
  properties [PROP_MESSAGE] = STR_PROP ("message");
  properties [PROP_DESCRIPTION] = STR_PROP ("description");
  properties [PROP_STATUS] = STR_PROP ("status");
  properties [PROP_ACKNOWLEDGED] = BOOL_PROP ("acknowledged");
  properties [PROP_SNOOZED] = BOOL_PROP ("snoozed");
  properties [PROP_SNOOZED_UNTIL] = DATE_PROP ("snoozed-until");
  properties [PROP_SEEN] = BOOL_PROP ("seen");
  properties [PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PRIORITY] =
    g_param_spec_int ("priority", NULL, NULL, 1, 5, 3,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OWNER] = STR_PROP ("owner");
  properties [PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RESPONDERS] =
    g_param_spec_variant ("responders", NULL, NULL, G_VARIANT_TYPE ("a(ss)"), NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_EXTRA_PROPERTIES] =
    g_param_spec_variant ("extra-properties", NULL, NULL, G_VARIANT_TYPE ("a{ss}"), NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SOURCE] = STR_PROP ("source");
  properties [PROP_ENTITY] = STR_PROP ("entity");
  properties [PROP_CREATED_AT] = DATE_PROP ("created-at");
  properties [PROP_UPDATED_AT] = DATE_PROP ("updated-at");
  properties [PROP_LAST_OCCURRED_AT] = DATE_PROP ("last-occurred-at");
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TOCSIN_TYPE_ALERT_STATE, TOCSIN_ALERT_STATE_OPEN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PENDING] = BOOL_PROP ("pending");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_init (TocsinAlert *self)
{
  self->status = g_intern_static_string ("open");
  self->priority = 3;
  self->tags = g_new0 (const char *, 1);
  self->responders = share_variant (g_variant_new_array (G_VARIANT_TYPE ("(ss)"), NULL, 0));
  self->extra_properties = share_variant (g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
}

TocsinAlert *
tocsin_alert_new (const char *id)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (TOCSIN_TYPE_ALERT, "id", id, NULL);
}

/* Getters */

#define GETTER(type, name, field, fallback) \
  type \
  tocsin_alert_get_##name (TocsinAlert *self) \
  { \
    g_return_val_if_fail (TOCSIN_IS_ALERT (self), fallback); \
    return self->field; \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, tiny_id, tiny_id, NULL)
GETTER (const char *, alias, alias, NULL)
GETTER (const char *, message, message, NULL)
GETTER (const char *, description, description, NULL)
GETTER (const char *, status, status, NULL)
GETTER (gboolean, acknowledged, acknowledged, FALSE)
GETTER (gboolean, snoozed, snoozed, FALSE)
GETTER (GDateTime *, snoozed_until, snoozed_until, NULL)
GETTER (gboolean, seen, seen, FALSE)
GETTER (gint64, count, count, 0)
GETTER (int, priority, priority, 3)
GETTER (const char *, owner, owner, NULL)
GETTER (GVariant *, responders, responders, NULL)
GETTER (GVariant *, extra_properties, extra_properties, NULL)
GETTER (const char *, source, source, NULL)
GETTER (const char *, entity, entity, NULL)
GETTER (GDateTime *, created_at, created_at, NULL)
GETTER (GDateTime *, updated_at, updated_at, NULL)
GETTER (GDateTime *, last_occurred_at, last_occurred_at, NULL)
GETTER (TocsinAlertState, state, state, TOCSIN_ALERT_STATE_OPEN)
GETTER (gboolean, pending, pending, FALSE)

#undef GETTER

const char * const *
tocsin_alert_get_tags (TocsinAlert *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT (self), NULL);
  return (const char * const *) self->tags;
}

gboolean
tocsin_alert_is_open_unacknowledged (TocsinAlert *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT (self), FALSE);
  return self->state == TOCSIN_ALERT_STATE_OPEN;
}

/* Setters */

static void
update_state (TocsinAlert *self)
{
  TocsinAlertState state;

  if (g_strcmp0 (self->status, "closed") == 0 || g_strcmp0 (self->status, "resolved") == 0)
    state = TOCSIN_ALERT_STATE_CLOSED;
  else if (self->snoozed || g_strcmp0 (self->status, "snoozed") == 0)
    state = TOCSIN_ALERT_STATE_SNOOZED;
  else if (self->acknowledged || g_strcmp0 (self->status, "acked") == 0)
    state = TOCSIN_ALERT_STATE_ACKNOWLEDGED;
  else
    state = TOCSIN_ALERT_STATE_OPEN;

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
    }
}

static gboolean
set_string (TocsinAlert  *self,
            char        **field,
            const char   *value,
            guint         prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
  return TRUE;
}

static gboolean
set_interned (TocsinAlert  *self,
              const char  **field,
              const char   *value,
              guint         prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  *field = g_intern_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
  return TRUE;
}

static gboolean
set_boolean (TocsinAlert *self,
             gboolean    *field,
             gboolean     value,
             guint        prop_id)
{
  value = !!value;
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
  return TRUE;
}

static gboolean
date_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static gboolean
set_date (TocsinAlert  *self,
          GDateTime   **field,
          GDateTime    *value,
          guint         prop_id)
{
  if (date_equal (*field, value))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
  return TRUE;
}

static gboolean
set_variant (TocsinAlert  *self,
             GVariant    **field,
             GVariant     *value,
             guint         prop_id)
{
  GVariant *sunk;

  g_return_val_if_fail (value != NULL, FALSE);

  /* Takes a floating reference, or adds one to a non-floating value. */
  sunk = g_variant_ref_sink (value);
  if (g_variant_equal (*field, sunk))
    {
      g_variant_unref (sunk);
      return FALSE;
    }
  unshare_variant (*field);
  *field = share_variant (sunk);
  g_variant_unref (sunk);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
  return TRUE;
}

#define STRING_SETTER(name, PROP) \
  void \
  tocsin_alert_set_##name (TocsinAlert *self, \
                           const char  *value) \
  { \
    g_return_if_fail (TOCSIN_IS_ALERT (self)); \
    set_string (self, &self->name, value, PROP); \
  }

STRING_SETTER (tiny_id, PROP_TINY_ID)
STRING_SETTER (alias, PROP_ALIAS)
STRING_SETTER (message, PROP_MESSAGE)
STRING_SETTER (description, PROP_DESCRIPTION)

void
tocsin_alert_set_owner (TocsinAlert *self,
                        const char  *value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  set_interned (self, &self->owner, value, PROP_OWNER);
}

void
tocsin_alert_set_source (TocsinAlert *self,
                         const char  *value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  set_interned (self, &self->source, value, PROP_SOURCE);
}

void
tocsin_alert_set_entity (TocsinAlert *self,
                         const char  *value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  set_interned (self, &self->entity, value, PROP_ENTITY);
}

#undef STRING_SETTER

#define DATE_SETTER(name, PROP) \
  void \
  tocsin_alert_set_##name (TocsinAlert *self, \
                           GDateTime   *value) \
  { \
    g_return_if_fail (TOCSIN_IS_ALERT (self)); \
    set_date (self, &self->name, value, PROP); \
  }

DATE_SETTER (snoozed_until, PROP_SNOOZED_UNTIL)
DATE_SETTER (created_at, PROP_CREATED_AT)
DATE_SETTER (updated_at, PROP_UPDATED_AT)
DATE_SETTER (last_occurred_at, PROP_LAST_OCCURRED_AT)

#undef DATE_SETTER

void
tocsin_alert_set_status (TocsinAlert *self,
                         const char  *value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  if (set_interned (self, &self->status, value != NULL ? value : "open", PROP_STATUS))
    update_state (self);
}

void
tocsin_alert_set_acknowledged (TocsinAlert *self,
                               gboolean     value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  if (set_boolean (self, &self->acknowledged, value, PROP_ACKNOWLEDGED))
    update_state (self);
}

void
tocsin_alert_set_snoozed (TocsinAlert *self,
                          gboolean     value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  if (set_boolean (self, &self->snoozed, value, PROP_SNOOZED))
    update_state (self);
}

void
tocsin_alert_set_seen (TocsinAlert *self,
                       gboolean     value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  set_boolean (self, &self->seen, value, PROP_SEEN);
}

void
tocsin_alert_set_pending (TocsinAlert *self,
                          gboolean     value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  set_boolean (self, &self->pending, value, PROP_PENDING);
}

void
tocsin_alert_set_count (TocsinAlert *self,
                        gint64       value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  value = MAX (value, 0);
  if (self->count == value)
    return;
  self->count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COUNT]);
}

void
tocsin_alert_set_priority (TocsinAlert *self,
                           int          value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  if (value < 1 || value > 5)
    value = 3;
  if (self->priority == value)
    return;
  self->priority = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRIORITY]);
}

void
tocsin_alert_set_tags (TocsinAlert        *self,
                       const char * const *value)
{
  static const char * const empty[] = { NULL };
  guint n;

  g_return_if_fail (TOCSIN_IS_ALERT (self));
  if (value == NULL)
    value = empty;
  if (g_strv_equal ((const char * const *) self->tags, value))
    return;
  g_free (self->tags);
  n = g_strv_length ((char **) value);
  self->tags = g_new (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->tags[i] = g_intern_string (value[i]);
  self->tags[n] = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAGS]);
}

void
tocsin_alert_set_responders (TocsinAlert *self,
                             GVariant    *value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  g_return_if_fail (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE ("a(ss)")));
  set_variant (self, &self->responders, value, PROP_RESPONDERS);
}

void
tocsin_alert_set_extra_properties (TocsinAlert *self,
                                   GVariant    *value)
{
  g_return_if_fail (TOCSIN_IS_ALERT (self));
  g_return_if_fail (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE ("a{ss}")));
  set_variant (self, &self->extra_properties, value, PROP_EXTRA_PROPERTIES);
}

/* Whole-object operations */

gboolean
tocsin_alert_equal_content (TocsinAlert *a,
                            TocsinAlert *b)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT (a), FALSE);
  g_return_val_if_fail (TOCSIN_IS_ALERT (b), FALSE);

  return g_strcmp0 (a->tiny_id, b->tiny_id) == 0 &&
         g_strcmp0 (a->alias, b->alias) == 0 &&
         g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->status, b->status) == 0 &&
         a->acknowledged == b->acknowledged &&
         a->snoozed == b->snoozed &&
         date_equal (a->snoozed_until, b->snoozed_until) &&
         a->seen == b->seen &&
         a->count == b->count &&
         a->priority == b->priority &&
         g_strcmp0 (a->owner, b->owner) == 0 &&
         g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_variant_equal (a->responders, b->responders) &&
         g_variant_equal (a->extra_properties, b->extra_properties) &&
         g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->entity, b->entity) == 0 &&
         date_equal (a->created_at, b->created_at) &&
         date_equal (a->updated_at, b->updated_at) &&
         date_equal (a->last_occurred_at, b->last_occurred_at);
}

gboolean
tocsin_alert_update_from (TocsinAlert *self,
                          TocsinAlert *from)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (TOCSIN_IS_ALERT (self), FALSE);
  g_return_val_if_fail (TOCSIN_IS_ALERT (from), FALSE);

  if (self == from)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= set_string (self, &self->tiny_id, from->tiny_id, PROP_TINY_ID);
  changed |= set_string (self, &self->alias, from->alias, PROP_ALIAS);
  changed |= set_string (self, &self->message, from->message, PROP_MESSAGE);
  changed |= set_string (self, &self->description, from->description, PROP_DESCRIPTION);
  changed |= set_interned (self, &self->status, from->status, PROP_STATUS);
  changed |= set_boolean (self, &self->acknowledged, from->acknowledged, PROP_ACKNOWLEDGED);
  changed |= set_boolean (self, &self->snoozed, from->snoozed, PROP_SNOOZED);
  changed |= set_date (self, &self->snoozed_until, from->snoozed_until, PROP_SNOOZED_UNTIL);
  changed |= set_boolean (self, &self->seen, from->seen, PROP_SEEN);
  if (self->count != from->count)
    {
      tocsin_alert_set_count (self, from->count);
      changed = TRUE;
    }
  if (self->priority != from->priority)
    {
      tocsin_alert_set_priority (self, from->priority);
      changed = TRUE;
    }
  changed |= set_interned (self, &self->owner, from->owner, PROP_OWNER);
  if (!g_strv_equal ((const char * const *) self->tags, (const char * const *) from->tags))
    {
      tocsin_alert_set_tags (self, (const char * const *) from->tags);
      changed = TRUE;
    }
  changed |= set_variant (self, &self->responders, from->responders, PROP_RESPONDERS);
  changed |= set_variant (self, &self->extra_properties, from->extra_properties,
                          PROP_EXTRA_PROPERTIES);
  changed |= set_interned (self, &self->source, from->source, PROP_SOURCE);
  changed |= set_interned (self, &self->entity, from->entity, PROP_ENTITY);
  changed |= set_date (self, &self->created_at, from->created_at, PROP_CREATED_AT);
  changed |= set_date (self, &self->updated_at, from->updated_at, PROP_UPDATED_AT);
  changed |= set_date (self, &self->last_occurred_at, from->last_occurred_at, PROP_LAST_OCCURRED_AT);
  if (changed)
    update_state (self);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

TocsinAlert *
tocsin_alert_copy (TocsinAlert *self)
{
  TocsinAlert *copy;

  g_return_val_if_fail (TOCSIN_IS_ALERT (self), NULL);

  copy = tocsin_alert_new (self->id);
  tocsin_alert_update_from (copy, self);
  return copy;
}

int
tocsin_alert_priority_from_string (const char *text)
{
  if (text == NULL)
    return 0;
  if ((text[0] == 'P' || text[0] == 'p') && text[1] >= '1' && text[1] <= '5' && text[2] == '\0')
    return text[1] - '0';
  return 0;
}
