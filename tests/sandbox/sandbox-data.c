/* sandbox-data.c: the seeded users, sites, teams and alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is derived from --seed, so two runs with the same seed (on the
 * same day: alert times are relative to start-up) serve the same data.
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

/* ---- users -------------------------------------------------------------- */

static const struct
{
  const char *account_id;
  const char *name;
  const char *email;
  const char *tz;
  const char *locale;
} seed_users[] = {
  { SB_USER_ACCOUNT_ID, "Dana Okafor", "dana.okafor@northwind.example", "Europe/Berlin", "en_GB" },
  { "5c2e8f1a9b3d7e4f6a0b1c2d", "Lars Ødegård", "lars.odegard@northwind.example", "Europe/Oslo", "nb_NO" },
  { "5d4a7c9e1f2b3a8d6c0e5f1a", "Aiko Tanaka (田中 愛子)", "aiko.tanaka@northwind.example", "Asia/Tokyo", "ja_JP" },
  { "5e6b8d0f2a4c6e8a0b2d4f6a", "Mateus Conceição", "mateus.conceicao@northwind.example", "America/Sao_Paulo", "pt_BR" },
  { "5f7c9e1a3b5d7f9a1c3e5a7b", "Sofia Rossi", "sofia.rossi@northwind.example", "Europe/Rome", "it_IT" },
  { "60a8b0c2d4e6f8a0b2c4d6e8", "Yusuf Al-Rashid (يوسف الرشيد)", "yusuf.alrashid@northwind.example", "Asia/Dubai", "ar_AE" },
  { "712020:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b", "Priya Raghunathan", "priya.r@northwind.example", "America/New_York", "en_US" },
  { "712020:7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d", "Marcus O'Neill", "marcus.oneill@northwind.example", "America/Chicago", "en_US" },
  { "712020:c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "Zoë Müller-Lüdenscheidt", "zoe.mueller@northwind.example", "America/New_York", "de_DE" },
  { "61b9c1d3e5f7a9b1c3d5e7f9", "Ananya Iyer", "ananya.iyer@northwind.example", "Asia/Kolkata", "en_IN" },
  { "62cad2e4f6a8bac2d4e6f8a0", "Rohan Mehta", "rohan.mehta@northwind.example", "Asia/Kolkata", "hi_IN" },
  { "63dbe3f5a7b9cbd3e5f7a9b1", "Kavya Subramanian", "kavya.s@northwind.example", "Asia/Kolkata", "ta_IN" },
  { "64ecf4a6b8cadce4f6a8bac2", "Noa Levi (נועה לוי)", "noa.levi@umbra.example", "Asia/Jerusalem", "he_IL" },
  { "65fda5b7c9dbedf5a7b9cbd3", "Emily Nguyễn", "emily.nguyen@umbra.example", "Australia/Sydney", "en_AU" },
  { "660eb6c8daecfea6b8cadce4", "Björn Þórsson", "bjorn.thorsson@umbra.example", "Atlantic/Reykjavik", "is_IS" },
};

static void
user_free (gpointer data)
{
  SbUser *user = data;

  g_free (user->account_id);
  g_free (user->display_name);
  g_free (user->email);
  g_free (user->time_zone);
  g_free (user->locale);
  g_free (user);
}

static void
seed_users_init (void)
{
  sb->users = g_ptr_array_new_with_free_func (user_free);
  for (guint i = 0; i < G_N_ELEMENTS (seed_users); i++)
    {
      SbUser *user = g_new0 (SbUser, 1);

      user->account_id = g_strdup (seed_users[i].account_id);
      user->display_name = g_strdup (seed_users[i].name);
      user->email = g_strdup (seed_users[i].email);
      user->time_zone = g_strdup (seed_users[i].tz);
      user->locale = g_strdup (seed_users[i].locale);
      g_ptr_array_add (sb->users, user);
    }
}

SbUser *
sb_data_find_user (const char *account_id)
{
  for (guint i = 0; i < sb->users->len; i++)
    {
      SbUser *user = g_ptr_array_index (sb->users, i);

      if (g_strcmp0 (user->account_id, account_id) == 0)
        return user;
    }
  return NULL;
}

static const char *
user_id (guint index)
{
  return seed_users[index].account_id;
}

JsonObject *
sb_data_user_json (SbUser *user)
{
  JsonObject *obj = json_object_new ();
  JsonObject *avatars = json_object_new ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, user->email, -1);
  const char *sizes[] = { "48x48", "24x24", "16x16", "32x32" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://secure.gravatar.com/avatar/%s?d=identicon&s=%.2s",
                                              hash, sizes[i]);
      json_object_set_string_member (avatars, sizes[i], url);
    }
  json_object_set_string_member (obj, "accountId", user->account_id);
  json_object_set_string_member (obj, "accountType", "atlassian");
  json_object_set_string_member (obj, "emailAddress", user->email);
  json_object_set_object_member (obj, "avatarUrls", avatars);
  json_object_set_string_member (obj, "displayName", user->display_name);
  json_object_set_boolean_member (obj, "active", TRUE);
  json_object_set_string_member (obj, "timeZone", user->time_zone);
  json_object_set_string_member (obj, "locale", user->locale);
  return obj;
}

