/* sandbox-schedule-data.c: the seeded schedules, rotations, overrides, forwarding
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rotations start in January 2025 and never end, so on-call and timeline
 * answers exist for any date. Overrides and forwarding rules are placed
 * relative to the current year's DST changes and to "now".
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include "sandbox-private.h"

static const char *
uid (guint index)
{
  SbUser *user = g_ptr_array_index (sb->users, index);

  return user->account_id;
}

static SbSchedule *
add_schedule (SbSite     *site,
              const char *name,
              const char *description,
              const char *timezone,
              gboolean    enabled,
              guint       team_index)
{
  SbSchedule *s = g_new0 (SbSchedule, 1);
  g_autofree char *label = g_strdup_printf ("schedule:%s:%s", site->url, name);

  s->id = sb_stable_uuid (label);
  s->name = g_strdup (name);
  s->description = g_strdup (description);
  s->timezone = g_strdup (timezone);
  s->tz = g_time_zone_new_identifier (timezone);
  g_assert (s->tz != NULL);
  s->enabled = enabled;
  s->team_id = team_index < site->teams->len
    ? g_strdup (((SbTeam *) g_ptr_array_index (site->teams, team_index))->id) : g_strdup ("");
  s->rotations = g_ptr_array_new ();
  s->overrides = g_ptr_array_new ();
  g_ptr_array_add (site->schedules, s);
  return s;
}

static SbParticipant *
participant (const char *type,
             const char *id)
{
  SbParticipant *p = g_new0 (SbParticipant, 1);

  p->type = g_strdup (type);
  p->id = g_strdup (id);
  return p;
}

/* users: indexes into the user list, -1 ends; a team index is given as 100 + n. */
static SbRotation *
add_rotation (SbSite         *site,
              SbSchedule     *s,
              const char     *name,
              SbRotationType  type,
              int             length,
              int             y,
              int             mo,
              int             d,
              int             h,
              int             mi,
              const int      *who)
{
  SbRotation *r = g_new0 (SbRotation, 1);
  g_autofree char *label = g_strdup_printf ("rotation:%s:%s", s->id, name);

  r->id = sb_stable_uuid (label);
  r->name = g_strdup (name);
  r->order = s->rotations->len + 1;
  r->type = type;
  r->length = length;
  r->start = g_date_time_new (s->tz, y, mo, d, h, mi, 0);
  r->participants = g_ptr_array_new ();
  r->restrictions = g_array_new (FALSE, TRUE, sizeof (SbRestriction));
  for (guint i = 0; who[i] != -1; i++)
    {
      if (who[i] == -2)
        g_ptr_array_add (r->participants, participant ("noone", NULL));
      else if (who[i] >= 100)
        g_ptr_array_add (r->participants,
                         participant ("team", ((SbTeam *) g_ptr_array_index (site->teams, who[i] - 100))->id));
      else
        g_ptr_array_add (r->participants, participant ("user", uid (who[i])));
    }
  g_ptr_array_add (s->rotations, r);
  return r;
}

static void
restrict_rotation (SbRotation        *r,
                   SbRestrictionType  type,
                   SbRestriction      x)
{
  r->restriction_type = type;
  g_array_append_val (r->restrictions, x);
}

/* The last Sunday of March this year, in tz, at the given local time. */
static GDateTime *
eu_dst_sunday (GTimeZone *tz,
               int        hour)
{
  g_autoptr(GDateTime) now = sb_now ();
  g_autoptr(GDateTime) last = g_date_time_new (tz, g_date_time_get_year (now), 3, 31, hour, 0, 0);

  return g_date_time_add_days (last, -(g_date_time_get_day_of_week (last) % 7));
}

static void
add_override (SbSchedule *s,
              const char *alias,
              const char *user_id,
              GDateTime  *start,
              GDateTime  *end,
              SbRotation *only)
{
  SbOverride *o = g_new0 (SbOverride, 1);

  o->alias = g_strdup (alias);
  o->user_id = g_strdup (user_id);
  o->start = g_date_time_ref (start);
  o->end = g_date_time_ref (end);
  if (only != NULL)
    {
      o->rotation_ids = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (o->rotation_ids, g_strdup (only->id));
    }
  g_ptr_array_add (s->overrides, o);
}

/* Start of today (UTC) plus days. */
static GDateTime *
today_plus (int days,
            int hour)
{
  g_autoptr(GDateTime) now = sb_now ();
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                       g_date_time_get_day_of_month (now), hour, 0, 0);

  return g_date_time_add_days (midnight, days);
}

