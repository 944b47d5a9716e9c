#!/bin/sh
# Runs one libFuzzer binary for a bounded time (the `fuzz` suite of a -Dfuzzing=true build,
# and scripts/fuzz.sh for long runs).
#   run-fuzzer.sh FUZZER SEED_DIR WORK_DIR [SECONDS [LIBFUZZER_FLAG…]]
# New inputs go to WORK_DIR/corpus (never into the seeds in the repository), crashes to
# WORK_DIR/crashes/. Exits non-zero when the fuzzer found a crash, leak, timeout or failed
# property; the last lines printed are libFuzzer's final stats (stat::number_of_executed_units).
set -eu

fuzzer=$1
seeds=$2
work=$3
seconds=${4:-${ATR_FUZZ_SECONDS:-10}}
[ $# -ge 4 ] && shift 4 || shift $#

mkdir -p "$work/corpus" "$work/crashes"
before=$(ls "$work/crashes" | wc -l)

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export G_DEBUG=fatal-warnings
export WLOG_LEVEL=OFF   # FreeRDP's own log would print every .rdp value it parses

rc=0
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=25 \
  -max_len=65536 -print_final_stats=1 -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$work/crashes/" "$@" "$work/corpus" "$seeds" || rc=$?

# In fork mode with -ignore_crashes libFuzzer exits 0 after a crash: count reproducers too
# (only this run's; earlier ones stay listed but do not fail it again).
after=$(ls "$work/crashes" | wc -l)
if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
  echo "run-fuzzer: $(basename "$fuzzer") exit $rc; reproducers in $work/crashes:" >&2
  ls -l "$work/crashes/" >&2
  [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
