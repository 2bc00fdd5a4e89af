/* sandbox-timeline.c: who is on call when, computed from the rotations
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shift boundaries are wall-clock times in the schedule's time zone
 * (GDateTime arithmetic), so a daily 09:00 hand-over stays at 09:00 local
 * across a DST change and the shift that spans it lasts 23 or 25 hours.
 * Hourly rotations count real hours.
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include "sandbox-private.h"

#define US_PER_HOUR ((gint64) 3600 * G_USEC_PER_SEC)

gint64
sb_dt_to_us (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

GDateTime *
sb_us_to_dt (gint64     us,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, tz);
}

/* ---- shifts ------------------------------------------------------------- */

static gint64
boundary (SbRotation *r,
          gint64      k)
{
  g_autoptr(GDateTime) dt = NULL;

  switch (r->type)
    {
    case SB_ROTATION_HOURLY:
      dt = g_date_time_add_hours (r->start, k * r->length);
      break;
    case SB_ROTATION_DAILY:
      dt = g_date_time_add_days (r->start, k * r->length);
      break;
    case SB_ROTATION_WEEKLY:
    default:
      dt = g_date_time_add_weeks (r->start, k * r->length);
      break;
    }
  return sb_dt_to_us (dt);
}

/* The index of the shift that contains t (t >= the rotation's start). */
static gint64
shift_index (SbRotation *r,
             gint64      t)
{
  gint64 unit = r->type == SB_ROTATION_HOURLY ? US_PER_HOUR
              : r->type == SB_ROTATION_DAILY ? 24 * US_PER_HOUR
              : 7 * 24 * US_PER_HOUR;
  gint64 k = (t - sb_dt_to_us (r->start)) / (unit * r->length);

  while (k > 0 && boundary (r, k) > t)
    k--;
  while (boundary (r, k + 1) <= t)
    k++;
  return k;
}

static void
add_period (GArray        *out,
            gint64         start,
            gint64         end,
            SbParticipant *who)
{
  SbPeriod p = { start, end, "base", who->type, who->id, NULL };

  if (start < end)
    g_array_append_val (out, p);
}

/* ---- time restrictions ---------------------------------------------------- */

static gint64
local_us (GTimeZone *tz,
          GDateTime *day,
          int        add_days,
          int        hour,
          int        minute)
{
  g_autoptr(GDateTime) shifted = g_date_time_add_days (day, add_days);
  g_autoptr(GDateTime) dt = g_date_time_new (tz,
                                             g_date_time_get_year (shifted),
                                             g_date_time_get_month (shifted),
                                             g_date_time_get_day_of_month (shifted),
                                             hour, minute, 0);
  return sb_dt_to_us (dt);
}

static void
add_interval (GArray *out,
              gint64  start,
              gint64  end)
{
  gint64 pair[2] = { start, end };

  g_array_append_vals (out, pair, 1);
}

/* Allowed [start, end) pairs for a restricted rotation around a window. */
static GArray *
restriction_intervals (SbSchedule *s,
                       SbRotation *r,
                       gint64      ws,
                       gint64      we)
{
  GArray *out = g_array_new (FALSE, FALSE, 2 * sizeof (gint64));
  g_autoptr(GDateTime) first = sb_us_to_dt (ws, s->tz);
  gboolean weekly = r->restriction_type == SB_RESTRICTION_WEEKDAY_AND_TIME_OF_DAY;
  /* Start a step early so a stretch that began before the window counts. */
  int back = weekly ? g_date_time_get_day_of_week (first) - 1 + 7 : 1;
  g_autoptr(GDateTime) day0 = g_date_time_add_days (first, -back);
  int step = weekly ? 7 : 1;

  for (int d = 0; ; d += step)
    {
      gint64 day_start = local_us (s->tz, day0, d, 0, 0);

      if (day_start >= we)
        break;
      for (guint i = 0; i < r->restrictions->len; i++)
        {
          SbRestriction *x = &g_array_index (r->restrictions, SbRestriction, i);
          int sd = weekly ? x->start_day : 0;
          int ed = weekly ? x->end_day : 0;
          gint64 start = local_us (s->tz, day0, d + sd, x->start_hour, x->start_min);
          gint64 end = local_us (s->tz, day0, d + ed, x->end_hour, x->end_min);

          if (end <= start)
            end = local_us (s->tz, day0, d + ed + step, x->end_hour, x->end_min);
          add_interval (out, start, end);
        }
    }
  return out;
}

static void
add_restricted (GArray        *out,
                GArray        *allowed,
                gint64         start,
                gint64         end,
                SbParticipant *who)
{
  for (guint i = 0; i < allowed->len; i++)
    {
      gint64 *pair = &g_array_index (allowed, gint64, 2 * i);

      add_period (out, MAX (start, pair[0]), MIN (end, pair[1]), who);
    }
}

