/* tocsin-alert-preset.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-alert-preset.h"

char *
tocsin_alert_preset_query (TocsinAlertPreset preset)
{
  switch (preset)
    {
    case TOCSIN_ALERT_PRESET_OPEN:
      return g_strdup ("status:open");
    case TOCSIN_ALERT_PRESET_UNACKNOWLEDGED:
      return g_strdup (TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED);
    case TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME:
      /* Not "owner:<me>": the JSM Ops OpenAPI spec documents an alert's
       * "owner" as the owner's display name, but nothing we found documents
       * what the search syntax's owner field takes (Opsgenie's took the
       * username). So the open alerts are fetched and filtered on the owner
       * field as the API returns it; see tocsin_alert_monitor_set_owners(). */
      return g_strdup ("status:open");
    case TOCSIN_ALERT_PRESET_HIGH_PRIORITY:
      return g_strdup ("priority:P1 OR priority:P2");
    case TOCSIN_ALERT_PRESET_ALL:
    default:
      return g_strdup ("");
    }
}
