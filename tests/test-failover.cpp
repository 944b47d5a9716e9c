// Tests for AtrFailoverPlan and AtrEndpointMemory: the pure failover logic, driven by a fake
// clock (plain numbers in microseconds).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-failover.h"
#include "atr-net-error.h"

namespace {

constexpr gint64 MS = G_TIME_SPAN_MILLISECOND;
constexpr gint64 S = G_TIME_SPAN_SECOND;
constexpr gint64 WALL = G_GINT64_CONSTANT (1700000000) * S; // a fixed "now" for the memory

const char *const three[] = { "10.0.0.1:443", "10.0.0.2:443", "10.0.0.3:443", nullptr };

AtrFailoverStep
next (AtrFailoverPlan *plan, gint64 now)
{
  return atr_failover_next (plan, now);
}

std::vector<guint>
order_of (AtrFailoverPlan *plan)
{
  std::vector<guint> v;
  for (guint i = 0; i < atr_failover_plan_get_n_candidates (plan); i++)
    v.push_back (atr_failover_plan_get_order (plan, i));
  return v;
}

TEST (Failover, WithoutMemoryKeepsResolverOrder)
{
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  EXPECT_EQ (order_of (plan), (std::vector<guint>{ 0, 1, 2 }));
  EXPECT_STREQ (atr_failover_plan_get_label (plan, 2), "10.0.0.3:443");
}

TEST (Failover, FirstStartsAtOnceThenStaggers)
{
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  AtrFailoverStep s = next (plan, 0);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  EXPECT_EQ (s.index, 0u);

  s = next (plan, 0);
  ASSERT_EQ (s.kind, ATR_FAILOVER_WAIT_UNTIL);
  EXPECT_EQ (s.time, 250 * MS);

  s = next (plan, 249 * MS);
  EXPECT_EQ (s.kind, ATR_FAILOVER_WAIT_UNTIL);

  s = next (plan, 250 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  EXPECT_EQ (s.index, 1u);

  s = next (plan, 500 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  EXPECT_EQ (s.index, 2u);

  // Nothing left to start: wait for the first deadline (attempt 0 at 5 s).
  s = next (plan, 500 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_WAIT_UNTIL);
  EXPECT_EQ (s.time, 5 * S);
}

TEST (Failover, AFailureStartsTheNextImmediately)
{
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  ASSERT_EQ (next (plan, 0).kind, ATR_FAILOVER_START);
  atr_failover_report (plan, 0, FALSE, 3 * MS);

  AtrFailoverStep s = next (plan, 3 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  EXPECT_EQ (s.index, 1u);
  EXPECT_EQ (atr_failover_plan_get_state (plan, 0), ATR_FAILOVER_FAILED);

  // A failure while another is still running also skips the rest of the stagger.
  s = next (plan, 10 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_WAIT_UNTIL);
  EXPECT_EQ (s.time, 253 * MS);
}

TEST (Failover, FailureOfOneWhileOthersRunStartsTheNext)
{
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  ASSERT_EQ (next (plan, 0).index, 0u);
  ASSERT_EQ (next (plan, 250 * MS).index, 1u);
  atr_failover_report (plan, 0, FALSE, 300 * MS);
  AtrFailoverStep s = next (plan, 300 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  EXPECT_EQ (s.index, 2u);
}

TEST (Failover, AllFailIsExhausted)
{
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  gint64 now = 0;
  for (guint i = 0; i < 3; i++)
    {
      AtrFailoverStep s = next (plan, now);
      ASSERT_EQ (s.kind, ATR_FAILOVER_START);
      EXPECT_EQ (s.index, i);
      now += MS;
      atr_failover_report (plan, i, FALSE, now);
    }
  EXPECT_EQ (next (plan, now).kind, ATR_FAILOVER_EXHAUSTED);
  EXPECT_EQ (next (plan, now + S).kind, ATR_FAILOVER_EXHAUSTED);
}

TEST (Failover, EmptyPlanIsExhausted)
{
  const char *const none[] = { nullptr };
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (none, nullptr, WALL);
  EXPECT_EQ (next (plan, 0).kind, ATR_FAILOVER_EXHAUSTED);
}

TEST (Failover, RefusedThenHangingThenGood)
{
  // The integration scenario on a fake clock: .1 refuses at once, .2 accepts and hangs,
  // .3 answers after 40 ms. The whole thing costs one stagger, not a deadline.
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  ASSERT_EQ (next (plan, 0).index, 0u);
  atr_failover_report (plan, 0, FALSE, 1 * MS);
  AtrFailoverStep s = next (plan, 1 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  ASSERT_EQ (s.index, 1u);
  s = next (plan, 1 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_WAIT_UNTIL);
  ASSERT_EQ (s.time, 251 * MS);
  s = next (plan, 251 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  ASSERT_EQ (s.index, 2u);
  atr_failover_report (plan, 2, TRUE, 291 * MS);
  s = next (plan, 291 * MS);
  ASSERT_EQ (s.kind, ATR_FAILOVER_DONE);
  EXPECT_EQ (s.index, 2u);
  EXPECT_EQ (atr_failover_plan_get_state (plan, 1), ATR_FAILOVER_ABANDONED);

  // Late news from the abandoned attempt changes nothing.
  atr_failover_report (plan, 1, TRUE, 300 * MS);
  EXPECT_EQ (next (plan, 300 * MS).index, 2u);
  EXPECT_EQ (atr_failover_plan_get_state (plan, 1), ATR_FAILOVER_ABANDONED);
}

TEST (Failover, HangHitsTheDeadlineThenTheNextStarts)
{
  const char *const one_two[] = { "a:1", "b:1", nullptr };
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (one_two, nullptr, WALL);
  atr_failover_plan_set_stagger (plan, 10 * S); // longer than the deadline
  atr_failover_plan_set_deadline (plan, 2 * S);

  ASSERT_EQ (next (plan, 0).index, 0u);
  AtrFailoverStep s = next (plan, 0);
  ASSERT_EQ (s.kind, ATR_FAILOVER_WAIT_UNTIL);
  EXPECT_EQ (s.time, 2 * S); // the deadline comes before the stagger

  s = next (plan, 2 * S);
  ASSERT_EQ (s.kind, ATR_FAILOVER_EXPIRE);
  EXPECT_EQ (s.index, 0u);
  EXPECT_EQ (atr_failover_plan_get_state (plan, 0), ATR_FAILOVER_TIMED_OUT);

  s = next (plan, 2 * S);
  ASSERT_EQ (s.kind, ATR_FAILOVER_START);
  EXPECT_EQ (s.index, 1u);

  // The cancelled attempt's own late failure report is ignored.
  atr_failover_report (plan, 0, FALSE, 2 * S + MS);
  EXPECT_EQ (atr_failover_plan_get_state (plan, 0), ATR_FAILOVER_TIMED_OUT);

  s = next (plan, 4 * S);
  ASSERT_EQ (s.kind, ATR_FAILOVER_EXPIRE);
  EXPECT_EQ (s.index, 1u);
  EXPECT_EQ (next (plan, 4 * S).kind, ATR_FAILOVER_EXHAUSTED);
}

TEST (Failover, OnlyHangingEndpointsEndAtTheirDeadlines)
{
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, nullptr, WALL);
  atr_failover_plan_set_deadline (plan, 1 * S);
  gint64 now = 0;
  std::vector<int> expired;
  for (int guard = 0; guard < 20; guard++)
    {
      AtrFailoverStep s = next (plan, now);
      if (s.kind == ATR_FAILOVER_EXHAUSTED)
        break;
      if (s.kind == ATR_FAILOVER_WAIT_UNTIL)
        {
          ASSERT_GT (s.time, now);
          now = s.time;
        }
      else if (s.kind == ATR_FAILOVER_EXPIRE)
        expired.push_back ((int) s.index);
    }
  EXPECT_EQ (expired, (std::vector<int>{ 0, 1, 2 }));
  EXPECT_EQ (now, 1 * S + 500 * MS); // the last one started at 500 ms
}

TEST (Failover, LastGoodGoesFirst)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  atr_endpoint_memory_record_success (mem, "10.0.0.3:443", WALL - S);
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, mem, WALL);
  EXPECT_EQ (order_of (plan), (std::vector<guint>{ 2, 0, 1 }));
  EXPECT_EQ (next (plan, 0).index, 2u);
}

TEST (Failover, UnknownLastGoodIsIgnored)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  atr_endpoint_memory_record_success (mem, "192.0.2.1:443", WALL);
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, mem, WALL);
  EXPECT_EQ (order_of (plan), (std::vector<guint>{ 0, 1, 2 }));
}

TEST (Failover, BackingOffGoLastSoonestFirst)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  atr_endpoint_memory_record_failure (mem, "10.0.0.1:443", WALL - 1 * S); // until +9 s
  atr_endpoint_memory_record_failure (mem, "10.0.0.2:443", WALL - 5 * S); // until +5 s
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, mem, WALL);
  EXPECT_EQ (order_of (plan), (std::vector<guint>{ 2, 1, 0 }));

