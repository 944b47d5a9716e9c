#!/bin/sh
# bench-probe.sh — `atrium-cli probe --frames 0` vs `xfreerdp3 +auth-only`, side by side
#
# Usage: tests/bench/bench-probe.sh [BUILDDIR] [RUNS]
#
# Starts its own Xvfb (depth 24) with a solid screen and one freerdp-shadow-cli3 with NLA (a
# SAM file for tester/secret, the build's good test certificate) on a free loopback port, then
# alternates the two clients RUNS times (default 5) against that same server and prints each
# wall time, the medians and the ratio atrium/xfreerdp (goal: <= 0.70). Both authenticate for
# real with NLA; xfreerdp3 skips certificate checks (/cert:ignore), atrium-cli checks against
# the test CA. The last line says PASS or MISS against the goal. Kills only the processes it
# started. Run by hand, never from CI: timings are not tests.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${1:-$top/_build-test}
runs=${2:-5}
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

run_atrium() {
  t0=$(now_ms)
  echo secret | HOME="$tmp/cli-home" XDG_CACHE_HOME="$tmp/cli-home/.cache" \
    GIO_USE_PROXY_RESOLVER=dummy "$cli" probe "localhost:$port" \
    --resolve "localhost:$port:127.0.0.1" --trust "$certs/trusted-with-intermediate.pem" \
    --user tester --password-stdin --frames 0 >/dev/null 2>"$tmp/atrium.err" ||
    { echo "bench-probe: atrium-cli failed:" >&2; cat "$tmp/atrium.err" >&2; exit 1; }
  echo $(( $(now_ms) - t0 ))
}

run_xfreerdp() {
  t0=$(now_ms)
  # xfreerdp3 takes the password only on its command line; this is the throwaway test account
  DISPLAY=$display HOME="$tmp/xf-home" xfreerdp3 /v:127.0.0.1:"$port" /u:tester /p:secret \
    /cert:ignore +auth-only >"$tmp/xfreerdp.log" 2>&1 ||
    { echo "bench-probe: xfreerdp3 failed:" >&2; tail -5 "$tmp/xfreerdp.log" >&2; exit 1; }
  echo $(( $(now_ms) - t0 ))
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# one warm-up of each (page cache), then alternate
run_atrium >/dev/null
run_xfreerdp >/dev/null
a_all="" x_all=""
n=0
while [ $n -lt "$runs" ]; do
  a=$(run_atrium); x=$(run_xfreerdp)
  a_all="$a_all $a"; x_all="$x_all $x"
  n=$((n + 1))
done

a_med=$(echo "$a_all" | median)
x_med=$(echo "$x_all" | median)
echo "server: freerdp-shadow-cli3 NLA on 127.0.0.1:$port ($display), $runs runs each, alternating"
echo "atrium-cli probe --frames 0 (ms):$a_all  median $a_med"
echo "xfreerdp3 +auth-only (ms):       $x_all  median $x_med"
awk -v a="$a_med" -v x="$x_med" 'BEGIN {
  r = a / x
  printf "ratio atrium/xfreerdp: %.2f (goal <= 0.70): %s\n", r, (r <= 0.70 ? "PASS" : "MISS")
}'
