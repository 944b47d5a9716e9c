/* atr-failover.c — the pure "which endpoint next" logic: staggered attempts with deadlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <stdlib.h>

#include "atr-failover.h"

typedef struct
{
  char            *label;
  AtrFailoverState state;
  gint64           deadline; /* RUNNING */
} Candidate;

struct _AtrFailoverPlan
{
  gatomicrefcount ref_count;

  Candidate      *candidates;
  guint           n_candidates;
  guint          *order;      /* position → candidate index */
  guint           next_pos;   /* next position to start */

  gint64          stagger;
  gint64          deadline;
  gint64          next_start; /* earliest time for the next START while one is running */
  gboolean        winner_set;
  guint           winner;
};

G_DEFINE_BOXED_TYPE (AtrFailoverPlan, atr_failover_plan, atr_failover_plan_ref,
                     atr_failover_plan_unref)

typedef struct
{
  guint  index;
  int    group;    /* 0 last good, 1 fresh, 2 backing off */
  gint64 until;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *ka = a;
  const SortKey *kb = b;

  if (ka->group != kb->group)
    return ka->group < kb->group ? -1 : 1;
  if (ka->group == 2 && ka->until != kb->until)
    return ka->until < kb->until ? -1 : 1;
  return ka->index < kb->index ? -1 : (ka->index > kb->index ? 1 : 0);
}

AtrFailoverPlan *
atr_failover_plan_new (const char *const *labels,
                       AtrEndpointMemory *memory,
                       gint64             wall_now)
{
  AtrFailoverPlan *plan;
  g_autofree SortKey *keys = NULL;
  const char *last_good = NULL;
  guint n;

  g_return_val_if_fail (labels != NULL, NULL);
  g_return_val_if_fail (memory == NULL || ATR_IS_ENDPOINT_MEMORY (memory), NULL);

  n = g_strv_length ((char **) labels);
  plan = g_new0 (AtrFailoverPlan, 1);
  g_atomic_ref_count_init (&plan->ref_count);
  plan->n_candidates = n;
  plan->candidates = g_new0 (Candidate, n);
  plan->order = g_new0 (guint, n);
  plan->stagger = ATR_FAILOVER_DEFAULT_STAGGER_US;
  plan->deadline = ATR_FAILOVER_DEFAULT_DEADLINE_US;
  plan->next_start = G_MININT64;

  if (memory != NULL)
    last_good = atr_endpoint_memory_get_last_good (memory);

  keys = g_new0 (SortKey, n);
  for (guint i = 0; i < n; i++)
    {
      plan->candidates[i].label = g_strdup (labels[i]);
      plan->candidates[i].state = ATR_FAILOVER_PENDING;
      keys[i].index = i;
      keys[i].group = 1;
      if (memory != NULL && atr_endpoint_memory_is_backing_off (memory, labels[i], wall_now))
        {
          keys[i].group = 2;
          keys[i].until = atr_endpoint_memory_get_backoff_until (memory, labels[i]);
        }
      else if (g_strcmp0 (labels[i], last_good) == 0)
        keys[i].group = 0;
    }
  if (n > 0)
    qsort (keys, n, sizeof (SortKey), compare_keys);
  for (guint i = 0; i < n; i++)
    plan->order[i] = keys[i].index;

  return plan;
}

AtrFailoverPlan *
atr_failover_plan_ref (AtrFailoverPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  g_atomic_ref_count_inc (&plan->ref_count);
  return plan;
}

void
atr_failover_plan_unref (AtrFailoverPlan *plan)
{
  g_return_if_fail (plan != NULL);

  if (!g_atomic_ref_count_dec (&plan->ref_count))
    return;

  for (guint i = 0; i < plan->n_candidates; i++)
    g_free (plan->candidates[i].label);
  g_free (plan->candidates);
  g_free (plan->order);
  g_free (plan);
}

void
atr_failover_plan_set_stagger (AtrFailoverPlan *plan,
                               gint64           stagger_us)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (stagger_us >= 0);

  plan->stagger = stagger_us;
}

void
atr_failover_plan_set_deadline (AtrFailoverPlan *plan,
                                gint64           deadline_us)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (deadline_us > 0);

  plan->deadline = deadline_us;
}

