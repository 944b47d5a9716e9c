#!/bin/bash
# bench-probe.sh — `atrium-cli probe --frames 0` vs `xfreerdp3 +auth-only`, side by side
#
# Usage: tests/bench/bench-probe.sh [BUILDDIR] [RUNS]
#
# Starts its own Xvfb (depth 24) with a solid screen and one freerdp-shadow-cli3 with NLA (a
# SAM file for tester/secret, the build's good test certificate) on a free loopback port, then
# alternates three runs RUNS times (default 20) against that same server:
#  - atrium-cli probe --frames 0 to probe.atrium.test, --resolve'd to 127.0.0.1 (the goal row);
#  - the same to "localhost" (information: GLib answers "localhost" itself with ::1 first and
#    never asks our resolver, so --resolve does not apply and the engine first dials ::1, where
#    this server does not listen, then fails over to 127.0.0.1);
#  - xfreerdp3 +auth-only to 127.0.0.1.
# It prints every wall time (sorted, to show a bimodal spread), atrium's own phases from --json
# (tcp = connected, tls, auth, total; ms from the start of the connect), the medians and the
# ratio atrium/xfreerdp3 (goal: <= 0.50). All authenticate for real with NLA; xfreerdp3 skips
# certificate checks (/cert:ignore), atrium-cli checks against the test CA. xfreerdp3 3.10's
# +auth-only goes on past NLA and exits 131 after a good authentication ("Authentication only,
# exit status 1" in its log), 132 after a refused one: 131 with that line counts as success.
# The last line says PASS or MISS; exit 1 on MISS. Kills only the processes it started.
# Run by hand, never from CI: timings are not tests.
#
# ATR_BENCH_PHASES=N (needs strace and perf): afterwards, against the same server, runs each
# client N more times under `strace -f -tt -T` and N times under `perf record -g`, and prints
# where each run's wall time and CPU go (tests/bench/probe-phases.py: exec, dynamic loading,
# main(), codec set-up, TCP connect, time blocked waiting for the server, exit).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${1:-$top/_build-test}
runs=${2:-20}
cli="$builddir/client/atrium-cli"
certs="$builddir/tests/certs"