  // Once the backoff has passed they are ordinary candidates again.
  g_autoptr(AtrFailoverPlan) later = atr_failover_plan_new (three, mem, WALL + 60 * S);
  EXPECT_EQ (order_of (later), (std::vector<guint>{ 0, 1, 2 }));
}

TEST (Failover, LastGoodThatFailedLosesItsPlace)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  atr_endpoint_memory_record_success (mem, "10.0.0.1:443", WALL - 10 * S);
  atr_endpoint_memory_record_failure (mem, "10.0.0.1:443", WALL - S);
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, mem, WALL);
  EXPECT_EQ (order_of (plan), (std::vector<guint>{ 1, 2, 0 }));
}

TEST (Failover, PlanOutcomeUpdatesMemory)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  g_autoptr(AtrFailoverPlan) plan = atr_failover_plan_new (three, mem, WALL);
  ASSERT_EQ (next (plan, 0).index, 0u);
  atr_failover_report (plan, 0, FALSE, MS);
  ASSERT_EQ (next (plan, MS).index, 1u);
  ASSERT_EQ (next (plan, 251 * MS).index, 2u);
  atr_failover_report (plan, 2, TRUE, 260 * MS);
  atr_failover_plan_update_memory (plan, mem, WALL);

  EXPECT_STREQ (atr_endpoint_memory_get_last_good (mem), "10.0.0.3:443");
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, "10.0.0.1:443"), 1u);
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, "10.0.0.2:443"), 0u); // abandoned
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, "10.0.0.3:443"), 0u);

  // Next time: last good first, the failed one last.
  g_autoptr(AtrFailoverPlan) again = atr_failover_plan_new (three, mem, WALL + S);
  EXPECT_EQ (order_of (again), (std::vector<guint>{ 2, 1, 0 }));
}

