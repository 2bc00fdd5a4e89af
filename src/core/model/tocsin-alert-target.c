/* tocsin-alert-target.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert"

#include "config.h"

#include "tocsin-alert-target.h"

struct _TocsinAlertTarget
{
  GObject parent_instance;

  char      *id;
  char      *kind;
  char      *name;
  char      *description;
};

G_DEFINE_FINAL_TYPE (TocsinAlertTarget, tocsin_alert_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
tocsin_alert_target_finalize (GObject *object)
{
  TocsinAlertTarget *self = (TocsinAlertTarget *)object;

  g_free (self->id);
  g_free (self->kind);
  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (tocsin_alert_target_parent_class)->finalize (object);
}

static void
tocsin_alert_target_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TocsinAlertTarget *self = TOCSIN_ALERT_TARGET (object);

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
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_target_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TocsinAlertTarget *self = TOCSIN_ALERT_TARGET (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_target_class_init (TocsinAlertTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_alert_target_finalize;
  object_class->get_property = tocsin_alert_target_get_property;
  object_class->set_property = tocsin_alert_target_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_target_init (TocsinAlertTarget *self)
{
}

const char *
tocsin_alert_target_get_id (TocsinAlertTarget *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_TARGET (self), NULL);
  return self->id;
}

const char *
tocsin_alert_target_get_kind (TocsinAlertTarget *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_TARGET (self), NULL);
  return self->kind;
}

const char *
tocsin_alert_target_get_name (TocsinAlertTarget *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_TARGET (self), NULL);
  return self->name;
}

const char *
tocsin_alert_target_get_description (TocsinAlertTarget *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_TARGET (self), NULL);
  return self->description;
}
