/* tocsin-test-notify.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Counts the notify::<property> emissions of an object, so that a test can
 * assert that a property notifies exactly when its value changes:
 *
 *   g_autoptr(TocsinTestNotify) paused = tocsin_test_notify_new (pause, "paused");
 *   tocsin_pause_pause_until (pause, NULL);
 *   tocsin_test_notify_assert (paused, 1);
 *   tocsin_pause_resume (pause);
 *   tocsin_pause_resume (pause);
 *   tocsin_test_notify_assert (paused, 1);
 *
 * It holds no reference, so it does not keep the object alive. */
typedef struct _TocsinTestNotify TocsinTestNotify;

TocsinTestNotify *tocsin_test_notify_new  (gpointer          object,
                                           const char       *property);
guint             tocsin_test_notify_take (TocsinTestNotify *self);
void              tocsin_test_notify_free (TocsinTestNotify *self);

/* Asserts that @self counted exactly @n emissions since it was made or last
 * checked, and starts counting again. */
#define tocsin_test_notify_assert(self, n) \
  g_assert_cmpuint (tocsin_test_notify_take (self), ==, (n))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TocsinTestNotify, tocsin_test_notify_free)

G_END_DECLS