/* ---- base periods --------------------------------------------------------- */

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  const SbPeriod *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

static GArray *
base_periods (SbSchedule *s,
              SbRotation *r,
              gint64      ws,
              gint64      we)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (SbPeriod));
  g_autoptr(GArray) allowed = NULL;
  gint64 start = MAX (ws, sb_dt_to_us (r->start));
  gint64 end = r->end ? MIN (we, sb_dt_to_us (r->end)) : we;

  if (start >= end || r->participants->len == 0)
    return out;
  if (r->restriction_type != SB_RESTRICTION_NONE)
    allowed = restriction_intervals (s, r, start, end);

  for (gint64 k = shift_index (r, start); ; k++)
    {
      gint64 shift_start = boundary (r, k);
      gint64 shift_end = boundary (r, k + 1);
      SbParticipant *who = g_ptr_array_index (r->participants, k % r->participants->len);

      if (shift_start >= end)
        break;
      if (allowed != NULL)
        add_restricted (out, allowed, MAX (shift_start, start), MIN (shift_end, end), who);
      else
        add_period (out, MAX (shift_start, start), MIN (shift_end, end), who);
    }
  g_array_sort (out, compare_periods);
  return out;
}

/* ---- overlays: overrides and forwarding ------------------------------------ */

typedef gboolean (*OverlayApplies) (const SbPeriod *p,
                                    gconstpointer   data);
typedef void     (*OverlayChange)  (SbPeriod       *p,
                                    gconstpointer   data);

/* Splits the periods at [os, oe) and changes the inner parts that apply. */
static GArray *
overlay (GArray         *in,
         gint64          os,
         gint64          oe,
         OverlayApplies  applies,
         OverlayChange   change,
         gconstpointer   data)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (SbPeriod));

  for (guint i = 0; i < in->len; i++)
    {
      SbPeriod p = g_array_index (in, SbPeriod, i);
      SbPeriod before = p, inner = p, after = p;

      if (!applies (&p, data) || p.end <= os || p.start >= oe)
        {
          g_array_append_val (out, p);
          continue;
        }
      before.end = os;
      inner.start = MAX (p.start, os);
      inner.end = MIN (p.end, oe);
      after.start = oe;
      change (&inner, data);
      if (before.start < before.end)
        g_array_append_val (out, before);
      g_array_append_val (out, inner);
      if (after.start < after.end)
        g_array_append_val (out, after);
    }
  g_array_unref (in);
  return out;
}

static gboolean
override_applies (const SbPeriod *p,
                  gconstpointer   data)
{
  return TRUE;
}

static void
override_change (SbPeriod      *p,
                 gconstpointer  data)
{
  const SbOverride *o = data;

  p->type = "override";
  p->responder_type = o->user_id ? "user" : "noone";
  p->responder_id = o->user_id;
  p->from_id = NULL;
}

static gboolean
forwarding_applies (const SbPeriod *p,
                    gconstpointer   data)
{
  const SbForwarding *f = data;

  return g_strcmp0 (p->responder_type, "user") == 0 && g_strcmp0 (p->responder_id, f->from_user) == 0;
}

static void
forwarding_change (SbPeriod      *p,
                   gconstpointer  data)
{
  const SbForwarding *f = data;

  p->type = "forwarding";
  p->from_id = f->from_user;
  p->responder_id = f->to_user;
}

static gboolean
override_covers (SbOverride *o,
                 SbRotation *r)
{
  if (o->rotation_ids == NULL)
    return TRUE;
  for (guint i = 0; i < o->rotation_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (o->rotation_ids, i), r->id))
      return TRUE;
  return FALSE;
}

GArray *
sb_timeline_rotation (SbSite     *site,
                      SbSchedule *schedule,
                      SbRotation *rotation,
                      gint64      window_start,
                      gint64      window_end,
                      gboolean    final)
{
  GArray *periods = base_periods (schedule, rotation, window_start, window_end);

  if (!final)
    return periods;
  for (guint i = 0; i < schedule->overrides->len; i++)
    {
      SbOverride *o = g_ptr_array_index (schedule->overrides, i);

      if (override_covers (o, rotation))
        periods = overlay (periods, sb_dt_to_us (o->start), sb_dt_to_us (o->end),
                           override_applies, override_change, o);
    }
  for (guint i = 0; i < site->forwardings->len; i++)
    {
      SbForwarding *f = g_ptr_array_index (site->forwardings, i);

      periods = overlay (periods, sb_dt_to_us (f->start), sb_dt_to_us (f->end),
                         forwarding_applies, forwarding_change, f);
    }
  return periods;
}
