/* tocsin-json-utf8.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-json"

#include "config.h"

#include <string.h>

#include "tocsin-json-depth.h"
#include "tocsin-json-utf8.h"

/* The value of the \uXXXX escape at @p (which points at the backslash), or
 * -1 when there is none. */
static int
unicode_escape (const char *p,
                const char *end)
{
  int value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (guint i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The offset of the first surrogate escape at or after @from that is not the
 * high half of a high+low pair or its low half, or @length when there is none.
 * @from must not be inside an escape. */
static gsize
find_unpaired_surrogate (const char *data,
                         gsize       length,
                         gsize       from)
{
  const char *end = data + length;
  const char *p = data + from;

  while ((p = memchr (p, '\\', end - p)) != NULL)
    {
      int value = unicode_escape (p, end);

      if (value < 0)
        {
          /* Any other escape, "\\" included: skip both characters, so an
           * escaped backslash followed by "ud800" stays text. */
          p += 2;
          if (p >= end)
            break;
          continue;
        }
      if (value >= 0xD800 && value <= 0xDBFF)
        {
          int low = unicode_escape (p + 6, end);

          if (low < 0xDC00 || low > 0xDFFF)
            return p - data;
          p += 12;
        }
      else if (value >= 0xDC00 && value <= 0xDFFF)
        return p - data;
      else
        p += 6;
      if (p >= end)
        break;
    }
  return length;
}

/**
 * tocsin_json_repair_surrogates:
 * @data: JSON text
 * @length: its length in bytes
 *
 * Rewrites every `\uD800`–`\uDFFF` escape that is not part of a high+low
 * pair to `\uFFFD` (what a server leaves when it cuts a string in the middle
 * of an emoji). The escapes have the same length, so offsets stay put.
 *
 * Returns: (transfer full) (nullable): a NUL-terminated copy of @length bytes
 *   with the escapes repaired, or %NULL when nothing needed it
 */
char *
tocsin_json_repair_surrogates (const char *data,
                               gsize       length)
{
  char *copy = NULL;
  gsize at;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  for (at = find_unpaired_surrogate (data, length, 0);
       at < length;
       at = find_unpaired_surrogate (copy, length, at + 6))
    {
      if (copy == NULL)
        {
          copy = g_malloc (length + 1);
          memcpy (copy, data, length);
          copy[length] = '\0';
        }
      memcpy (copy + at, "\\uFFFD", 6);
    }
  return copy;
}

/**
 * tocsin_json_load:
 * @parser: a parser
 * @data: (nullable): JSON text from the network
 * @length: its length, or -1 when NUL-terminated
 *
 * json_parser_load_from_data() for text nobody checked: invalid UTF-8 bytes
 * become U+FFFD and unpaired surrogate escapes `\uFFFD` first, so one bad
 * string cannot fail the whole document. Copies only when something needed
 * repair. The error message, which quotes the input, is valid UTF-8 too.
 */
gboolean
tocsin_json_load (JsonParser  *parser,
                  const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *repaired = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  /* An empty GBytes has no data pointer; json-glib wants one. */
  if (data == NULL)
    data = "";
  len = length < 0 ? strlen (data) : (gsize) length;

  /* json-glib recurses without a bound: refuse deep nesting before it. */
  if (!tocsin_json_check_depth (data, len, error))
    return FALSE;

  if (!g_utf8_validate_len (data, len, NULL))
    {
      valid = g_utf8_make_valid (data, len);
      data = valid;
      len = strlen (valid);
    }
  if ((repaired = tocsin_json_repair_surrogates (data, len)) != NULL)
    data = repaired;

  if (json_parser_load_from_data (parser, data, len, &local_error))
    return TRUE;

  if (!g_utf8_validate (local_error->message, -1, NULL))
    {
      char *message = g_utf8_make_valid (local_error->message, -1);

      g_free (local_error->message);
      local_error->message = message;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * tocsin_json_node_dup_string:
 * @node: (nullable): a node
 *
 * The one way parsers read text: a string value, made valid UTF-8 whatever
 * reached the parser.
 *
 * Returns: (transfer full) (nullable): the text, %NULL when @node is missing
 *   or not a string
 */
char *
tocsin_json_node_dup_string (JsonNode *node)
{
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  value = json_node_get_string (node);
  return value != NULL ? g_utf8_make_valid (value, -1) : NULL;
}

/**
 * tocsin_json_dup_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * tocsin_json_node_dup_string() of @object's @member.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL
 */
char *
tocsin_json_dup_string (JsonObject *object,
                        const char *member)
{
  if (object == NULL)
    return NULL;
  return tocsin_json_node_dup_string (json_object_get_member (object, member));
}
