/* tocsin-shifts.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-shifts"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-date-utils.h"
#include "tocsin-shifts.h"

static int
compare_shift_ptrs (gconstpointer a,
                    gconstpointer b)
{
  return tocsin_shift_compare (*(TocsinShift * const *)a, *(TocsinShift * const *)b);
}

static GPtrArray *
sorted_copy (GPtrArray *shifts)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (shifts, i)));
  g_ptr_array_sort (copy, compare_shift_ptrs);

  return copy;
}

static gboolean
same_responder (TocsinShift *a,
                TocsinShift *b)
{
  TocsinParticipant *ra = tocsin_shift_get_responder (a);
  TocsinParticipant *rb = tocsin_shift_get_responder (b);

  return g_strcmp0 (tocsin_shift_get_schedule_id (a), tocsin_shift_get_schedule_id (b)) == 0 &&
         g_strcmp0 (tocsin_shift_get_rotation_id (a), tocsin_shift_get_rotation_id (b)) == 0 &&
         tocsin_shift_get_kind (a) == tocsin_shift_get_kind (b) &&
         g_strcmp0 (tocsin_participant_get_id (ra), tocsin_participant_get_id (rb)) == 0 &&
         g_strcmp0 (tocsin_participant_get_kind (ra), tocsin_participant_get_kind (rb)) == 0;
}

/**
 * tocsin_shifts_merge:
 * @shifts: (element-type TocsinShift): shifts of any order
 *
 * Joins periods of the same responder in the same rotation (and of the same
 * kind, so an override stays marked) that touch or overlap: the timeline
 * splits a week-long shift at day or range boundaries, a person sees one.
 *
 * Returns: (transfer full) (element-type TocsinShift): merged shifts by start
 */
GPtrArray *
tocsin_shifts_merge (GPtrArray *shifts)
{
  g_autoptr(GPtrArray) sorted = sorted_copy (shifts);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree gboolean *used = g_new0 (gboolean, sorted->len + 1);

  for (guint i = 0; i < sorted->len; i++)
    {
      TocsinShift *first = g_ptr_array_index (sorted, i);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;
      gboolean grew = TRUE;

      if (used[i])
        continue;

      used[i] = TRUE;
      start = tocsin_shift_get_start (first);
      end = tocsin_shift_get_end (first);

      /* Sorted by start, so one pass forward finds every continuation; repeat
       * while the end moves so chains of any length join. */
      while (grew)
        {
          grew = FALSE;

          for (guint j = i + 1; j < sorted->len; j++)
            {
              TocsinShift *next = g_ptr_array_index (sorted, j);
              g_autoptr(GDateTime) next_start = NULL;
              g_autoptr(GDateTime) next_end = NULL;

              if (used[j] || !same_responder (first, next))
                continue;

              next_start = tocsin_shift_get_start (next);
              if (g_date_time_compare (next_start, end) > 0)
                continue;

              used[j] = TRUE;
              next_end = tocsin_shift_get_end (next);
              if (g_date_time_compare (next_end, end) > 0)
                {
                  g_date_time_unref (end);
                  end = g_steal_pointer (&next_end);
                  grew = TRUE;
                }
            }
        }

      g_ptr_array_add (merged, tocsin_shift_copy_with_times (first, start, end,
                                                             tocsin_shift_get_clipped_start (first),
                                                             tocsin_shift_get_clipped_end (first)));
    }

  g_ptr_array_sort (merged, compare_shift_ptrs);

  return g_steal_pointer (&merged);
}

/**
 * tocsin_shifts_clip:
 * @shifts: (element-type TocsinShift)
 * @from: start of the display window
 * @to: end of the display window
 *
 * Keeps the shifts that overlap [@from, @to) and cuts them to it; a cut shift
 * says so in #TocsinShift:clipped-start / #TocsinShift:clipped-end.
 *
 * Returns: (transfer full) (element-type TocsinShift): shifts by start
 */
