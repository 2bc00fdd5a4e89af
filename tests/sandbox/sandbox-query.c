/* sandbox-query.c: the alert search syntax (a useful subset)
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   query := or
 *   or    := and ( "OR" and )*
 *   and   := unary ( ["AND"] unary )*        adjacent terms mean AND
 *   unary := "NOT" unary | "(" or ")" | term
 *   term  := field (":" | "=" | "!=") value | value    a bare value is free text on message
 *   value := word | "quoted words"            a trailing * matches a prefix
 *
 * Fields (case-sensitive, like the real API): status, acknowledged, priority,
 * tag/tags, owner, message, description, alias, entity, source, tinyId, id,
 * seen, snoozed, responders. status:open matches every alert that is not
 * closed or resolved (Opsgenie's meaning); the other statuses match exactly.
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

typedef enum { NODE_AND, NODE_OR, NODE_NOT, NODE_FIELD, NODE_TEXT } NodeType;

typedef struct _Node Node;
struct _Node
{
  NodeType  type;
  Node     *left;
  Node     *right;
  char     *field;
  gboolean  negate;  /* != */
  char     *value;   /* casefolded */
};

struct _SbQuery
{
  Node *root;
};

typedef enum { TOK_END, TOK_WORD, TOK_QUOTED, TOK_LPAREN, TOK_RPAREN, TOK_COLON, TOK_EQ, TOK_NE } TokType;

typedef struct
{
  const char *p;
  TokType     type;
  char       *text;
  GError    **error;
} Lexer;

static const char * const fields[] = {
  "status", "acknowledged", "priority", "tag", "tags", "owner", "message", "description", "alias",
  "entity", "source", "tinyId", "id", "seen", "snoozed", "responders", NULL
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  node_free (node->left);
  node_free (node->right);
  g_free (node->field);
  g_free (node->value);
  g_free (node);
}

/* ---- lexer -------------------------------------------------------------- */

static gboolean
is_word_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && !strchr ("():=\"", c) && c != '!';
}

static void
lex_next (Lexer *lx)
{
  const char *start;

  g_clear_pointer (&lx->text, g_free);
  while (g_ascii_isspace (*lx->p))
    lx->p++;
  start = lx->p;
  switch (*lx->p)
    {
    case '\0': lx->type = TOK_END; return;
    case '(': lx->type = TOK_LPAREN; lx->p++; return;
    case ')': lx->type = TOK_RPAREN; lx->p++; return;
    case ':': lx->type = TOK_COLON; lx->p++; return;
    case '=': lx->type = TOK_EQ; lx->p++; return;
    case '"':
      {
        const char *end = strchr (lx->p + 1, '"');

        lx->type = TOK_QUOTED;
        lx->text = end ? g_strndup (lx->p + 1, end - lx->p - 1) : g_strdup (lx->p + 1);
        lx->p = end ? end + 1 : lx->p + strlen (lx->p);
        return;
      }
    default:
      break;
    }
  if (lx->p[0] == '!' && lx->p[1] == '=')
    {
      lx->type = TOK_NE;
      lx->p += 2;
      return;
    }
  if (*lx->p == '!')
    lx->p++;
  while (is_word_char (*lx->p))
    lx->p++;
  lx->type = TOK_WORD;
  lx->text = g_strndup (start, lx->p - start);
}

static gboolean
is_keyword (Lexer      *lx,
            const char *keyword)
{
  return lx->type == TOK_WORD && g_ascii_strcasecmp (lx->text, keyword) == 0;
}

/* ---- parser ------------------------------------------------------------- */

static Node *parse_or (Lexer *lx);

static Node *
new_node (NodeType type,
          Node    *left,
          Node    *right)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  node->left = left;
  node->right = right;
  return node;
}