/* ---- sites and teams ---------------------------------------------------- */

static void
team_free (gpointer data)
{
  SbTeam *team = data;

  g_free (team->id);
  g_free (team->name);
  g_free (team->description);
  g_ptr_array_unref (team->member_ids);
  g_ptr_array_unref (team->escalations);
  g_free (team);
}

static JsonObject *
escalation_rule (const char *condition,
                 int         delay_min,
                 const char *recipient_type,
                 const char *recipient_id)
{
  JsonObject *rule = json_object_new ();
  JsonObject *delay = json_object_new ();
  JsonObject *recipient = json_object_new ();

  json_object_set_string_member (rule, "condition", condition);
  json_object_set_string_member (rule, "notifyType", "default");
  json_object_set_int_member (delay, "timeAmount", delay_min);
  json_object_set_string_member (delay, "timeUnit", "minutes");
  json_object_set_object_member (rule, "delay", delay);
  json_object_set_string_member (recipient, "id", recipient_id);
  json_object_set_string_member (recipient, "type", recipient_type);
  json_object_set_object_member (rule, "recipient", recipient);
  return rule;
}

/* One escalation per team: notify the team's first member, then the team. */
static void
add_escalation (SbTeam *team)
{
  JsonObject *esc = json_object_new ();
  JsonArray *rules = json_array_new ();
  JsonObject *repeat = json_object_new ();
  g_autofree char *label = g_strdup_printf ("escalation:%s", team->id);
  g_autofree char *id = sb_stable_uuid (label);
  g_autofree char *name = g_strdup_printf ("%s_escalation", team->name);

  json_array_add_object_element (rules, escalation_rule ("if-not-acked", 0, "user",
                                                         g_ptr_array_index (team->member_ids, 0)));
  json_array_add_object_element (rules, escalation_rule ("if-not-acked", 10, "team", team->id));
  json_array_add_object_element (rules, escalation_rule ("if-not-closed", 30, "user",
                                                         g_ptr_array_index (team->member_ids,
                                                                            team->member_ids->len - 1)));
  json_object_set_string_member (esc, "id", id);
  json_object_set_string_member (esc, "name", name);
  json_object_set_string_member (esc, "description", "Default escalation created with the team");
  json_object_set_array_member (esc, "rules", rules);
  json_object_set_boolean_member (esc, "enabled", TRUE);
  json_object_set_int_member (repeat, "waitInterval", 10);
  json_object_set_int_member (repeat, "count", 2);
  json_object_set_boolean_member (repeat, "resetRecipientStates", FALSE);
  json_object_set_boolean_member (repeat, "closeAlertAfterAll", FALSE);
  json_object_set_object_member (esc, "repeat", repeat);
  g_ptr_array_add (team->escalations, esc);
}

static SbTeam *
add_team (SbSite     *site,
          const char *name,
          const char *description,
          const int  *members)
{
  SbTeam *team = g_new0 (SbTeam, 1);
  g_autofree char *label = g_strdup_printf ("team:%s:%s", site->url, name);

  team->id = sb_stable_uuid (label);
  team->name = g_strdup (name);
  team->description = g_strdup (description);
  team->member_ids = g_ptr_array_new_with_free_func (g_free);
  team->escalations = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; members[i] >= 0; i++)
    g_ptr_array_add (team->member_ids, g_strdup (user_id (members[i])));
  add_escalation (team);
  g_ptr_array_add (site->teams, team);
  return team;
}

