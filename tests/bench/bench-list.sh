#!/bin/sh
# Times `atrium-cli list` through three gateways against a direct list (goal: at most 300 ms
# extra) and measures the peak RSS of `atrium-cli list --json` on a 10,000-resource feed
# (goal: at most 64 MiB). Both are measured in the same run, against one loopback broker.
#
# Usage: tests/bench/bench-list.sh [BUILD_DIR] [N_RESOURCES] [OTHER_CLI]
#   BUILD_DIR defaults to _build; it must contain client/atrium-cli,
#   tests/servers/atrium-test-broker and tests/certs/ (ninja -C BUILD_DIR builds them).
#   OTHER_CLI (optional): a second atrium-cli, for example one built from an older commit,
#   timed in the same hyperfine run (direct list) and measured for RSS beside this one, for
#   before/after comparisons on a shared, noisy machine. It gets no PASS/MISS of its own.
# Needs hyperfine, GNU time (/usr/bin/time) and python3 (scripts/install-deps.sh).
#
# The gateways: 127.0.0.2 refuses (nothing listens), 127.0.0.3 accepts and never answers
# (a python3 listener), 127.0.0.1 is the broker; all on one port, in that order, so every
# run meets the refusing and the hanging gateway before the good one. Each timed run starts
# with an empty XDG_CACHE_HOME (no remembered good gateway). Only loopback is contacted.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:-_build}
n=${2:-10000}
other=${3:-}
build=$(cd "$build" && pwd)
cli="$build/client/atrium-cli"
if [ -n "$other" ]; then
  [ -x "$other" ] || { echo "bench-list: OTHER_CLI $other is not an executable" >&2; exit 2; }
  other=$(cd "$(dirname "$other")" && pwd)/$(basename "$other")
fi
broker_exe="$build/tests/servers/atrium-test-broker"
certs="$build/tests/certs"

for f in "$cli" "$broker_exe" "$certs/ca.pem" "$certs/good.crt"; do
  if [ ! -e "$f" ]; then
    echo "bench-list: $f not found; build first (ninja -C $build)" >&2
    exit 2
  fi
