/* fuzz-replay.c: runs a fuzz target once over every file of its corpus
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without libFuzzer (a gcc build) each target links this main() instead, so
 * the corpus, including every crash ever found and added to it, is replayed
 * as a regression test in the unit suite.
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
main (int   argc,
      char *argv[])
{
  guint n_inputs = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_printerr ("cannot open corpus %s\n", argv[i]);
          return 1;
        }

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;

          LLVMFuzzerTestOneInput ((const uint8_t *)contents, length);
          n_inputs++;
        }
    }

  g_print ("replayed %u inputs\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
