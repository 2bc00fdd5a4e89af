/* sandbox-live.c: --live, a little activity for the demo
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every few seconds: a new alert, or an open one gets escalated or closed.
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include "sandbox-private.h"

static const struct
{
  const char *message;
  const char *priority;
  const char *tags;
} live_alerts[] = {
  { "Login latency above 800 ms (eu-central-1)", "P2", "auth,latency,live" },
  { "🚨 Payment webhook failures from provider Stripe-like", "P1", "payments,webhooks,live" },
  { "Queue depth growing on orders-worker", "P3", "queue,orders,live" },
  { "Zertifikat läuft in 3 Tagen ab: shop.northwind.example", "P4", "ssl,cert-expiry,live" },
  { "Disk 85% on logs-01", "P5", "disk,logs,live" },
  { "تجاوز زمن الاستجابة في واجهة البرمجة", "P2", "api,rtl,live" },
};

static SbAlert *
random_open_alert (SbSite *site)
{
  for (guint attempt = 0; attempt < 20 && site->alerts->len > 0; attempt++)
    {
      SbAlert *alert = g_ptr_array_index (site->alerts, g_rand_int_range (sb->live_rand, 0, site->alerts->len));

      if (g_str_equal (json_object_get_string_member (alert->obj, "status"), "open"))
        return alert;
    }
  return NULL;
}

static void
create_live_alert (SbSite *site)
{
  guint i = g_rand_int_range (sb->live_rand, 0, G_N_ELEMENTS (live_alerts));
  g_autoptr(JsonObject) fields = json_object_new ();
  g_auto(GStrv) tags = g_strsplit (live_alerts[i].tags, ",", -1);
  JsonArray *tag_array = json_array_new ();
  g_autofree char *alias = g_strdup_printf ("live-%u", g_rand_int (sb->live_rand));
  g_autoptr(GError) error = NULL;

  for (guint j = 0; tags[j]; j++)
    json_array_add_string_element (tag_array, tags[j]);
  json_object_set_string_member (fields, "message", live_alerts[i].message);
  json_object_set_string_member (fields, "priority", live_alerts[i].priority);
  json_object_set_string_member (fields, "alias", alias);
  json_object_set_string_member (fields, "description", "Created by the sandbox's --live mode.");
  json_object_set_string_member (fields, "source", "tocsin-sandbox --live");
  json_object_set_array_member (fields, "tags", tag_array);
  sb_data_create_alert (site, fields, &error);
}

static gboolean
live_tick (gpointer user_data)
{
  SbSite *site = g_ptr_array_index (sb->sites, 0);
  int roll = g_rand_int_range (sb->live_rand, 0, 10);
  SbAlert *alert;

  if (roll < 5)
    {
      create_live_alert (site);
      return G_SOURCE_CONTINUE;
    }
  alert = random_open_alert (site);
  if (alert == NULL)
    return G_SOURCE_CONTINUE;
  if (roll < 7)
    {
      json_object_set_string_member (alert->obj, "priority", "P1");
      sb_data_alert_log (alert, "system", "System", "Alert escalated to Platform_escalation");
    }
  else
    {
      g_autofree char *now = sb_iso_us (sb_now_us ());

      json_object_set_string_member (alert->obj, "status", "closed");
      json_object_set_string_member (alert->obj, "closeTime", now);
      sb_data_alert_log (alert, "system", "System", "Alert closed by the sandbox's --live mode");
    }
  sb_data_alert_touch (alert);
  return G_SOURCE_CONTINUE;
}

void
sb_live_start (void)
{
  g_timeout_add_seconds (4, live_tick, NULL);
}