guint
atr_failover_plan_get_n_candidates (AtrFailoverPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->n_candidates;
}

const char *
atr_failover_plan_get_label (AtrFailoverPlan *plan,
                             guint            index)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (index < plan->n_candidates, NULL);

  return plan->candidates[index].label;
}

guint
atr_failover_plan_get_order (AtrFailoverPlan *plan,
                             guint            position)
{
  g_return_val_if_fail (plan != NULL, 0);
  g_return_val_if_fail (position < plan->n_candidates, 0);

  return plan->order[position];
}

AtrFailoverState
atr_failover_plan_get_state (AtrFailoverPlan *plan,
                             guint            index)
{
  g_return_val_if_fail (plan != NULL, ATR_FAILOVER_PENDING);
  g_return_val_if_fail (index < plan->n_candidates, ATR_FAILOVER_PENDING);

  return plan->candidates[index].state;
}

AtrFailoverStep
atr_failover_next (AtrFailoverPlan *plan,
                   gint64           now)
{
  AtrFailoverStep step = { ATR_FAILOVER_EXHAUSTED, 0, 0 };
  gint64 wake = G_MAXINT64;
  guint running = 0;

  g_return_val_if_fail (plan != NULL, step);

  if (plan->winner_set)
    {
      step.kind = ATR_FAILOVER_DONE;
      step.index = plan->winner;
      return step;
    }

  /* Deadlines first: an expired attempt frees its slot for the next candidate. */
  for (guint i = 0; i < plan->n_candidates; i++)
    {
      Candidate *c = &plan->candidates[i];

      if (c->state != ATR_FAILOVER_RUNNING)
        continue;
      if (c->deadline <= now)
        {
          c->state = ATR_FAILOVER_TIMED_OUT;
          plan->next_start = now;
          step.kind = ATR_FAILOVER_EXPIRE;
          step.index = i;
          return step;
        }
      running++;
      wake = MIN (wake, c->deadline);
    }

  if (plan->next_pos < plan->n_candidates)
    {
      if (running == 0 || now >= plan->next_start)
        {
          Candidate *c;

          step.kind = ATR_FAILOVER_START;
          step.index = plan->order[plan->next_pos++];
          c = &plan->candidates[step.index];
          c->state = ATR_FAILOVER_RUNNING;
          c->deadline = now + plan->deadline;
          plan->next_start = now + plan->stagger;
          return step;
        }
      wake = MIN (wake, plan->next_start);
    }

  if (running == 0)
    return step; /* EXHAUSTED */

  step.kind = ATR_FAILOVER_WAIT_UNTIL;
  step.time = wake;
  return step;
}

void
atr_failover_report (AtrFailoverPlan *plan,
                     guint            index,
                     gboolean         ok,
                     gint64           now)
{
  Candidate *c;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (index < plan->n_candidates);

  c = &plan->candidates[index];
  if (c->state != ATR_FAILOVER_RUNNING || plan->winner_set)
    return;

  if (ok)
    {
      c->state = ATR_FAILOVER_SUCCEEDED;
      plan->winner_set = TRUE;
      plan->winner = index;
      for (guint i = 0; i < plan->n_candidates; i++)
        if (plan->candidates[i].state == ATR_FAILOVER_RUNNING)
          plan->candidates[i].state = ATR_FAILOVER_ABANDONED;
    }
  else
    {
      c->state = ATR_FAILOVER_FAILED;
      plan->next_start = now; /* a failure starts the next candidate at once */
    }
}

void
atr_failover_plan_update_memory (AtrFailoverPlan   *plan,
                                 AtrEndpointMemory *memory,
                                 gint64             wall_now)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (ATR_IS_ENDPOINT_MEMORY (memory));

  for (guint i = 0; i < plan->n_candidates; i++)
    {
      const Candidate *c = &plan->candidates[i];

      if (c->state == ATR_FAILOVER_FAILED || c->state == ATR_FAILOVER_TIMED_OUT)
        atr_endpoint_memory_record_failure (memory, c->label, wall_now);
    }
  if (plan->winner_set)
    atr_endpoint_memory_record_success (memory, plan->candidates[plan->winner].label, wall_now);
}
