/* atr-failover.h — the pure "which endpoint next" logic: staggered attempts with deadlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Explicit data and an injectable clock: every function takes "now" (monotonic microseconds,
 * any origin) and nothing reads a clock inside. The driver (AtrHttpClient) loops:
 *
 *   for (;;) switch ((step = atr_failover_next (plan, now)).kind) {
 *     START:      start an attempt on candidate step.index; continue
 *     EXPIRE:     the attempt step.index passed its deadline: cancel it; continue
 *     WAIT_UNTIL: come back at step.time (or when an attempt reports); return
 *     DONE / EXHAUSTED: finish }
 *
 * and calls atr_failover_report() when an attempt succeeds or fails.
 */
#pragma once

#include "atr-endpoint-memory.h"

G_BEGIN_DECLS

#define ATR_FAILOVER_DEFAULT_STAGGER_US (250 * G_TIME_SPAN_MILLISECOND)
#define ATR_FAILOVER_DEFAULT_DEADLINE_US (5 * G_TIME_SPAN_SECOND)

typedef enum
{
  ATR_FAILOVER_START,      /* start an attempt on candidate .index */
  ATR_FAILOVER_EXPIRE,     /* attempt .index missed its deadline: cancel it (already counted failed) */
  ATR_FAILOVER_WAIT_UNTIL, /* nothing to do before .time (unless an attempt reports) */
  ATR_FAILOVER_EXHAUSTED,  /* every candidate failed */
  ATR_FAILOVER_DONE,       /* an attempt succeeded: cancel the others */
} AtrFailoverStepKind;

typedef struct
{
  AtrFailoverStepKind kind;
  guint               index; /* START, EXPIRE: candidate index (as given to _new); DONE: winner */
  gint64              time;  /* WAIT_UNTIL */
} AtrFailoverStep;

typedef enum
{
  ATR_FAILOVER_PENDING,   /* not started yet */
  ATR_FAILOVER_RUNNING,
  ATR_FAILOVER_SUCCEEDED,
  ATR_FAILOVER_FAILED,
  ATR_FAILOVER_TIMED_OUT,
  ATR_FAILOVER_ABANDONED, /* still running when another attempt won */
} AtrFailoverState;

typedef struct _AtrFailoverPlan AtrFailoverPlan;

GType            atr_failover_plan_get_type     (void) G_GNUC_CONST;
#define ATR_TYPE_FAILOVER_PLAN (atr_failover_plan_get_type ())

/* @labels: the candidates ("127.0.0.2:8443"), in resolver order, no duplicates.
 * @memory (nullable): orders them — the last good endpoint first (unless it is backing off),
 * then the others in resolver order, then those backing off, soonest-available first.
 * @wall_now: wall-clock µs for the memory's backoff state. */
AtrFailoverPlan *atr_failover_plan_new          (const char *const *labels,
                                                 AtrEndpointMemory *memory,
                                                 gint64             wall_now);
AtrFailoverPlan *atr_failover_plan_ref          (AtrFailoverPlan   *plan);
void             atr_failover_plan_unref        (AtrFailoverPlan   *plan);

void             atr_failover_plan_set_stagger  (AtrFailoverPlan   *plan,
                                                 gint64             stagger_us);
void             atr_failover_plan_set_deadline (AtrFailoverPlan   *plan,
                                                 gint64             deadline_us);
guint            atr_failover_plan_get_n_candidates (AtrFailoverPlan *plan);
const char      *atr_failover_plan_get_label    (AtrFailoverPlan   *plan,
                                                 guint              index);
/* The i-th candidate in try order (an index as given to _new). */
guint            atr_failover_plan_get_order    (AtrFailoverPlan   *plan,
                                                 guint              position);
AtrFailoverState atr_failover_plan_get_state    (AtrFailoverPlan   *plan,
                                                 guint              index);

AtrFailoverStep  atr_failover_next              (AtrFailoverPlan   *plan,
                                                 gint64             now);
/* @ok: the attempt got its first response byte (TRUE) or failed (FALSE). Reports for an
 * attempt that is not running (expired, abandoned) are ignored. */
void             atr_failover_report            (AtrFailoverPlan   *plan,
                                                 guint              index,
                                                 gboolean           ok,
                                                 gint64             now);
/* Write the outcome into @memory: success for the winner, a failure for every attempt that
 * failed or timed out; pending and abandoned candidates are left as they were. */
void             atr_failover_plan_update_memory (AtrFailoverPlan  *plan,
                                                  AtrEndpointMemory *memory,
                                                  gint64            wall_now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrFailoverPlan, atr_failover_plan_unref)

G_END_DECLS