TEST (EndpointMemory, BackoffDoublesAndIsCapped)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  const char *l = "10.0.0.1:443";
  EXPECT_FALSE (atr_endpoint_memory_is_backing_off (mem, l, WALL));
  EXPECT_EQ (atr_endpoint_memory_get_backoff_until (mem, l), 0);

  atr_endpoint_memory_record_failure (mem, l, WALL);
  EXPECT_EQ (atr_endpoint_memory_get_backoff_until (mem, l), WALL + ATR_ENDPOINT_BACKOFF_BASE_US);
  atr_endpoint_memory_record_failure (mem, l, WALL);
  EXPECT_EQ (atr_endpoint_memory_get_backoff_until (mem, l), WALL + 2 * ATR_ENDPOINT_BACKOFF_BASE_US);
  atr_endpoint_memory_record_failure (mem, l, WALL);
  EXPECT_EQ (atr_endpoint_memory_get_backoff_until (mem, l), WALL + 4 * ATR_ENDPOINT_BACKOFF_BASE_US);
  for (int i = 0; i < 100; i++)
    atr_endpoint_memory_record_failure (mem, l, WALL);
  EXPECT_EQ (atr_endpoint_memory_get_backoff_until (mem, l), WALL + ATR_ENDPOINT_BACKOFF_MAX_US);
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, l), 103u);
  EXPECT_TRUE (atr_endpoint_memory_is_backing_off (mem, l, WALL + S));

  atr_endpoint_memory_record_success (mem, l, WALL);
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, l), 0u);
  EXPECT_FALSE (atr_endpoint_memory_is_backing_off (mem, l, WALL));
}