static SbSite *
add_site (const char *name,
          const char *host)
{
  SbSite *site = g_new0 (SbSite, 1);
  g_autofree char *label = g_strdup_printf ("site:%s", host);

  site->id = sb_stable_uuid (label);
  site->name = g_strdup (name);
  site->url = g_strdup_printf ("https://%s.atlassian.net", host);
  site->avatar_url = g_strdup ("https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png");
  site->alerts = g_ptr_array_new_with_free_func (sb_data_alert_free);
  site->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  site->by_alias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  site->teams = g_ptr_array_new_with_free_func (team_free);
  site->schedules = g_ptr_array_new ();
  site->forwardings = g_ptr_array_new ();
  site->next_tiny_id = 1;
  g_ptr_array_add (sb->sites, site);
  return site;
}

static void
seed_teams (SbSite *first,
            SbSite *second)
{
  add_team (first, "Platform", "Kubernetes, CI and the internal developer platform", (int[]) { 0, 1, 2, 3, 4, 5, -1 });
  add_team (first, "Payments", "Checkout, billing and the payment gateways", (int[]) { 6, 0, 7, 8, -1 });
  add_team (first, "Infrastructure NOC", "Network operations centre, Bengaluru", (int[]) { 9, 10, 11, -1 });
  add_team (second, "Customer Support", "Tier 2 support engineering", (int[]) { 12, 13, 0, -1 });
  add_team (second, "Security", "Incident response and detection engineering", (int[]) { 14, 2, 12, -1 });
}

SbSite *
sb_data_find_site (const char *cloud_id)
{
  for (guint i = 0; i < sb->sites->len; i++)
    {
      SbSite *site = g_ptr_array_index (sb->sites, i);

      if (g_strcmp0 (site->id, cloud_id) == 0)
        return site;
    }
  return NULL;
}

SbTeam *
sb_data_find_team (SbSite     *site,
                   const char *team_id)
{
  for (guint i = 0; i < site->teams->len; i++)
    {
      SbTeam *team = g_ptr_array_index (site->teams, i);

      if (g_strcmp0 (team->id, team_id) == 0)
        return team;
    }
  return NULL;
}

/* ---- alerts ------------------------------------------------------------- */

typedef struct
{
  const char *message;
  const char *entity;
  const char *source;
  const char *lead;
  const char *tags;   /* comma-separated */
} AlertTemplate;