for tool in Xvfb xlogo freerdp-shadow-cli3 winpr-hash3 xfreerdp3; do
  command -v "$tool" >/dev/null || { echo "bench-probe: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done
[ -x "$cli" ] || { echo "bench-probe: build first: $cli" >&2; exit 2; }
[ -f "$certs/good.crt" ] || { echo "bench-probe: no test certificates in $certs" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/atr-bench-probe.XXXXXX")
pids=""
cleanup() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# display
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset 3>"$tmp/dpy" 2>/dev/null &
pids="$pids $!"
i=0
while [ ! -s "$tmp/dpy" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
display=":$(head -n1 "$tmp/dpy")"
DISPLAY=$display xlogo -geometry 1024x768+0+0 -bg '#336699' -fg '#336699' 2>/dev/null &
pids="$pids $!"

# server: our certificate, NLA with a SAM file
mkdir -p "$tmp/xdg/freerdp/shadow" "$tmp/server-home" "$tmp/xf-home" "$tmp/cli-home"
cp "$certs/good.crt" "$tmp/xdg/freerdp/shadow/shadow.crt"
cp "$certs/good.key" "$tmp/xdg/freerdp/shadow/shadow.key"
winpr-hash3 -u tester -p secret -f sam > "$tmp/sam.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DISPLAY=$display XDG_CONFIG_HOME="$tmp/xdg" HOME="$tmp/server-home" \
  freerdp-shadow-cli3 /bind-address:127.0.0.1 /port:"$port" +auth /sec:nla \
  /sam-file:"$tmp/sam.txt" >"$tmp/shadow.log" 2>&1 &
pids="$pids $!"
hexport=$(printf '%04X' "$port")
i=0
until grep -q "0100007F:$hexport 00000000:0000 0A" /proc/net/tcp; do
  sleep 0.02; i=$((i + 1))
  [ $i -lt 500 ] || { echo "bench-probe: shadow server did not listen" >&2; exit 1; }
done

now_ms() { date +%s%3N; }

run_atrium() {   # $1 host name; prints "wall tcp tls auth total"
  t0=$(now_ms)
  echo secret | HOME="$tmp/cli-home" XDG_CACHE_HOME="$tmp/cli-home/.cache" \
    GIO_USE_PROXY_RESOLVER=dummy "$cli" probe "$1:$port" \
    --resolve "$1:$port:127.0.0.1" --trust "$certs/trusted-with-intermediate.pem" \
    --user tester --password-stdin --frames 0 --json >"$tmp/atrium.json" 2>"$tmp/atrium.err" ||
    { echo "bench-probe: atrium-cli failed:" >&2; cat "$tmp/atrium.err" >&2; exit 1; }
  wall=$(( $(now_ms) - t0 ))
  python3 - "$tmp/atrium.json" "$wall" <<'EOP'
import json, sys
t = json.load(open(sys.argv[1]))["timings_ms"]
print(sys.argv[2], *(t.get(k) if t.get(k) is not None else "-" for k in ("tcp", "tls", "auth", "total")))
EOP
}

run_xfreerdp() {
  t0=$(now_ms)
  # xfreerdp3 takes the password only on its command line; this is the throwaway test account
  rc=0
  DISPLAY=$display HOME="$tmp/xf-home" xfreerdp3 /v:127.0.0.1:"$port" /u:tester /p:secret \
    /cert:ignore +auth-only >"$tmp/xfreerdp.log" 2>&1 || rc=$?
  t1=$(now_ms)
  if [ $rc -ne 0 ] && ! { [ $rc -eq 131 ] &&
      grep -q 'Authentication only, exit status 1' "$tmp/xfreerdp.log" &&
      ! grep -q 'AUTHENTICATION_FAILED\|LOGON_FAILURE' "$tmp/xfreerdp.log"; }; then
    echo "bench-probe: xfreerdp3 failed (exit $rc):" >&2; tail -5 "$tmp/xfreerdp.log" >&2; exit 1
  fi
  echo $(( t1 - t0 ))
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
sorted() { tr ' ' '\n' | grep . | sort -n | tr '\n' ' '; }

# one warm-up of each (page cache), then alternate
run_atrium probe.atrium.test >/dev/null
run_atrium localhost >/dev/null
run_xfreerdp >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
a_all="" l_all="" x_all="" a_tcp="" a_tls="" a_auth="" a_total="" l_tcp=""
n=0
while [ $n -lt "$runs" ]; do
  r=$(run_atrium probe.atrium.test)
  set -- $r
  a_all="$a_all $1"; a_tcp="$a_tcp $2"; a_tls="$a_tls $3"; a_auth="$a_auth $4"; a_total="$a_total $5"
  r=$(run_atrium localhost)
  set -- $r
  l_all="$l_all $1"; l_tcp="$l_tcp $2"
  x=$(run_xfreerdp)
  x_all="$x_all $x"
  n=$((n + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

a_med=$(echo "$a_all" | median)
l_med=$(echo "$l_all" | median)
x_med=$(echo "$x_all" | median)
echo "server: freerdp-shadow-cli3 NLA on 127.0.0.1:$port ($display), $runs runs each, alternating"
echo "load average before: $load_before, after: $load_after ($(nproc) CPUs)"
echo "wall ms, process start to exit, in run order and sorted:"
echo "  atrium-cli probe --frames 0 probe.atrium.test:$a_all"
echo "      sorted: $(echo "$a_all" | sorted) median $a_med"
echo "  atrium-cli probe --frames 0 localhost:        $l_all"
echo "      sorted: $(echo "$l_all" | sorted) median $l_med"
echo "  xfreerdp3 +auth-only 127.0.0.1:               $x_all"
echo "      sorted: $(echo "$x_all" | sorted) median $x_med"
echo "atrium's own phases (probe.atrium.test, ms from the start of the connect; medians):"
echo "  tcp $(echo "$a_tcp" | median)  tls $(echo "$a_tls" | median)  auth $(echo "$a_auth" | median)  total $(echo "$a_total" | median)"
echo "  tcp per run:$a_tcp"
echo "  auth-tls per run: $(paste -d' ' <(echo "$a_tls" | tr ' ' '\n' | grep .) <(echo "$a_auth" | tr ' ' '\n' | grep .) | awk '{printf "%d ", $2 - $1}')"
echo "  (localhost: tcp median $(echo "$l_tcp" | median): the ::1 attempt first)"
phases=${ATR_BENCH_PHASES:-0}
if [ "$phases" -gt 0 ]; then
  for tool in strace perf; do
    command -v "$tool" >/dev/null || { echo "bench-probe: ATR_BENCH_PHASES needs $tool" >&2; exit 2; }
  done
  split="$top/tests/bench/probe-phases.py"
  trace="execve,openat,connect,read,write,recvfrom,sendto,poll,ppoll,exit_group"
  # the two clients as scripts: "$@" runs them under strace; perf runs the scripts
  cat > "$tmp/atrium-run.sh" <<EOS
exec "\$@" env HOME="$tmp/cli-home" XDG_CACHE_HOME="$tmp/cli-home/.cache" \\
  GIO_USE_PROXY_RESOLVER=dummy "$cli" probe "probe.atrium.test:$port" \\
  --resolve "probe.atrium.test:$port:127.0.0.1" --trust "$certs/trusted-with-intermediate.pem" \\
  --user tester --password-stdin --frames 0 --json <<<secret >/dev/null 2>&1
EOS
  cat > "$tmp/xfreerdp-run.sh" <<EOS
exec "\$@" env DISPLAY=$display HOME="$tmp/xf-home" xfreerdp3 /v:127.0.0.1:$port /u:tester \\
  /p:secret /cert:ignore +auth-only >/dev/null 2>&1
EOS
  echo "phases under strace (slower than the runs above; ms from the client's exec):"
  for i in $(seq "$phases"); do
    for c in atrium xfreerdp; do
      bash "$tmp/$c-run.sh" strace -f -tt -T -o "$tmp/$c.strace" -e trace="$trace" || true
      python3 "$split" strace "$tmp/$c.strace" | sed "s|^$tmp/$c.strace|  $c run $i|"
    done
  done
  echo "CPU per phase (perf record -F 2000 -g, $phases runs each, ms per run, by thread):"
  for c in atrium xfreerdp; do
    perf record -q -F 2000 -g -o "$tmp/$c.perf" -- bash -c \
      "for i in \$(seq $phases); do bash $tmp/$c-run.sh || true; done" 2>/dev/null
    perf script -i "$tmp/$c.perf" -F comm,tid,ip,sym,dso 2>/dev/null > "$tmp/$c.txt"
    python3 "$split" perf "$tmp/$c.txt" 2000 "$phases"
  done
fi

awk -v a="$a_med" -v x="$x_med" -v l="$l_med" 'BEGIN {
  printf "ratio localhost/xfreerdp3: %.2f (information)\n", l / x
  r = a / x
  printf "ratio atrium/xfreerdp3: %.2f (goal <= 0.50): %s\n", r, (r <= 0.50 ? "PASS" : "MISS")
  exit (r <= 0.50 ? 0 : 1)
}'
