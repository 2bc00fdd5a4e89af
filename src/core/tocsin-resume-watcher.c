/* tocsin-resume-watcher.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-resume-watcher"

#include "config.h"

#include "tocsin-resume-watcher.h"

/* Emits "resumed" after the machine wakes from suspend (logind's
 * PrepareForSleep(false) on the system bus), so the alert and schedule
 * monitors look again at once instead of waiting for their next timer, which
 * slept too. Without a system bus (containers, tests) it never fires. */

struct _TocsinResumeWatcher
{
  GObject          parent_instance;

  GDBusConnection *bus;
  guint            subscription;
};

G_DEFINE_FINAL_TYPE (TocsinResumeWatcher, tocsin_resume_watcher, G_TYPE_OBJECT)

enum {
  RESUMED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender_name,
                         const char      *object_path,
                         const char      *interface_name,
                         const char      *signal_name,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  TocsinResumeWatcher *self = user_data;
  gboolean going_to_sleep = TRUE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    {
      g_debug ("Resumed from suspend");
      g_signal_emit (self, signals [RESUMED], 0);
    }
}

static void
subscribe (TocsinResumeWatcher *self,
           GDBusConnection     *connection)
{
  self->bus = g_object_ref (connection);
  self->subscription =
    g_dbus_connection_signal_subscribe (self->bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep_cb, self, NULL);
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TocsinResumeWatcher) self = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_debug ("No system bus, no refresh on resume: %s", error->message);
      return;
    }

  subscribe (self, bus);
}

static void
tocsin_resume_watcher_dispose (GObject *object)
{
  TocsinResumeWatcher *self = (TocsinResumeWatcher *)object;

  if (self->bus != NULL && self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (tocsin_resume_watcher_parent_class)->dispose (object);
}

static void
tocsin_resume_watcher_class_init (TocsinResumeWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_resume_watcher_dispose;

  signals [RESUMED] =
    g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tocsin_resume_watcher_init (TocsinResumeWatcher *self)
{
}

/* One watcher per process on the system bus, shared by every monitor. */
TocsinResumeWatcher *
tocsin_resume_watcher_get_default (void)
{
  static TocsinResumeWatcher *instance;

  if (instance == NULL)
    {
      instance = g_object_new (TOCSIN_TYPE_RESUME_WATCHER, NULL);
      g_bus_get (G_BUS_TYPE_SYSTEM, NULL, system_bus_cb, g_object_ref (instance));
    }

  return instance;
}

/* A watcher listening on @connection, where a test plays logind. */
TocsinResumeWatcher *
tocsin_resume_watcher_new_for_connection (GDBusConnection *connection)
{
  TocsinResumeWatcher *self;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);

  self = g_object_new (TOCSIN_TYPE_RESUME_WATCHER, NULL);
  subscribe (self, connection);

  return self;
}
