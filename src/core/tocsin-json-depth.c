/* tocsin-json-depth.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tocsin-json-depth.h"

/**
 * tocsin_json_check_depth:
 * @data: (nullable): JSON text from the network, not yet parsed
 * @length: its length, or -1 when NUL-terminated
 *
 * json-glib 1.6 recurses once per nesting level without a limit, so 100,000
 * `[` (200 KB) crash it. Every parser calls this first: one pass over the
 * bytes, brackets inside strings (escapes included) not counted. Malformed
 * text passes; the parser then rejects it.
 *
 * Returns: %FALSE with %JSON_PARSER_ERROR_PARSE when @data nests deeper than
 *   %TOCSIN_JSON_MAX_DEPTH
 */
gboolean
tocsin_json_check_depth (const char  *data,
                         gssize       length,
                         GError     **error)
{
  gsize len;
  guint depth = 0;
  gboolean in_string = FALSE;

  if (data == NULL)
    return TRUE;
  len = length < 0 ? strlen (data) : (gsize) length;

  for (gsize i = 0; i < len; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
          continue;
        }

      switch (data[i])
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > TOCSIN_JSON_MAX_DEPTH)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("the data is nested more than %u levels deep"), TOCSIN_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}
