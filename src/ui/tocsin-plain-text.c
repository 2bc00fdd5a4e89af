/* tocsin-plain-text.c: plain text where libadwaita 1.2 only takes markup
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AdwToast titles and AdwStatusPage descriptions are always Pango markup in
 * libadwaita 1.2 (neither has a use-markup switch yet). Alert text, server
 * errors and what the user typed go in escaped, so an `<a href>` shows as
 * written instead of as a link, and a lone `&` does not blank the widget.
 */

#include "config.h"

#include "tocsin-plain-text.h"

AdwToast *
tocsin_toast_new_plain (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
tocsin_status_page_set_plain_description (AdwStatusPage *page,
                                          const char    *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_status_page_set_description (page, escaped);
}
