/* tocsin-test-sandbox.h: start tocsin-sandbox from a test and talk to it
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call here is synchronous and runs on the sandbox object's own
 * GMainContext, so it works whether or not the test's main loop is running.
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _TocsinTestSandbox TocsinTestSandbox;

/* The user who consents in the sandbox. */
#define TOCSIN_TEST_SANDBOX_USER_ID "5b10ac8d82e05b22cc7d4ef5"

/* Scopes for tocsin_test_sandbox_sign_in() (NULL means all of these). */
#define TOCSIN_TEST_SANDBOX_ALL_SCOPES \
  "read:ops-alert:jira-service-management write:ops-alert:jira-service-management " \
  "read:ops-config:jira-service-management read:jira-user offline_access"

/* NULL-terminated arguments; not G_GNUC_NULL_TERMINATED, so that
 * tocsin_test_sandbox_start (NULL) compiles without a sentinel warning. */
TocsinTestSandbox *tocsin_test_sandbox_start             (const char        *first_arg,
                                                          ...);
void               tocsin_test_sandbox_stop              (TocsinTestSandbox *sb);

const char        *tocsin_test_sandbox_get_auth_url      (TocsinTestSandbox *sb);
const char        *tocsin_test_sandbox_get_api_url       (TocsinTestSandbox *sb);
const char        *tocsin_test_sandbox_get_client_id     (TocsinTestSandbox *sb);
const char        *tocsin_test_sandbox_get_client_secret (TocsinTestSandbox *sb);
const char        *tocsin_test_sandbox_get_callback_url  (TocsinTestSandbox *sb,
                                                          guint              index);
guint              tocsin_test_sandbox_get_port          (TocsinTestSandbox *sb);

JsonNode          *tocsin_test_sandbox_control           (TocsinTestSandbox *sb,
                                                          const char        *method,
                                                          const char        *path,
                                                          const char        *json_body,
                                                          guint             *status_out);
GPtrArray         *tocsin_test_sandbox_get_log           (TocsinTestSandbox *sb);
guint              tocsin_test_sandbox_count_requests    (TocsinTestSandbox *sb,
                                                          const char        *method,
                                                          const char        *path_prefix);
void               tocsin_test_sandbox_clear_log         (TocsinTestSandbox *sb);
void               tocsin_test_sandbox_add_fault         (TocsinTestSandbox *sb,
                                                          const char        *fault_json);
void               tocsin_test_sandbox_clear_faults      (TocsinTestSandbox *sb);
void               tocsin_test_sandbox_advance_clock     (TocsinTestSandbox *sb,
                                                          gint64             seconds);

char              *tocsin_test_sandbox_sign_in           (TocsinTestSandbox *sb,
                                                          const char        *scopes,
                                                          char             **refresh_token_out);
const char        *tocsin_test_sandbox_get_cloud_id      (TocsinTestSandbox *sb,
                                                          guint              index);

/* Lower level, for tests of the sandbox itself. */
GBytes            *tocsin_test_sandbox_send              (TocsinTestSandbox *sb,
                                                          SoupMessage       *msg,
                                                          GError           **error);
JsonNode          *tocsin_test_sandbox_api               (TocsinTestSandbox *sb,
                                                          const char        *method,
                                                          const char        *path,
                                                          const char        *access_token,
                                                          const char        *json_body,
                                                          guint             *status_out);
char              *tocsin_test_sandbox_site_path         (TocsinTestSandbox *sb,
                                                          guint              site_index,
                                                          const char        *ops_path);

G_END_DECLS