static const AlertTemplate templates[] = {
  { "CPU usage above 95% on db-prod-eu-%u", "db-prod-eu", "Datadog",
    "The primary PostgreSQL node has been above 95% CPU for 10 minutes. Autovacuum and a long-running analytics query are competing for cores.",
    "db,postgres,cpu,eu-west-1,customer-facing" },
  { "Checkout latency p99 > 2 s (region us-east-%u)", "checkout-api", "Prometheus",
    "p99 latency of POST /checkout crossed the 2 s SLO. Payment provider calls account for most of the time.",
    "payments,checkout,latency,p99,slo,us-east-1" },
  { "Zahlungsdienst antwortet nicht – Timeout nach 30 s (Knoten %u)", "zahlungsdienst", "Icinga",
    "Der Zahlungsdienst beantwortet Health-Checks seit 5 Minuten nicht mehr. Betroffen sind Kartenzahlungen in DE, AT und CH.",
    "payments,übergreifend,timeout,dach" },
  { "🔥 Disk full on ingest-%02u (/var/lib/kafka 100%%)", "ingest", "Zabbix",
    "The Kafka data volume is full. Producers are receiving NOT_ENOUGH_REPLICAS; consumer lag is growing quickly. 🔥🔥",
    "kafka,disk,ingest,🔥,data-pipeline" },
  { "決済APIのレイテンシが上昇しています (ap-northeast-%u)", "payments-jp", "CloudWatch",
    "東京リージョンの決済APIで応答時間が急増しています。外部ゲートウェイへの接続がタイムアウトしています。",
    "payments,latency,ap-northeast-1,日本" },
  { "خطأ في خادم الدفع: رفض الاتصال (%u)", "payment-gw-me", "Grafana",
    "يرفض خادم بوابة الدفع الاتصالات الجديدة منذ الساعة 14:05. Customers in the UAE cannot complete purchases.",
    "payments,rtl,me-central-1,connection-refused" },
  { "שגיאת אימות במערכת הכניסה – שרת %u", "auth-il", "Sentry",
    "שיעור השגיאות בכניסה עלה ל-12%. Login error rate rose to 12% after the identity provider certificate rotated.",
    "auth,rtl,sso,certificates" },
  { "TLS certificate for api.northwind.example expires in %u days", "api-gateway", "Certbot monitor",
    "The certificate on the public API gateway expires soon and automatic renewal failed twice (ACME rate limit).",
    "ssl,cert-expiry,api-gateway,security" },
  { "Kubernetes node pressure: MemoryPressure on node-pool-%u", "k8s-prod", "Kubernetes",
    "Several nodes report MemoryPressure. Pods are being evicted in the batch namespace.",
    "kubernetes,memory,node-pressure,batch,platform" },
  { "Backup job nightly-pg-%u failed (exit 137)", "backup", "Cron",
    "The nightly base backup was killed by the OOM killer. The last good backup is 26 hours old.",
    "backup,postgres,cron,oom" },
  { "DNS resolution failures for *.internal (resolver %u)", "dns", "Pingdom",
    "Internal names fail to resolve intermittently; SERVFAIL from the secondary resolver.",
    "dns,network,internal" },
  { "Error budget burn rate 14× on mobile-api (window %u h)", "mobile-api", "Nobl9",
    "The 1-hour burn rate is 14 times the sustainable rate. 📉 At this pace the monthly budget is gone in 2 days.",
    "mobile,slo,error-budget,📉" },
  { "WAF blocked 12 000 requests/min from AS%u", "waf", "Cloudflare",
    "A credential-stuffing pattern against /login. Blocking rules hold, but origin load rose 30%.",
    "security,waf,login,bot" },
  { "Redis replication lag %u s on cache-eu", "cache-eu", "Datadog",
    "The replica is far behind the primary; reads from it return stale sessions.",
    "redis,replication,cache,eu-west-1" },
  { "Synthetic check „Warenkorb“ failed from %u locations", "shop-web", "Checkly",
    "The end-to-end basket check fails at the payment step: “Bitte versuchen Sie es später erneut”.",
    "synthetic,web,checkout,i18n" },
  { "Heartbeat missing: billing-worker-%u", "billing-worker", "Heartbeat",
    "No heartbeat for 15 minutes. Invoices are not being generated.",
    "heartbeat,billing,worker" },
};

static const char *extra_tags[] = {
  "prod", "sev:high", "sev:low", "team:platform", "team:payments", "on-call-test", "runbook",
  "needs-postmortem", "flapping", "customer:acme", "customer:globex", "ça-va", "region:eu", "region:us",
};

static const char * const alert_priorities[] = { "P1", "P2", "P3", "P4", "P5" };
static const char * const alert_statuses[] = { "open", "acked", "snoozed", "closed", "resolved" };

static char *
long_description (const AlertTemplate *t,
                  guint                n)
{
  GString *d = g_string_new (t->lead);

  g_string_append_printf (d,
    "\n\nImpact\n------\nAbout %u%% of requests in the affected region fail or are slow. "
    "Customers notice it first in the checkout and login flows; support has opened %u tickets so far.\n\n"
    "What we know\n------------\n"
    "• The problem started after deployment #%u (rolled out 25 minutes earlier).\n"
    "• Dashboards: https://grafana.northwind.example/d/abc%u/overview?orgId=1&from=now-6h&to=now\n"
    "• Logs: kubectl logs -n prod deploy/%s --since=30m | grep -E 'ERROR|timeout'\n\n"
    "Runbook\n-------\n"
    "1. Check the saturation panel; if CPU or memory is pinned, scale out by two replicas.\n"
    "2. If the last deployment is the likely cause, roll back with `deployctl rollback %s`.\n"
    "3. Post an update in #incident-%u every 30 minutes, even when nothing changed.\n\n",
    5 + n % 40, n % 17, 4000 + n, n, t->entity, t->entity, 100 + n);
  if (n % 3 == 0)
    g_string_append (d, "Note: ✅ mitigations in place · ⚠️ follow-up needed · 🧯 incident commander: Dana Okafor\n");
  if (n % 4 == 1)
    g_string_append (d, "ملاحظة: يرجى التحقق من السجلات قبل إعادة التشغيل. (Arabic: check the logs before restarting.)\n");
  if (n % 5 == 2)
    g_string_append (d, "הערה: נא לעדכן את צוות התמיכה. (Hebrew: please update the support team.)\n");
  return g_string_free (d, FALSE);
}