static Node *
syntax_error (Lexer      *lx,
              const char *what)
{
  if (lx->error != NULL && *lx->error == NULL)
    g_set_error (lx->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Invalid query: %s", what);
  return NULL;
}

static Node *
parse_term (Lexer *lx)
{
  g_autofree char *word = NULL;
  Node *node;

  if (lx->type != TOK_WORD && lx->type != TOK_QUOTED)
    return syntax_error (lx, "expected a term");
  word = g_steal_pointer (&lx->text);
  lex_next (lx);
  if (lx->type != TOK_COLON && lx->type != TOK_EQ && lx->type != TOK_NE)
    {
      node = new_node (NODE_TEXT, NULL, NULL);
      node->value = g_utf8_casefold (word, -1);
      return node;
    }
  if (!g_strv_contains (fields, word))
    {
      g_autofree char *what = g_strdup_printf ("unknown field '%s'", word);
      return syntax_error (lx, what);
    }
  node = new_node (NODE_FIELD, NULL, NULL);
  node->field = g_steal_pointer (&word);
  node->negate = lx->type == TOK_NE;
  lex_next (lx);
  if (lx->type != TOK_WORD && lx->type != TOK_QUOTED)
    {
      node_free (node);
      return syntax_error (lx, "expected a value");
    }
  node->value = g_utf8_casefold (lx->text, -1);
  lex_next (lx);
  return node;
}

static Node *
parse_unary (Lexer *lx)
{
  if (is_keyword (lx, "NOT"))
    {
      Node *inner;

      lex_next (lx);
      inner = parse_unary (lx);
      return inner ? new_node (NODE_NOT, inner, NULL) : NULL;
    }
  if (lx->type == TOK_LPAREN)
    {
      Node *inner;

      lex_next (lx);
      inner = parse_or (lx);
      if (inner == NULL)
        return NULL;
      if (lx->type != TOK_RPAREN)
        {
          node_free (inner);
          return syntax_error (lx, "missing )");
        }
      lex_next (lx);
      return inner;
    }
  return parse_term (lx);
}

static gboolean
starts_unary (Lexer *lx)
{
  return (lx->type == TOK_WORD && !is_keyword (lx, "OR")) || lx->type == TOK_QUOTED || lx->type == TOK_LPAREN;
}

static Node *
parse_and (Lexer *lx)
{
  Node *left = parse_unary (lx);

  while (left != NULL && (is_keyword (lx, "AND") || starts_unary (lx)))
    {
      Node *right;

      if (is_keyword (lx, "AND"))
        lex_next (lx);
      right = parse_unary (lx);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = new_node (NODE_AND, left, right);
    }
  return left;
}

static Node *
parse_or (Lexer *lx)
{
  Node *left = parse_and (lx);

  while (left != NULL && is_keyword (lx, "OR"))
    {
      Node *right;

      lex_next (lx);
      right = parse_and (lx);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = new_node (NODE_OR, left, right);
    }
  return left;
}

SbQuery *
sb_query_compile (const char  *text,
                  GError     **error)
{
  Lexer lx = { text, TOK_END, NULL, error };
  SbQuery *query = g_new0 (SbQuery, 1);

  lex_next (&lx);
  if (lx.type != TOK_END)
    {
      query->root = parse_or (&lx);
      if (query->root != NULL && lx.type != TOK_END)
        {
          syntax_error (&lx, "unexpected text at the end");
          g_clear_pointer (&query->root, node_free);
        }
      if (query->root == NULL)
        {
          g_free (lx.text);
          g_free (query);
          return NULL;
        }
    }
  g_free (lx.text);
  return query;
}

void
sb_query_free (SbQuery *query)
{
  if (query == NULL)
    return;
  node_free (query->root);
  g_free (query);
}

/* ---- matching ----------------------------------------------------------- */

static gboolean
text_matches (const char *text,
              const char *value,
              gboolean    substring)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  gsize len = strlen (value);

  if (len > 0 && value[len - 1] == '*')
    return strncmp (folded, value, len - 1) == 0;
  if (substring)
    return strstr (folded, value) != NULL;
  return g_str_equal (folded, value);
}

static gboolean
bool_matches (JsonObject *obj,
              const char *member,
              const char *value)
{
  gboolean b = json_object_get_boolean_member_with_default (obj, member, FALSE);

  return g_str_equal (value, b ? "true" : "false");
}

static gboolean
array_matches (JsonArray  *array,
               const char *member,
               const char *value)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        text = json_object_get_string_member_with_default (json_node_get_object (element), member, NULL);
      else if (json_node_get_value_type (element) == G_TYPE_STRING)
        text = json_node_get_string (element);
      if (text != NULL && text_matches (text, value, FALSE))
        return TRUE;
    }
  return FALSE;
}

static gboolean
status_matches (const char *status,
                const char *value)
{
  if (g_str_equal (value, "open"))
    return !g_str_equal (status, "closed") && !g_str_equal (status, "resolved");
  return g_str_equal (status, value);
}

static gboolean
field_matches (Node       *node,
               JsonObject *obj)
{
  const char *f = node->field;
  const char *v = node->value;

  if (g_str_equal (f, "status"))
    return status_matches (json_object_get_string_member (obj, "status"), v);
  if (g_str_equal (f, "acknowledged") || g_str_equal (f, "seen") || g_str_equal (f, "snoozed"))
    return bool_matches (obj, f, v);
  if (g_str_equal (f, "tag") || g_str_equal (f, "tags"))
    return array_matches (json_object_get_array_member (obj, "tags"), NULL, v);
  if (g_str_equal (f, "responders"))
    return array_matches (json_object_get_array_member (obj, "responders"), "id", v);
  return text_matches (json_object_get_string_member_with_default (obj, f, ""), v,
                       g_str_equal (f, "message") || g_str_equal (f, "description"));
}

static gboolean
node_matches (Node       *node,
              JsonObject *obj)
{
  switch (node->type)
    {
    case NODE_AND:
      return node_matches (node->left, obj) && node_matches (node->right, obj);
    case NODE_OR:
      return node_matches (node->left, obj) || node_matches (node->right, obj);
    case NODE_NOT:
      return !node_matches (node->left, obj);
    case NODE_FIELD:
      return field_matches (node, obj) != node->negate;
    case NODE_TEXT:
      return text_matches (json_object_get_string_member (obj, "message"), node->value, TRUE);
    default:
      g_assert_not_reached ();
    }
}

gboolean
sb_query_matches (SbQuery *query,
                  SbAlert *alert)
{
  return query->root == NULL || node_matches (query->root, alert->obj);
}
