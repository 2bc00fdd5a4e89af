/* tocsin-alert-entry.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert"

#include "config.h"

#include "tocsin-alert-entry.h"

struct _TocsinAlertEntry
{
  GObject parent_instance;

  char      *id;
  char      *kind;
  char      *text;
  char      *owner;
  GDateTime *time;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (TocsinAlertEntry, tocsin_alert_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TEXT,
  PROP_OWNER,
  PROP_TIME,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
tocsin_alert_entry_finalize (GObject *object)
{
  TocsinAlertEntry *self = (TocsinAlertEntry *)object;

  g_free (self->id);
  g_free (self->kind);
  g_free (self->text);
  g_free (self->owner);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_alert_entry_parent_class)->finalize (object);
}

static void
tocsin_alert_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinAlertEntry *self = TOCSIN_ALERT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TocsinAlertEntry *self = TOCSIN_ALERT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_OWNER:
      self->owner = g_value_dup_string (value);
      break;
    case PROP_TIME:
      self->time = g_value_dup_boxed (value);
      break;
    case PROP_UPDATED_AT:
      self->updated_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_entry_class_init (TocsinAlertEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_alert_entry_finalize;
  object_class->get_property = tocsin_alert_entry_get_property;
  object_class->set_property = tocsin_alert_entry_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_entry_init (TocsinAlertEntry *self)
{
}

const char *
tocsin_alert_entry_get_id (TocsinAlertEntry *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (self), NULL);
  return self->id;
}

const char *
tocsin_alert_entry_get_kind (TocsinAlertEntry *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (self), NULL);
  return self->kind;
}

const char *
tocsin_alert_entry_get_text (TocsinAlertEntry *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (self), NULL);
  return self->text;
}

const char *
tocsin_alert_entry_get_owner (TocsinAlertEntry *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (self), NULL);
  return self->owner;
}

GDateTime *
tocsin_alert_entry_get_time (TocsinAlertEntry *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (self), NULL);
  return self->time;
}

GDateTime *
tocsin_alert_entry_get_updated_at (TocsinAlertEntry *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (self), NULL);
  return self->updated_at;
}
