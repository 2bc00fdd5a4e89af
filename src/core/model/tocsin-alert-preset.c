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

/* Every open unacknowledged alert matches these queries too: a list that
 * holds every match of one can count them itself, which saves the count
 * request on each poll (half the requests of a small list). */
gboolean
tocsin_alert_query_covers_open_unacknowledged (const char *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return *query == '\0' || g_str_equal (query, "status:open") ||
         g_str_equal (query, TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED);
}

/* What the server counts for TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED:
 * status:open is anything not closed or resolved (snoozed too). */
guint
tocsin_alert_count_open_unacknowledged (GPtrArray *alerts)
{
  guint count = 0;

  g_return_val_if_fail (alerts != NULL, 0);

  for (guint i = 0; i < alerts->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (alerts, i);
      const char  *status = tocsin_alert_get_status (alert);

      if (!tocsin_alert_get_acknowledged (alert) && g_strcmp0 (status, "closed") != 0 &&
          g_strcmp0 (status, "resolved") != 0)
        count++;
    }
  return count;
}

/**
 * tocsin_alert_filter_owners:
 * @alerts: (element-type TocsinAlert): alerts
 * @owners: the owners to keep
 *
 * The alerts whose owner field is one of @owners (the display name, as the
 * spec documents it; the account id too, should a server send one), in order.
 *
 * Returns: (transfer full) (element-type TocsinAlert): the alerts kept
 */
GPtrArray *
tocsin_alert_filter_owners (GPtrArray          *alerts,
                            const char * const *owners)
{
  GPtrArray *kept;

  g_return_val_if_fail (alerts != NULL, NULL);
  g_return_val_if_fail (owners != NULL, NULL);

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < alerts->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (alerts, i);
      const char *owner = tocsin_alert_get_owner (alert);

      if (owner != NULL && *owner != '\0' && g_strv_contains (owners, owner))
        g_ptr_array_add (kept, g_object_ref (alert));
    }
  return kept;
}
