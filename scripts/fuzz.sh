#!/bin/sh
# Long fuzzing runs, by hand or on a spare machine (CI runs each target for seconds only).
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: uri rdp-file feed manifest theme logo | all
# Builds _build-fuzz (clang, libFuzzer, ASan+UBSan) if needed, then fuzzes from the seeds
# in tests/fuzz/corpus/TARGET. The growing corpus is kept in $ATR_FUZZ_WORK/TARGET/corpus
# (default _build-fuzz/fuzz-work/, ignored by git) so the next run starts where this one ended.
# Stops a target at its first crash (ATR_FUZZ_KEEP_GOING=1: libFuzzer's fork mode, which goes
# on after crashes but ran 10-1000x fewer inputs per second here); every reproducer is listed
# at the end (WORK/TARGET/crashes/) and makes the exit status 1. Runs under `nice`.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
targets="uri rdp-file feed manifest theme logo"
target=${1:?usage: fuzz.sh TARGET|all [SECONDS]}
seconds=${2:-600}
builddir="${ATR_FUZZ_BUILDDIR:-$top/_build-fuzz}"
work="${ATR_FUZZ_WORK:-$builddir/fuzz-work}"

if [ "$target" = all ]; then
  set --
else
  case " $targets " in
    *" $target "*) ;;
    *) echo "fuzz.sh: unknown target '$target' (one of: $targets, all)" >&2; exit 2 ;;
  esac
  targets=$target
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang CXX=clang++ meson setup "$builddir" -Dprofile=development -Dfuzzing=true \
    -Dtests=false -Db_sanitize=address,undefined -Db_lundef=false
fi
nice ninja -C "$builddir" $(for t in $targets; do echo "tests/fuzz/fuzz-$t"; done)

keep_going=""
if [ "${ATR_FUZZ_KEEP_GOING:-0}" = 1 ]; then
  keep_going="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
fi

rc=0
for t in $targets; do
  echo "fuzz.sh: $t for $seconds s (work dir $work/$t)"
  nice -n 19 "$top/tests/fuzz/run-fuzzer.sh" "$builddir/tests/fuzz/fuzz-$t" \
    "$top/tests/fuzz/corpus/$t" "$work/$t" "$seconds" $keep_going || rc=1
done

for t in $targets; do
  if [ -n "$(ls "$work/$t/crashes" 2>/dev/null)" ]; then
    echo "fuzz.sh: $t found:" && ls -l "$work/$t/crashes"
  fi
done
exit $rc