GPtrArray *
tocsin_shifts_clip (GPtrArray *shifts,
                    GDateTime *from,
                    GDateTime *to)
{
  g_autoptr(GPtrArray) sorted = sorted_copy (shifts);
  GPtrArray *clipped = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (from != NULL, clipped);
  g_return_val_if_fail (to != NULL, clipped);

  for (guint i = 0; i < sorted->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (sorted, i);
      g_autoptr(GDateTime) start = tocsin_shift_get_start (shift);
      g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);
      gboolean cut_start;
      gboolean cut_end;

      if (g_date_time_compare (end, from) <= 0 || g_date_time_compare (start, to) >= 0)
        continue;

      cut_start = g_date_time_compare (start, from) < 0;
      cut_end = g_date_time_compare (end, to) > 0;

      if (!cut_start && !cut_end)
        {
          g_ptr_array_add (clipped, g_object_ref (shift));
          continue;
        }

      g_ptr_array_add (clipped,
                       tocsin_shift_copy_with_times (shift,
                                                     cut_start ? from : start,
                                                     cut_end ? to : end,
                                                     cut_start || tocsin_shift_get_clipped_start (shift),
                                                     cut_end || tocsin_shift_get_clipped_end (shift)));
    }

  return clipped;
}

/**
 * tocsin_shifts_group_by_day:
 * @shifts: (element-type TocsinShift)
 * @local_zone: (nullable): the calendar to group in; %NULL for the system zone
 *
 * Returns: (transfer full): a #GListModel of #TocsinShiftDay, one per day on
 *   which a shift starts, by day
 */
GListModel *
tocsin_shifts_group_by_day (GPtrArray *shifts,
                            GTimeZone *local_zone)
{
  g_autoptr(GPtrArray) sorted = sorted_copy (shifts);
  g_autoptr(GTimeZone) system_zone = NULL;
  GListStore *days = g_list_store_new (TOCSIN_TYPE_SHIFT_DAY);
  TocsinShiftDay *current = NULL;

  if (local_zone == NULL)
    local_zone = system_zone = g_time_zone_new_local ();

  for (guint i = 0; i < sorted->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (sorted, i);
      g_autoptr(GDateTime) utc_start = tocsin_shift_get_start (shift);
      g_autoptr(GDateTime) start = g_date_time_to_timezone (utc_start, local_zone);

      if (current == NULL ||
          g_date_time_get_year (start) != g_date_time_get_year (tocsin_shift_day_get_day (current)) ||
          g_date_time_get_day_of_year (start) != g_date_time_get_day_of_year (tocsin_shift_day_get_day (current)))
        {
          g_autoptr(TocsinShiftDay) day = tocsin_shift_day_new (start);

          g_list_store_append (days, day);
          current = day;
        }

      tocsin_shift_day_add (current, shift);
    }

  return G_LIST_MODEL (days);
}

/**
 * tocsin_shifts_for_user:
 * @shifts: (element-type TocsinShift): shifts of any schedules
 * @account_id: the user
 * @now: (nullable): drop shifts that ended by then; %NULL keeps all
 *
 * The user's shifts: those whose responder is the user, or a team the
 * timeline flattened to include the user.
 *
 * Returns: (transfer full) (element-type TocsinShift): by start
 */
GPtrArray *
tocsin_shifts_for_user (GPtrArray  *shifts,
                        const char *account_id,
                        GDateTime  *now)
{
  g_autoptr(GPtrArray) sorted = sorted_copy (shifts);
  GPtrArray *mine = g_ptr_array_new_with_free_func (g_object_unref);

  if (account_id == NULL || *account_id == '\0')
    return mine;

  for (guint i = 0; i < sorted->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (sorted, i);

      if (!tocsin_participant_contains_user (tocsin_shift_get_responder (shift), account_id))
        continue;

      if (now != NULL)
        {
          g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);

          if (g_date_time_compare (end, now) <= 0)
            continue;
        }

      g_ptr_array_add (mine, g_object_ref (shift));
    }

  return mine;
}

/**
 * tocsin_shifts_on_call_until:
 *
 * When a shift covers @now, the end of the unbroken run of shifts from there
 * (a shift in one schedule that hands over to one in another keeps the
 * person on call).
 *
 * Returns: (transfer full) (nullable): the end, or %NULL when not on call
 */
