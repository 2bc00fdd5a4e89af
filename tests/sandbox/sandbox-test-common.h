/* sandbox-test-common.h: small helpers shared by the sandbox's own tests
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-test-sandbox.h"

G_BEGIN_DECLS

char        *st_authorize_path   (TocsinTestSandbox *sb,
                                  const char        *first_key,
                                  ...);
SoupMessage *st_get              (TocsinTestSandbox *sb,
                                  const char        *path,
                                  char             **body_out);
GHashTable  *st_location_params  (SoupMessage       *msg);
char        *st_json_body        (const char        *first_key,
                                  ...) G_GNUC_NULL_TERMINATED;
JsonObject  *st_token            (TocsinTestSandbox *sb,
                                  const char        *json_body,
                                  guint             *status_out);
JsonObject  *st_exchange_code    (TocsinTestSandbox *sb,
                                  const char        *code,
                                  guint             *status_out);
JsonObject  *st_refresh          (TocsinTestSandbox *sb,
                                  const char        *refresh_token,
                                  guint             *status_out);
char        *st_consent          (TocsinTestSandbox *sb,
                                  const char        *authorize_path,
                                  const char        *decision,
                                  const char        *only_site,
                                  GHashTable       **params_out);
JsonNode    *st_api              (TocsinTestSandbox *sb,
                                  const char        *token,
                                  const char        *method,
                                  guint              site,
                                  const char        *ops_path,
                                  const char        *json_body,
                                  guint             *status_out);
JsonObject  *st_object           (JsonNode          *node);
gboolean     st_wait_request     (TocsinTestSandbox *sb,
                                  const char        *token,
                                  const char        *request_id,
                                  JsonObject       **status_out);
void         st_assert_error     (JsonNode          *node,
                                  const char        *member,
                                  const char        *expected_substring);

G_END_DECLS
