/* main.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tocsin-application.h"
#include "tocsin-auth-session.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TocsinApplication) app = NULL;

  /* Before any thread starts: g_unsetenv() is not thread-safe. */
  tocsin_auth_session_claim_environment ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, tocsin_application_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tocsin_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
