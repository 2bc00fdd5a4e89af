/* tocsin-test-token-provider.h: a TocsinTokenProvider for API tests
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, beside the sandbox harness it builds on, so each test program
 * includes it without a meson change. It hands out one token from
 * tocsin_test_sandbox_sign_in() and signs in again when the client reports
 * that token as rejected, counting the refreshes.
 */

#pragma once

#include "tocsin-test-sandbox.h"
#include "tocsin-token-provider.h"

#define TEST_TYPE_TOKEN_PROVIDER (test_token_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestTokenProvider, test_token_provider, TEST, TOKEN_PROVIDER, GObject)

struct _TestTokenProvider
{
  GObject            parent_instance;
  TocsinTestSandbox *sb;
  char              *scopes;
  char              *token;
  guint              refreshes;
};

static void test_token_provider_iface_init (TocsinTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokenProvider, test_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOCSIN_TYPE_TOKEN_PROVIDER, test_token_provider_iface_init))

static void
test_token_provider_get_access_token_async (TocsinTokenProvider *provider,
                                            const char          *rejected_token,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  TestTokenProvider *self = TEST_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (rejected_token != NULL && g_strcmp0 (rejected_token, self->token) == 0)
    {
      g_free (self->token);
      self->token = tocsin_test_sandbox_sign_in (self->sb, self->scopes, NULL);
      self->refreshes++;
    }
  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
test_token_provider_get_access_token_finish (TocsinTokenProvider  *provider,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_token_provider_iface_init (TocsinTokenProviderInterface *iface)
{
  iface->get_access_token_async = test_token_provider_get_access_token_async;
  iface->get_access_token_finish = test_token_provider_get_access_token_finish;
}

static void
test_token_provider_finalize (GObject *object)
{
  TestTokenProvider *self = TEST_TOKEN_PROVIDER (object);

  g_free (self->scopes);
  g_free (self->token);
  G_OBJECT_CLASS (test_token_provider_parent_class)->finalize (object);
}

static void
test_token_provider_class_init (TestTokenProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_token_provider_finalize;
}

static void
test_token_provider_init (TestTokenProvider *self)
{
}

static inline TestTokenProvider *
test_token_provider_new (TocsinTestSandbox *sb,
                         const char        *scopes)
{
  TestTokenProvider *self = g_object_new (TEST_TYPE_TOKEN_PROVIDER, NULL);

  self->sb = sb;
  self->scopes = g_strdup (scopes);
  self->token = tocsin_test_sandbox_sign_in (sb, scopes, NULL);
  g_assert_nonnull (self->token);
  return self;
}

/* Spins the default main context until *flag is set or 180 s pass: a bound
 * for a loaded two-core machine running the sanitized build, not a duration
 * anything is expected to take. */
static gboolean
test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static inline void
test_wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 180 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, test_wake_cb, NULL);

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_true (*flag);
}
