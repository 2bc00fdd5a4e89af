/* validate-ui.c: every GtkBuilder file in the app's resources must load.
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk4-builder-tool does not know libadwaita's types, so this loads each .ui
 * itself, with every type of the app registered. A template is checked as an
 * object of its parent class; its signal handlers are private to its class and
 * are exercised when the UI tests build the real widgets.
 */

#include "config.h"

#include <adwaita.h>

#include "tocsin-application.h"

static char *
template_as_object (const char *xml)
{
  g_autoptr(GRegex) template_open = g_regex_new ("<template class=\"[^\"]+\" parent=\"([^\"]+)\">", 0, 0, NULL);
  g_autoptr(GRegex) signal = g_regex_new ("<signal [^>]*/>", 0, 0, NULL);
  g_autofree char *step1 = g_regex_replace (template_open, xml, -1, 0, "<object class=\"\\1\" id=\"template\">", 0, NULL);
  g_autofree char *step2 = g_regex_replace (signal, step1, -1, 0, "", 0, NULL);
  char *last = g_strrstr (step2, "</template>");

  /* Only the template's own end: a list item factory's cell templates
   * (in CDATA) have theirs. */
  if (last == NULL)
    return g_steal_pointer (&step2);
  *last = '\0';
  return g_strconcat (step2, "</object>", last + strlen ("</template>"), NULL);
}

static void
validate_resource (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  bytes = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);

  xml = template_as_object (g_bytes_get_data (bytes, NULL));
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  gtk_builder_add_from_string (builder, xml, -1, &error);
  g_assert_no_error (error);
}

static void
collect (const char *dir,
         GPtrArray  *paths)
{
  g_auto(GStrv) children = g_resources_enumerate_children (dir, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (dir, children[i], NULL);

      if (g_str_has_suffix (child, "/"))
        collect (child, paths);
      else if (g_str_has_suffix (child, ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&child));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_type_ensure (TOCSIN_TYPE_APPLICATION);

  collect (RESOURCE_PATH "/", paths);
  g_assert_cmpuint (paths->len, >=, 3);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *name = g_strconcat ("/ui-files", (char *)paths->pdata[i] + strlen (RESOURCE_PATH), NULL);
      g_test_add_data_func (name, paths->pdata[i], validate_resource);
    }

  return g_test_run ();
}
