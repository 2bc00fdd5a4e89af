/* tocsin-account-state.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-site.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_ACCOUNT_STATE (tocsin_account_state_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAccountState, tocsin_account_state, TOCSIN, ACCOUNT_STATE, GObject)

TocsinAccountState *tocsin_account_state_new                (const char         *auth_server,
                                                             const char         *client_id,
                                                             const char         *account_id);

const char         *tocsin_account_state_get_path           (TocsinAccountState *self);
const char         *tocsin_account_state_get_announced_path (TocsinAccountState *self);

TocsinSite         *tocsin_account_state_load_site          (TocsinAccountState *self);
void                tocsin_account_state_save_site          (TocsinAccountState *self,
                                                             TocsinSite         *site);
char               *tocsin_account_state_load_name          (TocsinAccountState *self);
void                tocsin_account_state_save_name          (TocsinAccountState *self,
                                                             const char         *name);
void                tocsin_account_state_delete             (TocsinAccountState *self);

gboolean            tocsin_account_state_load_last          (const char         *auth_server,
                                                             const char         *client_id,
                                                             char              **account_id,
                                                             char              **site_id);
void                tocsin_account_state_save_last          (const char         *auth_server,
                                                             const char         *client_id,
                                                             const char         *account_id,
                                                             const char         *site_id);
void                tocsin_account_state_delete_last        (void);

G_END_DECLS