done
for tool in hyperfine python3 /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-list: $tool is missing; run scripts/install-deps.sh" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
broker_pid=""
hang_pid=""
cleanup () {
  for pid in $broker_pid $hang_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# The tenants: the fixtures, plus big.atrium.test with a generated feed.
mkdir -p "$tmp/root/big.atrium.test/RDWeb/Feed"
cp -R "$src/tests/data/tenants/"*.atrium.test "$tmp/root/"
python3 "$here/make-feed.py" "$n" "$tmp/root/big.atrium.test/RDWeb/Feed/webfeed.aspx"

# One port free on 127.0.0.1, .2 and .3.
port=$(python3 - <<'PY'
import socket
for _ in range(50):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    ok = True
    for addr in ("127.0.0.2", "127.0.0.3"):
        t = socket.socket()
        try:
            t.bind((addr, port))
        except OSError:
            ok = False
        t.close()
    s.close()
    if ok:
        print(port); break
PY
)
[ -n "$port" ] || { echo "bench-list: no shared free port on 127.0.0.1-3" >&2; exit 1; }

"$broker_exe" --root "$tmp/root" --cert "$certs/good.crt" --key "$certs/good.key" \
  --listen "127.0.0.1:$port" --port-file "$tmp/port" >"$tmp/broker.log" 2>&1 &
broker_pid=$!

# The hanging gateway: accepts, then never reads or writes.
python3 - "$port" "$tmp/hang.ready" >"$tmp/hang.log" 2>&1 <<'PY' &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.3", int(sys.argv[1])))
s.listen(128)
open(sys.argv[2], "w").close()
held = []
while True:
    conn, _ = s.accept()
    held.append(conn)
PY
hang_pid=$!

i=0
while [ ! -s "$tmp/port" ] || [ ! -e "$tmp/hang.ready" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "bench-list: the broker or the hanging listener did not start" >&2
    cat "$tmp/broker.log" "$tmp/hang.log" >&2
    exit 1
  fi
  sleep 0.05
done

cache="$tmp/cache"
export XDG_CACHE_HOME="$cache"
common="--no-dns --json --trust $certs/ca.pem"
direct="$cli list harbour.atrium.test:$port $common --resolve harbour.atrium.test:$port:127.0.0.1"
three="$cli list harbour.atrium.test:$port $common --resolve harbour.atrium.test:$port:127.0.0.2,127.0.0.3,127.0.0.1"
big="$cli list big.atrium.test:$port $common --resolve big.atrium.test:$port:127.0.0.1"

# Sanity: each command lists what it should, before anything is timed.
check () {
  expected=$1; shift
  rm -rf "$cache"
  "$@" >"$tmp/check.json"
  python3 - "$tmp/check.json" "$expected" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
got = len(doc["resources"])
if got != int(sys.argv[2]) or doc["stale"]:
    sys.exit("bench-list: expected %s fresh resources, got %d (stale=%s)"
             % (sys.argv[2], got, doc["stale"]))
PY
}
# shellcheck disable=SC2086
check 11 $direct
# shellcheck disable=SC2086
check 11 $three
# shellcheck disable=SC2086
check "$n" $big
other_direct=""
if [ -n "$other" ]; then
  other_direct=$(echo "$direct" | sed "s|^$cli |$other |")
  # shellcheck disable=SC2086
  check 11 $other_direct
fi

echo "== (a) atrium-cli list: direct vs three gateways (refusing, hanging, good)"
echo "direct:        $direct"
echo "three gateways: $three"
echo "(XDG_CACHE_HOME=$cache, emptied before every run)"
set -- -n direct "$direct" -n three-gateways "$three"
[ -z "$other" ] || set -- "$@" -n direct-other "$other_direct"
hyperfine -N --warmup 2 --runs 20 --prepare "rm -rf $cache" \
  --export-json "$tmp/list.json" "$@"

# Informational: the second visit, when the good gateway is remembered.
rm -rf "$cache"
# shellcheck disable=SC2086
$three >/dev/null
hyperfine -N --warmup 1 --runs 10 --export-json "$tmp/warm.json" \
  -n three-gateways-remembered "$three"

echo
echo "== (b) peak RSS of atrium-cli list --json on a $n-resource feed"
echo "command: /usr/bin/time -f %M $big >/dev/null"
for run in 1 2 3 4 5; do
  rm -rf "$cache"
  # shellcheck disable=SC2086
  /usr/bin/time -f %M -o "$tmp/rss.$run" $big >/dev/null
done
cat "$tmp"/rss.* >"$tmp/rss"
rm -rf "$cache"
# shellcheck disable=SC2086
/usr/bin/time -f %M -o "$tmp/rss-text" $(echo "$big" | sed 's/ --json//') >/dev/null
rm -rf "$cache"
/usr/bin/time -f %M -o "$tmp/rss-version" "$cli" version >/dev/null
: >"$tmp/rss-other"
if [ -n "$other" ]; then
  other_big=$(echo "$big" | sed "s|^$cli |$other |")
  for run in 1 2 3 4 5; do
    rm -rf "$cache"
    # shellcheck disable=SC2086
    /usr/bin/time -f %M -o "$tmp/rss-o.$run" $other_big >/dev/null
    cat "$tmp/rss-o.$run" >>"$tmp/rss-other"
  done
fi

python3 - "$tmp/list.json" "$tmp/warm.json" "$tmp/rss" "$tmp/rss-text" "$tmp/rss-version" \
  "$tmp/root/big.atrium.test/RDWeb/Feed/webfeed.aspx" "$tmp/rss-other" "$other" <<'PY'
import json, os, statistics, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
warm = json.load(open(sys.argv[2]))["results"][0]
direct, three = res["direct"]["median"] * 1000, res["three-gateways"]["median"] * 1000
delta = three - direct
ok_a = delta <= 300
rss = [int(x) / 1024 for x in open(sys.argv[3]).read().split()]
text = int(open(sys.argv[4]).read().split()[0]) / 1024
version = int(open(sys.argv[5]).read().split()[0]) / 1024
ok_b = max(rss) <= 64
size = os.path.getsize(sys.argv[6]) / (1024 * 1024)
print()
print("== results")
print("(a) median direct %.0f ms, three gateways %.0f ms: %+.0f ms extra (goal <= 300 ms): %s"
      % (direct, three, delta, "PASS" if ok_a else "MISS"))
print("    three gateways with the good one remembered: median %.0f ms (%+.0f ms vs direct)"
      % (warm["median"] * 1000, warm["median"] * 1000 - direct))
print("(b) peak RSS of list --json, %.1f MiB feed: median %.1f MiB, max %.1f MiB over %d runs "
      "(goal <= 64 MiB): %s" % (size, statistics.median(rss), max(rss), len(rss),
                                "PASS" if ok_b else "MISS"))
print("    for comparison: the text table %.1f MiB; 'atrium-cli version' %.1f MiB"
      % (text, version))
if "direct-other" in res:
    other_rss = [int(x) / 1024 for x in open(sys.argv[7]).read().split()]
    o = res["direct-other"]["median"] * 1000
    print("(other) %s: direct list median %.0f ms (this one %.0f ms, %+.0f ms); peak RSS of "
          "list --json median %.1f MiB (this one %.1f MiB, %+.1f MiB)"
          % (sys.argv[8], o, direct, direct - o, statistics.median(other_rss),
             statistics.median(rss), statistics.median(rss) - statistics.median(other_rss)))
sys.exit(0 if ok_a and ok_b else 1)
PY
