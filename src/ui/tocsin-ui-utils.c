/* tocsin-ui-utils.c: small helpers the widgets share
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tocsin-ui-utils.h"

const char *
tocsin_ui_alert_state_label (TocsinAlertState state)
{
  switch (state)
    {
    case TOCSIN_ALERT_STATE_OPEN:
      return C_("alert state", "Open");
    case TOCSIN_ALERT_STATE_ACKNOWLEDGED:
      return _("Acknowledged");
    case TOCSIN_ALERT_STATE_SNOOZED:
      return _("Snoozed");
    case TOCSIN_ALERT_STATE_CLOSED:
      return _("Closed");
    default:
      return "";
    }
}

/* Markup for a label from plain text: everything escaped, http(s) URLs
 * turned into links (without trailing punctuation, which is usually prose). */
char *
tocsin_ui_linkify (const char *text)
{
  static GRegex *url_regex;
  g_autoptr(GMatchInfo) match = NULL;
  GString    *markup;
  const char *pos;

  if (text == NULL)
    return g_strdup ("");

  if (g_once_init_enter (&url_regex))
    g_once_init_leave (&url_regex,
                       g_regex_new ("https?://[^\\s<>\"']+", G_REGEX_OPTIMIZE, 0, NULL));

  markup = g_string_new (NULL);
  pos = text;
  g_regex_match (url_regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int              start, end;
      g_autofree char *before = NULL;
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      while (end > start && strchr (".,;:!?)]}", text [end - 1]) != NULL)
        end--;

      before = g_markup_escape_text (pos, text + start - pos);
      g_string_append (markup, before);
      url = g_strndup (text + start, end - start);
      escaped = g_markup_escape_text (url, -1);
      g_string_append_printf (markup, "<a href=\"%s\">%s</a>", escaped, escaped);
      pos = text + end;

      g_match_info_next (match, NULL);
    }

  {
    g_autofree char *rest = g_markup_escape_text (pos, -1);
    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

/* GTK 4.8 loads an image's icon (an SVG, at status-page size) as soon as it
 * is styled, shown or not: a start showing one state paid for the icons of
 * all the others. So a rarely shown status page names its icon on its
 * GtkStackPage in the .ui, and gets it here, when first shown. */
void
tocsin_ui_stack_show (GtkStack   *stack,
                      const char *name)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (name != NULL);

  child = gtk_stack_get_child_by_name (stack, name);
  if (ADW_IS_STATUS_PAGE (child))
    {
      const char *icon_name = gtk_stack_page_get_icon_name (gtk_stack_get_page (stack, child));

      if (icon_name != NULL)
        adw_status_page_set_icon_name (ADW_STATUS_PAGE (child), icon_name);
    }
  gtk_stack_set_visible_child_name (stack, name);
}

static void
on_child_revealed_cb (GtkRevealer *revealer)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

/* A GTK 4.8 revealer measures its child folded or not, and a wrapped
 * label in it is laid out again at every measure (a folded banner was a
 * third of the signed-out start's text layout). So the revealer is hidden
 * once folded, and shown before it unfolds. */
void
tocsin_ui_revealer_reveal (GtkRevealer *revealer,
                           gboolean     reveal)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));

  if (g_signal_handler_find (revealer, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_child_revealed_cb,
                             NULL) == 0)
    g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb), NULL);

  if (reveal)
    gtk_widget_set_visible (GTK_WIDGET (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, reveal);
  on_child_revealed_cb (revealer);
}
