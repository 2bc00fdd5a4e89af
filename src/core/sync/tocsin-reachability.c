/* tocsin-reachability.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-reachability"

#include "config.h"

#include "tocsin-endpoint.h"
#include "tocsin-reachability.h"
#include "tocsin-resume-watcher.h"

struct _TocsinReachability
{
  GObject          parent_instance;

  GNetworkMonitor *network_monitor;
  gboolean         loopback;
  gboolean         offline;
};

G_DEFINE_FINAL_TYPE (TocsinReachability, tocsin_reachability, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  NETWORK_CHANGED,
  RESUMED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static void
update_offline (TocsinReachability *self)
{
  gboolean offline =
    !self->loopback && !g_network_monitor_get_network_available (self->network_monitor);

  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OFFLINE]);
}

/* Callbacks */

static void
on_network_changed_cb (TocsinReachability *self,
                       gboolean            available,
                       GNetworkMonitor    *monitor)
{
  update_offline (self);
  if (!self->offline)
    g_signal_emit (self, signals [NETWORK_CHANGED], 0);
}

static void
on_resumed_cb (TocsinReachability *self)
{
  g_signal_emit (self, signals [RESUMED], 0);
}

/* GObject overrides */

static void
tocsin_reachability_dispose (GObject *object)
{
  TocsinReachability *self = (TocsinReachability *)object;

  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);

  G_OBJECT_CLASS (tocsin_reachability_parent_class)->dispose (object);
}

static void
tocsin_reachability_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TocsinReachability *self = TOCSIN_REACHABILITY (object);

  switch (prop_id)
    {
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_reachability_class_init (TocsinReachabilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_reachability_dispose;
  object_class->get_property = tocsin_reachability_get_property;

  properties [PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [NETWORK_CHANGED] = g_signal_new ("network-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tocsin_reachability_init (TocsinReachability *self)
{
  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_resume_watcher_get_default (), "resumed",
                           G_CALLBACK (on_resumed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/* @api_base_url: the server's base URL; a loopback host is never offline */
TocsinReachability *
tocsin_reachability_new (const char *api_base_url)
{
  TocsinReachability *self;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (api_base_url != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_REACHABILITY, NULL);
  uri = g_uri_parse (api_base_url, G_URI_FLAGS_NONE, NULL);
  self->loopback = uri != NULL && g_uri_get_host (uri) != NULL &&
                   tocsin_endpoint_is_loopback_host (g_uri_get_host (uri));
  self->offline =
    !self->loopback && !g_network_monitor_get_network_available (self->network_monitor);
  return self;
}

gboolean
tocsin_reachability_get_offline (TocsinReachability *self)
{
  g_return_val_if_fail (TOCSIN_IS_REACHABILITY (self), FALSE);
  return self->offline;
}
