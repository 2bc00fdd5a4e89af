/* tocsin-test-utils.c: helpers shared by the UI tests
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tocsin-application.h"
#include "tocsin-test-utils.h"

void
tocsin_test_init (int    *argc,
                  char ***argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, tocsin_application_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @predicate holds or @timeout_ms passes.
 * Returns whether the predicate held. */
gboolean
tocsin_test_wait_until (TocsinTestPredicate predicate,
                        gpointer            user_data,
                        guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!predicate (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return predicate (user_data);
}

static void
subprocess_waited_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

static gboolean
is_set (gpointer data)
{
  return *(gboolean *)data;
}

/* Waits for @subprocess to exit, up to @timeout_ms. Its exit is dispatched
 * on this thread's main context, which wakes the loop at once (a reaped
 * child alone would not). Returns whether it exited. */
gboolean
tocsin_test_wait_subprocess (GSubprocess *subprocess,
                             guint        timeout_ms)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean *exited = g_new0 (gboolean, 1);
  gboolean result;

  /* The flag outlives a timed-out wait: the cancelled callback still runs. */
  g_subprocess_wait_async (subprocess, cancellable, subprocess_waited_cb, exited);
  result = tocsin_test_wait_until (is_set, exited, timeout_ms);
  if (!result)
    {
      g_cancellable_cancel (cancellable);
      while (!*exited)
        g_main_context_iteration (NULL, TRUE);
    }
  g_free (exited);
  return result;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
tocsin_test_spin (guint ms)
{
  tocsin_test_wait_until (never, NULL, ms);
}

/* Renders @widget with its window's renderer and writes a PNG into the build
 * dir. Returns the path. */
char *
tocsin_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *dir = NULL;
  char *path;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = g_build_filename (g_getenv ("TOCSIN_BUILD_ROOT") ? g_getenv ("TOCSIN_BUILD_ROOT") : ".",
                           "screenshots", file, NULL);
  dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return path;
}

/* Depth-first search for the first visible descendant of @type (and CSS name). */
GtkWidget *
tocsin_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *css_name_or_null)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_name_or_null == NULL || g_strcmp0 (gtk_widget_get_css_name (root), css_name_or_null) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tocsin_test_find_widget (child, type, css_name_or_null);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The drawable button whose label is @label (with mnemonic underscores). */
GtkWidget *
tocsin_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return find_button (root, label);
}

/* The descendant of @root that its template names @id. */
GtkWidget *
tocsin_test_find_by_id (GtkWidget  *root,
                        const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tocsin_test_find_by_id (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}
