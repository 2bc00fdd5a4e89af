/* tocsin-token-set.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_TOKEN_SET (tocsin_token_set_get_type ())

/* Seconds before expiry to refresh, at most (see tocsin_token_set_needs_refresh()). */
#define TOCSIN_TOKEN_SET_REFRESH_MARGIN 60

/* What the keyring holds for one account. Freeing wipes the secrets. */
typedef struct
{
  char     *access_token;   /* NULL after needs-reauth */
  char     *refresh_token;  /* NULL without offline_access or after needs-reauth */
  gint64    expires_at;     /* wall clock, seconds since the epoch; 0 = unknown */
  gint64    lifetime;       /* the access token's expires_in; 0 = unknown */
  char     *scope;          /* space-separated, as granted */
  gboolean  needs_reauth;   /* the grant died: keep the account, sign in again */
} TocsinTokenSet;

GType           tocsin_token_set_get_type        (void) G_GNUC_CONST;
TocsinTokenSet *tocsin_token_set_new             (void);
TocsinTokenSet *tocsin_token_set_copy            (const TocsinTokenSet  *self);
void            tocsin_token_set_free            (TocsinTokenSet        *self);
gboolean        tocsin_token_set_expires_within  (const TocsinTokenSet  *self,
                                                  gint64                 seconds);
gboolean        tocsin_token_set_needs_refresh   (const TocsinTokenSet  *self);
char           *tocsin_token_set_to_json         (const TocsinTokenSet  *self);
TocsinTokenSet *tocsin_token_set_from_json       (const char            *json,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TocsinTokenSet, tocsin_token_set_free)

G_END_DECLS
