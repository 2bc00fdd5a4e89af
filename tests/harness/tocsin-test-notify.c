/* tocsin-test-notify.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tocsin-test-notify.h"

struct _TocsinTestNotify
{
  GObject *object;  /* weak: NULL once finalized */
  gulong   handler_id;
  guint    count;
};

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  TocsinTestNotify *self = user_data;

  self->count++;
}

/**
 * tocsin_test_notify_new:
 * @object: a #GObject
 * @property: the name of one of its properties
 *
 * Returns: (transfer full): a counter of @property's notify emissions
 */
TocsinTestNotify *
tocsin_test_notify_new (gpointer    object,
                        const char *property)
{
  g_autofree char *signal = NULL;
  TocsinTestNotify *self;

  g_assert (G_IS_OBJECT (object));
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property));

  self = g_new0 (TocsinTestNotify, 1);
  self->object = object;
  g_object_add_weak_pointer (object, (gpointer *)&self->object);
  signal = g_strconcat ("notify::", property, NULL);
  self->handler_id = g_signal_connect (object, signal, G_CALLBACK (on_notify_cb), self);

  return self;
}

/* The number of emissions since the counter was made or last taken. */
guint
tocsin_test_notify_take (TocsinTestNotify *self)
{
  guint count = self->count;

  self->count = 0;
  return count;
}

void
tocsin_test_notify_free (TocsinTestNotify *self)
{
  if (self->object != NULL)
    {
      g_signal_handler_disconnect (self->object, self->handler_id);
      g_object_remove_weak_pointer (self->object, (gpointer *)&self->object);
    }
  g_free (self);
}