static JsonArray *
alert_tags (const AlertTemplate *t,
            GRand               *rand)
{
  JsonArray *tags = json_array_new ();
  g_auto(GStrv) base = g_strsplit (t->tags, ",", -1);
  guint extra = g_rand_int_range (rand, 0, 7);

  for (guint i = 0; base[i]; i++)
    json_array_add_string_element (tags, base[i]);
  for (guint i = 0; i < extra; i++)
    {
      const char *tag = extra_tags[(g_rand_int (rand)) % G_N_ELEMENTS (extra_tags)];
      gboolean dup = FALSE;

      for (guint j = 0; j < json_array_get_length (tags); j++)
        dup |= g_str_equal (json_array_get_string_element (tags, j), tag);
      if (!dup)
        json_array_add_string_element (tags, tag);
    }
  return tags;
}

static JsonArray *
alert_responders (SbSite *site,
                  guint   n)
{
  JsonArray *responders = json_array_new ();
  SbTeam *team = g_ptr_array_index (site->teams, n % site->teams->len);
  JsonObject *r = json_object_new ();

  json_object_set_string_member (r, "id", team->id);
  json_object_set_string_member (r, "type", "team");
  json_array_add_object_element (responders, r);
  if (n % 4 == 0)
    {
      JsonObject *u = json_object_new ();

      json_object_set_string_member (u, "id", g_ptr_array_index (team->member_ids, 0));
      json_object_set_string_member (u, "type", "user");
      json_array_add_object_element (responders, u);
    }
  return responders;
}

/* The first 25 alerts cover every priority × status pair; then chance. */
static void
pick_priority_status (guint        n,
                      GRand       *rand,
                      const char **priority,
                      const char **status)
{
  if (n < 25)
    {
      *priority = alert_priorities[n % 5];
      *status = alert_statuses[n / 5];
      return;
    }
  *priority = alert_priorities[g_rand_int_range (rand, 0, 5)];
  *status = g_rand_int_range (rand, 0, 10) < 6 ? "open" : alert_statuses[g_rand_int_range (rand, 0, 5)];
}