GDateTime *
tocsin_shifts_on_call_until (GPtrArray *shifts,
                             GDateTime *now)
{
  g_autoptr(GPtrArray) sorted = sorted_copy (shifts);
  g_autoptr(GDateTime) until = NULL;
  gboolean grew = TRUE;

  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; i < sorted->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (sorted, i);

      if (tocsin_shift_contains (shift, now))
        {
          g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);

          if (until == NULL || g_date_time_compare (end, until) > 0)
            {
              g_clear_pointer (&until, g_date_time_unref);
              until = g_steal_pointer (&end);
            }
        }
    }

  if (until == NULL)
    return NULL;

  while (grew)
    {
      grew = FALSE;

      for (guint i = 0; i < sorted->len; i++)
        {
          TocsinShift *shift = g_ptr_array_index (sorted, i);
          g_autoptr(GDateTime) start = tocsin_shift_get_start (shift);
          g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);

          if (g_date_time_compare (start, until) <= 0 && g_date_time_compare (end, until) > 0)
            {
              g_clear_pointer (&until, g_date_time_unref);
              until = g_steal_pointer (&end);
              grew = TRUE;
            }
        }
    }

  return g_steal_pointer (&until);
}

/**
 * tocsin_shifts_next_start:
 *
 * Returns: (transfer full) (nullable): the first shift start after @now
 */
GDateTime *
tocsin_shifts_next_start (GPtrArray *shifts,
                          GDateTime *now)
{
  GDateTime *best = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    {
      g_autoptr(GDateTime) start = tocsin_shift_get_start (g_ptr_array_index (shifts, i));

      if (g_date_time_compare (start, now) > 0 &&
          (best == NULL || g_date_time_compare (start, best) < 0))
        {
          g_clear_pointer (&best, g_date_time_unref);
          best = g_steal_pointer (&start);
        }
    }

  return best;
}

/**
 * tocsin_shifts_next_boundary:
 *
 * Returns: (transfer full) (nullable): the first start or end after @now,
 *   when who is on call changes next
 */
GDateTime *
tocsin_shifts_next_boundary (GPtrArray *shifts,
                             GDateTime *now)
{
  GDateTime *best = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (shifts, i);
      GDateTime *edges[2] = { tocsin_shift_get_start (shift), tocsin_shift_get_end (shift) };

      for (guint k = 0; k < G_N_ELEMENTS (edges); k++)
        {
          if (g_date_time_compare (edges[k], now) > 0 &&
              (best == NULL || g_date_time_compare (edges[k], best) < 0))
            {
              g_clear_pointer (&best, g_date_time_unref);
              best = g_steal_pointer (&edges[k]);
            }
          g_clear_pointer (&edges[k], g_date_time_unref);
        }
    }

  return best;
}

/**
 * tocsin_shifts_format_summary:
 * @my_shifts: (element-type TocsinShift): the user's shifts
 * @now: the current time
 * @local_zone: (nullable): the user's zone; %NULL for the system zone
 * @on_call_now: (out) (optional): whether a shift covers @now
 *
 * The header indicator: "On call until Tue 09:00" while on call, else
 * "Next shift Fri 18:00".
 *
 * Returns: (transfer full) (nullable): the text, %NULL without shifts ahead
 */
char *
tocsin_shifts_format_summary (GPtrArray *my_shifts,
                              GDateTime *now,
                              GTimeZone *local_zone,
                              gboolean  *on_call_now)
{
  g_autoptr(GTimeZone) system_zone = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *when = NULL;

  if (on_call_now != NULL)
    *on_call_now = FALSE;

  g_return_val_if_fail (now != NULL, NULL);

  if (local_zone == NULL)
    local_zone = system_zone = g_time_zone_new_local ();

  if ((until = tocsin_shifts_on_call_until (my_shifts, now)) != NULL)
    {
      if (on_call_now != NULL)
        *on_call_now = TRUE;
      when = tocsin_date_format_when (until, now, local_zone, tocsin_date_get_clock_format ());
      /* Translators: %s is a time such as "Tue 09:00". */
      return g_strdup_printf (_("On call until %s"), when);
    }

  if ((next = tocsin_shifts_next_start (my_shifts, now)) != NULL)
    {
      when = tocsin_date_format_when (next, now, local_zone, tocsin_date_get_clock_format ());
      /* Translators: %s is a time such as "Fri 18:00". */
      return g_strdup_printf (_("Next shift %s"), when);
    }

  return NULL;
}
