#!/bin/sh
# Times the feed parser against xmllint on the same 10,000-resource feed (goal: ≤ 2×).
#
# Usage: tests/bench/bench-feed-parser.sh [BUILD_DIR] [N_RESOURCES]
#   BUILD_DIR defaults to _build; it must contain tests/bench/atr-bench-parse.
# Needs hyperfine and xmllint (scripts/install-deps.sh installs both).
# Both programs are whole processes reading the file: start-up, read and parse.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-_build}
n=${2:-10000}
parse="$build/tests/bench/atr-bench-parse"

if [ ! -x "$parse" ]; then
  echo "bench-feed-parser: $parse not found; build it first (ninja -C $build)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
feed="$tmp/feed-$n.xml"
python3 "$here/make-feed.py" "$n" "$feed"

count=$("$parse" "$feed")
if [ "$count" != "$n" ]; then
  echo "bench-feed-parser: atr-bench-parse found $count resources, expected $n" >&2
  exit 1
fi
xmllint --noout "$feed"

hyperfine -N --warmup 3 --runs 30 --export-json "$tmp/result.json" \
  -n atr-bench-parse "$parse $feed" \
  -n "xmllint --noout" "xmllint --noout $feed"

python3 - "$tmp/result.json" "$feed" <<'PY'
import json, os, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ours, ref = results["atr-bench-parse"], results["xmllint --noout"]
ratio = ours["median"] / ref["median"]
size = os.path.getsize(sys.argv[2]) / (1024 * 1024)
print("feed: %.1f MiB" % size)
print("atr-bench-parse median %.1f ms, xmllint --noout median %.1f ms, ratio %.2f (goal <= 2.00): %s"
      % (ours["median"] * 1000, ref["median"] * 1000, ratio, "OK" if ratio <= 2.0 else "OVER"))
cpu = lambda r: r["user"] + r["system"]
print("CPU (user+system, mean): atr-bench-parse %.1f ms, xmllint --noout %.1f ms, ratio %.2f"
      % (cpu(ours) * 1000, cpu(ref) * 1000, cpu(ours) / cpu(ref)))
sys.exit(0 if ratio <= 2.0 else 1)
PY
