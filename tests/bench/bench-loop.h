/* bench-loop.h: times each main-loop iteration of the default context
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A poll function that takes the time from leaving poll() to entering it
 * again: the work one iteration did. Wall time is what a user sees; the
 * thread's CPU time over the same iteration is what the code did, without
 * the time the thread waited for a CPU (involuntary context switches) or a
 * lock (voluntary ones), which on a shared machine can be the larger part.
 *
 * BENCH_LOOP_TRACE=1 prints each iteration over 2 ms (or 1.5 ms of CPU) with
 * its start on the monotonic clock, to find its samples in a
 * `perf record -k CLOCK_MONOTONIC --call-graph dwarf` of the same run
 * (`perf report --time START,END --tid PID`).
 */

#pragma once

/* Include first (RUSAGE_THREAD needs _GNU_SOURCE before any system header). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

typedef struct
{
  double max_wall_ms;      /* the longest iteration, wall time */
  double max_wall_cpu_ms;  /* the CPU time of that same iteration */
  long   max_wall_waits;   /* context switches inside it */
  double max_cpu_ms;       /* the most CPU time one iteration used */
} BenchLoop;

static BenchLoop bench_loop;
static gboolean bench_loop_trace;
static gint64 bench_loop_wall_start, bench_loop_cpu_start;
static long bench_loop_switches_start;

static inline gint64
bench_loop_cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static inline long
bench_loop_switches_now (void)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  return ru.ru_nvcsw + ru.ru_nivcsw;
}

static inline gint
bench_loop_poll (GPollFD *fds,
                 guint    nfds,
                 gint     timeout)
{
  gint ret;

  if (bench_loop_wall_start != 0)
    {
      double wall = (g_get_monotonic_time () - bench_loop_wall_start) / 1000.0;
      double cpu = (bench_loop_cpu_now () - bench_loop_cpu_start) / 1000.0;

      if (wall > bench_loop.max_wall_ms)
        {
          bench_loop.max_wall_ms = wall;
          bench_loop.max_wall_cpu_ms = cpu;
          bench_loop.max_wall_waits = bench_loop_switches_now () - bench_loop_switches_start;
        }
      bench_loop.max_cpu_ms = MAX (bench_loop.max_cpu_ms, cpu);
      if (bench_loop_trace && (wall > 2 || cpu > 1.5))
        g_printerr ("iteration at %.6f s: %.3f ms, CPU %.3f ms, %ld switches\n",
                    bench_loop_wall_start / 1e6, wall, cpu,
                    bench_loop_switches_now () - bench_loop_switches_start);
    }
  ret = g_poll (fds, nfds, timeout);
  bench_loop_wall_start = g_get_monotonic_time ();
  bench_loop_cpu_start = bench_loop_cpu_now ();
  bench_loop_switches_start = bench_loop_switches_now ();
  return ret;
}

static inline void
bench_loop_start (void)
{
  bench_loop = (BenchLoop) { 0 };
  bench_loop_trace = g_getenv ("BENCH_LOOP_TRACE") != NULL;
  bench_loop_wall_start = 0;
  g_main_context_set_poll_func (NULL, bench_loop_poll);
}

static inline BenchLoop
bench_loop_stop (void)
{
  g_main_context_set_poll_func (NULL, NULL);
  return bench_loop;
}