TEST (EndpointMemory, SaveAndLoadRoundTrip)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  atr_endpoint_memory_record_success (mem, "[::1]:8443", WALL);
  atr_endpoint_memory_record_failure (mem, "127.0.0.1:8443", WALL);
  atr_endpoint_memory_record_failure (mem, "127.0.0.1:8443", WALL);
  atr_endpoint_memory_record_failure (mem, "127.0.0.2:8443", WALL);
  g_autofree char *data = atr_endpoint_memory_to_data (mem);

  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrEndpointMemory) back = atr_endpoint_memory_new_from_data (data, &error);
  ASSERT_EQ (error, nullptr) << error->message;
  ASSERT_NE (back, nullptr);
  EXPECT_STREQ (atr_endpoint_memory_get_last_good (back), "[::1]:8443");
  EXPECT_EQ (atr_endpoint_memory_get_failures (back, "127.0.0.1:8443"), 2u);
  EXPECT_EQ (atr_endpoint_memory_get_backoff_until (back, "127.0.0.1:8443"),
             atr_endpoint_memory_get_backoff_until (mem, "127.0.0.1:8443"));
  EXPECT_EQ (atr_endpoint_memory_get_failures (back, "127.0.0.2:8443"), 1u);

  g_autofree char *again = atr_endpoint_memory_to_data (back);
  EXPECT_STREQ (data, again);
}

TEST (EndpointMemory, EmptyRoundTrip)
{
  g_autoptr(AtrEndpointMemory) mem = atr_endpoint_memory_new ();
  g_autofree char *data = atr_endpoint_memory_to_data (mem);
  g_autoptr(AtrEndpointMemory) back = atr_endpoint_memory_new_from_data (data, nullptr);
  ASSERT_NE (back, nullptr);
  EXPECT_EQ (atr_endpoint_memory_get_last_good (back), nullptr);
}

struct BadData
{
  const char *data;
  const char *expect; // part of the message
};

TEST (EndpointMemory, BrokenDataIsRefusedWithAClearError)
{
  const BadData cases[] = {
    { "", "Version" },
    { "not a key file", "endpoint memory" },
    { "[Memory]\nVersion=2\n", "Version" },
    { "[Memory]\nVersion=x\n", "Version" },
    { "[Memory]\nVersion=1\n[Other]\nA=b\n", "[Other]" },
    { "[Memory]\nVersion=1\n[Endpoint 0]\nFailures=1\nBackoffUntil=1\n", "Label" },
    { "[Memory]\nVersion=1\n[Endpoint 0]\nLabel=a b\nFailures=1\nBackoffUntil=1\n", "Label" },
    { "[Memory]\nVersion=1\n[Endpoint 0]\nLabel=a:1\nFailures=0\nBackoffUntil=1\n", "Failures" },
    { "[Memory]\nVersion=1\n[Endpoint 0]\nLabel=a:1\nFailures=zz\nBackoffUntil=1\n", "Failures" },
    { "[Memory]\nVersion=1\n[Endpoint 0]\nLabel=a:1\nFailures=1\nBackoffUntil=-5\n", "BackoffUntil" },
    { "[Memory]\nVersion=1\n[Endpoint 0]\nLabel=a:1\nFailures=1\nBackoffUntil=1\n"
      "[Endpoint 1]\nLabel=a:1\nFailures=1\nBackoffUntil=1\n", "duplicate" },
    { "[Memory]\nVersion=1\nLastGood=\n", "LastGood" },
  };
  for (const BadData &c : cases)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrEndpointMemory) m = atr_endpoint_memory_new_from_data (c.data, &error);
      EXPECT_EQ (m, nullptr) << c.data;
      ASSERT_NE (error, nullptr) << c.data;
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE)) << c.data;
      EXPECT_NE (strstr (error->message, c.expect), nullptr) << error->message;
    }
}

TEST (EndpointMemory, HugeDataIsRefused)
{
  std::string big = "[Memory]\nVersion=1\n# " + std::string (70000, 'x') + "\n";
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrEndpointMemory) m = atr_endpoint_memory_new_from_data (big.c_str (), &error);
  EXPECT_EQ (m, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE));
}

} // namespace