static JsonObject *
alert_fields (SbSite *site,
              guint   n,
              GRand  *rand,
              gint64  now_us)
{
  const AlertTemplate *t = &templates[n % G_N_ELEMENTS (templates)];
  JsonObject *f = json_object_new ();
  JsonObject *extra = json_object_new ();
  JsonArray *tags;
  const char *priority, *status;
  g_autofree char *message = NULL;
  g_autofree char *description = long_description (t, n);
  g_autofree char *created = NULL;
  g_autofree char *alias = g_strdup_printf ("%s-%u", t->entity, n);
  gint64 age_us = (gint64) g_rand_int_range (rand, 60, 14 * 24 * 3600) * G_USEC_PER_SEC;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (t->message, 1 + n % 97);
#pragma GCC diagnostic pop
  pick_priority_status (n, rand, &priority, &status);
  created = sb_iso_us (now_us - age_us);

  json_object_set_string_member (f, "message", message);
  json_object_set_string_member (f, "alias", alias);
  json_object_set_string_member (f, "description", description);
  json_object_set_string_member (f, "priority", priority);
  json_object_set_string_member (f, "status", status);
  json_object_set_string_member (f, "entity", t->entity);
  json_object_set_string_member (f, "source", t->source);
  json_object_set_string_member (f, "createdAt", created);
  tags = alert_tags (t, rand);
  /* A tag cut in the middle of an emoji (U+1F4BE): the list answer carries a
   * lone "\ud83d" escape. On the first site it stands inside the string (json-glib
   * 1.6 reads it as invalid UTF-8), on the second at its end (json-glib 1.6
   * rejects the whole page). Stored in WTF-8, see sb_respond_json(). */
  if (n == 1)
    json_array_add_string_element (tags, site == g_ptr_array_index (sb->sites, 0) ? "backup-\xed\xa0\xbd\xe2\x80\xa6"
                                                                                  : "backup-\xed\xa0\xbd");
  json_object_set_array_member (f, "tags", tags);
  json_object_set_array_member (f, "responders", alert_responders (site, n));
  json_object_set_boolean_member (f, "seen", g_rand_boolean (rand));
  json_object_set_int_member (f, "count", g_rand_int_range (rand, 1, 60));
  json_object_set_string_member (extra, "region", n % 2 ? "eu-west-1" : "us-east-1");
  json_object_set_string_member (extra, "runbook", "https://wiki.northwind.example/runbooks/generic");
  json_object_set_object_member (f, "extraProperties", extra);
  if (n % 3 == 0)
    {
      JsonArray *actions = json_array_new ();

      json_array_add_string_element (actions, "Restart service");
      json_array_add_string_element (actions, "Open runbook");
      json_object_set_array_member (f, "actions", actions);
    }
  if (g_str_equal (status, "acked") || g_str_equal (status, "closed") || n % 5 == 0)
    json_object_set_string_member (f, "owner", seed_users[n % G_N_ELEMENTS (seed_users)].name);
  if (g_str_equal (status, "snoozed"))
    {
      g_autofree char *until = sb_iso_us (now_us + (gint64) (2 + n % 20) * 3600 * G_USEC_PER_SEC);

      json_object_set_boolean_member (f, "snoozed", TRUE);
      json_object_set_string_member (f, "snoozedUntil", until);
    }
  return f;
}

/* A few alerts carry long note and log histories for cursor paging. */
static void
seed_history (SbAlert *alert,
              guint    n)
{
  guint notes = n == 0 ? 45 : n % 4;
  guint logs = n == 0 ? 60 : 2 + n % 3;

  for (guint i = 0; i < notes; i++)
    {
      g_autofree char *text = g_strdup_printf ("Update %u: %s", i + 1,
                                               i % 3 == 0 ? "rolled back the last deploy, watching 👀"
                                               : i % 3 == 1 ? "Latenz wieder normal – beobachten weiter"
                                               : "الوضع مستقر الآن");
      sb_data_alert_add_note (alert, seed_users[i % G_N_ELEMENTS (seed_users)].name, text);
    }
  for (guint i = 0; i < logs; i++)
    {
      g_autofree char *text = g_strdup_printf ("Alert notified %s via email and mobile push (attempt %u)",
                                               seed_users[(n + i) % G_N_ELEMENTS (seed_users)].name, i + 1);
      sb_data_alert_log (alert, "system", "System", text);
    }
}

static void
seed_alerts (SbSite *site,
             guint   count,
             guint   salt)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (sb->opts.seed * 7919 + salt);
  gint64 now_us = sb_now_us ();
  g_autoptr(GError) error = NULL;

  for (guint n = 0; n < count; n++)
    {
      g_autoptr(JsonObject) fields = alert_fields (site, n, rand, now_us);
      SbAlert *alert = sb_data_create_alert (site, fields, &error);

      g_assert_no_error (error);
      if (count <= 200)
        seed_history (alert, n);
    }
}

void
sb_data_init (void)
{
  SbSite *first, *second;

  seed_users_init ();
  sb->sites = g_ptr_array_new ();
  first = add_site ("Northwind Operations", "northwind-ops");
  second = add_site ("Umbra Labs", "umbra-labs");
  seed_teams (first, second);
  sb_data_seed_schedules (first, 0);
  sb_data_seed_schedules (second, 1);
  seed_alerts (first, sb->opts.alerts >= 0 ? (guint) sb->opts.alerts : 72, 1);
  seed_alerts (second, 14, 2);
}