static void
seed_northwind (SbSite *site)
{
  SbSchedule *platform = add_schedule (site, "Platform Primary", "Primary on-call for the platform team",
                                       "Europe/Berlin", TRUE, 0);
  SbSchedule *payments = add_schedule (site, "Payments On-Call", "Checkout and billing, US hours first",
                                       "America/New_York", TRUE, 1);
  SbSchedule *noc = add_schedule (site, "Bengaluru NOC", "Network operations, 12-hour shifts",
                                  "Asia/Kolkata", TRUE, 2);
  SbSchedule *retired = add_schedule (site, "Database Escalation (retired)", "Kept for the audit trail",
                                      "Europe/London", FALSE, G_MAXUINT);
  SbRotation *weekly, *backup, *weekend;
  g_autoptr(GDateTime) dst_start = NULL;
  g_autoptr(GDateTime) dst_end = NULL;
  g_autoptr(GDateTime) aiko_start = today_plus (2, 17);
  g_autoptr(GDateTime) aiko_end = today_plus (3, 17);
  SbForwarding *fwd = g_new0 (SbForwarding, 1);

  weekly = add_rotation (site, platform, "Weekly primary", SB_ROTATION_WEEKLY, 1, 2025, 1, 6, 9, 0,
                         (int[]) { 0, 1, 2, 3, -1 });
  backup = add_rotation (site, platform, "Business hours backup", SB_ROTATION_DAILY, 1, 2025, 1, 1, 0, 0,
                         (int[]) { 4, 5, 0, -1 });
  restrict_rotation (backup, SB_RESTRICTION_TIME_OF_DAY, (SbRestriction) { 0, 9, 0, 0, 17, 0 });
  (void) weekly;

  /* Yusuf covers the night of the EU spring DST change (20:00 Sat -> 10:00 Sun local). */
  dst_end = eu_dst_sunday (platform->tz, 10);
  dst_start = g_date_time_add_hours (dst_end, -13);   /* real hours: 20:00 the day before */
  add_override (platform, "dst-night-cover", uid (5), dst_start, dst_end, NULL);
  add_override (platform, "aiko-swap", uid (2), aiko_start, aiko_end, weekly);

  add_rotation (site, payments, "Daily primary", SB_ROTATION_DAILY, 1, 2025, 1, 1, 8, 0,
                (int[]) { 6, 0, 7, -1 });
  weekend = add_rotation (site, payments, "Weekend cover", SB_ROTATION_WEEKLY, 1, 2025, 1, 4, 0, 0,
                          (int[]) { 101, -1 });
  restrict_rotation (weekend, SB_RESTRICTION_WEEKDAY_AND_TIME_OF_DAY, (SbRestriction) { 5, 0, 0, 0, 0, 0 });

  add_rotation (site, noc, "12-hour shifts", SB_ROTATION_HOURLY, 12, 2025, 1, 1, 8, 30,
                (int[]) { 9, 10, 11, -1 });
  add_rotation (site, retired, "Legacy weekly", SB_ROTATION_WEEKLY, 1, 2025, 1, 6, 10, 0,
                (int[]) { -2, 1, -1 });

  /* Dana forwards her pages to Zoë for a week, starting a week from today. */
  fwd->from_user = g_strdup (uid (0));
  fwd->to_user = g_strdup (uid (8));
  fwd->start = today_plus (7, 0);
  fwd->end = today_plus (14, 0);
  g_ptr_array_add (site->forwardings, fwd);
}

static void
seed_umbra (SbSite *site)
{
  SbSchedule *support = add_schedule (site, "Support Rota", "Tier 2 support, two-day shifts",
                                      "Australia/Sydney", TRUE, 0);
  SbSchedule *security = add_schedule (site, "Security Incident", "Security incident commander",
                                       "UTC", TRUE, 1);

  add_rotation (site, support, "Two-day shifts", SB_ROTATION_DAILY, 2, 2025, 1, 1, 7, 0,
                (int[]) { 12, 13, 0, -1 });
  add_rotation (site, security, "Weekly commander", SB_ROTATION_WEEKLY, 1, 2025, 1, 6, 0, 0,
                (int[]) { 14, 2, 12, -1 });
}

void
sb_data_seed_schedules (SbSite *site,
                        guint   index)
{
  if (index == 0)
    seed_northwind (site);
  else
    seed_umbra (site);
}

SbSchedule *
sb_data_find_schedule (SbSite     *site,
                       const char *id_or_name)
{
  for (guint i = 0; i < site->schedules->len; i++)
    {
      SbSchedule *s = g_ptr_array_index (site->schedules, i);

      if (g_strcmp0 (s->id, id_or_name) == 0 || g_strcmp0 (s->name, id_or_name) == 0)
        return s;
    }
  return NULL;
}
