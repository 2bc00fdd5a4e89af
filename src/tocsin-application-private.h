/* tocsin-application-private.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-application.h"
#include "tocsin-window.h"

G_BEGIN_DECLS

struct _TocsinApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TocsinConfig   *config;
  TocsinContext  *context;
  gboolean        held;

  GCancellable   *cancellable;
  /* Started with --background (at login): no window at startup, and
   * running until Quit, like a service. */
  gboolean        start_hidden;
  gboolean        background_service;

  /* Command-line overrides, kept until startup creates the config. */
  GHashTable     *pending_overrides;
};

TocsinWindow *_tocsin_application_get_main_window (TocsinApplication *self);
void          _tocsin_application_add_toast       (TocsinApplication *self,
                                                   const char        *message);
void          _tocsin_application_init_actions    (TocsinApplication *self);
void          _tocsin_application_update_actions  (TocsinApplication *self);

G_END_DECLS
