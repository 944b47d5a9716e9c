#!/bin/sh
# bench-session.sh — the session window vs xfreerdp3, side by side against one shadow server
#
# Usage: tests/bench/bench-session.sh [BUILDDIR] [RUNS] [SECONDS]
#
# Starts a shadowed Xvfb (1024x768, solid #336699) with freerdp-shadow-cli3 (TLS, the build's
# good test certificate, no NLA) on a free loopback port, and a second Xvfb (1280x1024) for
# the clients, where each client window sits alone. Then, against that same server:
#  1. time to first frame, RUNS times alternating (default 5): from spawn until the shadowed
#     colour shows at a client-screen pixel both windows cover (atr-x11-wait-colour polls
#     the client screen every 2 ms);
#  2. client CPU seconds (utime + stime of the client process, from /proc) over SECONDS
#     (default 30) while atr-x11-anim repaints a 640x400 region at 30 fps on the shadowed
#     screen, and the client's RSS at the end; one client at a time.
# atrium-session-demo runs as the app does: GSK_RENDERER=cairo with GL disabled (GL on this
# machine is Mesa llvmpipe:
# software; TOOLCHAIN.md) at 1:1, in a 1280x1024 window; xfreerdp3 with /size:1024x768. Both
# draw the same 1024x768 desktop 1:1. xfreerdp3 skips certificate checks (/cert:ignore); the
# demo checks against the test CA. Goals: CPU <= 0.5x xfreerdp3, first frame <= 0.8x.
# Kills only the processes it started. Run by hand, never from CI: timings are not tests.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${1:-$top/_build-test}
runs=${2:-5}
seconds=${3:-30}
demo="$builddir/tests/atrium-session-demo"
anim="$builddir/tests/bench/atr-x11-anim"
wait_colour="$builddir/tests/bench/atr-x11-wait-colour"
certs="$builddir/tests/certs"
colour=336699

for tool in Xvfb xlogo freerdp-shadow-cli3 xfreerdp3 python3; do
  command -v "$tool" >/dev/null || { echo "bench-session: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done
for f in "$demo" "$anim" "$wait_colour"; do
  [ -x "$f" ] || { echo "bench-session: build first: $f" >&2; exit 2; }
done
[ -f "$certs/good.crt" ] || { echo "bench-session: no test certificates in $certs" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/atr-bench-session.XXXXXX")
pids=""
cleanup() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
  [ -n "${ATR_BENCH_KEEP:-}" ] && echo "bench-session: kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

start_xvfb() {   # $1 geometry, $2 file for the display number; sets $xvfb_display
  Xvfb -displayfd 5 -screen 0 "$1" -nolisten tcp -noreset 5>"$2" >/dev/null 2>&1 &
  pids="$pids $!"
  i=0
  while [ ! -s "$2" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
  [ -s "$2" ] || { echo "bench-session: Xvfb did not start" >&2; exit 1; }
  xvfb_display=":$(head -n1 "$2")"
}

start_xvfb 1024x768x24 "$tmp/sdpy"
shadow_display=$xvfb_display
start_xvfb 1280x1024x24 "$tmp/cdpy"
client_display=$xvfb_display
DISPLAY=$shadow_display xlogo -geometry 1024x768+0+0 -bg "#$colour" -fg "#$colour" 2>/dev/null &
pids="$pids $!"

mkdir -p "$tmp/xdg/freerdp/shadow" "$tmp/server-home" "$tmp/xf-home" "$tmp/demo-home"
cp "$certs/good.crt" "$tmp/xdg/freerdp/shadow/shadow.crt"
cp "$certs/good.key" "$tmp/xdg/freerdp/shadow/shadow.key"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DISPLAY=$shadow_display XDG_CONFIG_HOME="$tmp/xdg" HOME="$tmp/server-home" \
  freerdp-shadow-cli3 /bind-address:127.0.0.1 /port:"$port" -auth >"$tmp/shadow.log" 2>&1 &
pids="$pids $!"
hexport=$(printf '%04X' "$port")
i=0
until grep -q "0100007F:$hexport 00000000:0000 0A" /proc/net/tcp; do
  sleep 0.02; i=$((i + 1))
  [ $i -lt 500 ] || { echo "bench-session: shadow server did not listen" >&2; exit 1; }
done


# A pixel both windows show the desktop at: xfreerdp3's window is at 0,0 (no window manager),
# the demo's picture is centred in 1280x1024 below its header bar; the animation (shadowed
# 100..740 x 100..500) covers neither.
px=1000 py=700

first_frame() {   # $1 = demo | xfreerdp (the xfreerdp3 wrapper)
  DISPLAY=$client_display "$wait_colour" $colour $px $py 30000 -- "${1}_cmd_exec" 2>/dev/null
}
# wrappers that exec the command (so wait-colour's child is the client itself)
cat > "$tmp/demo_cmd_exec" <<EOS
#!/bin/sh
exec env GSK_RENDERER=cairo GDK_DEBUG=gl-disable GDK_BACKEND=x11 GTK_A11Y=none HOME="$tmp/demo-home" \
  XDG_CACHE_HOME="$tmp/demo-home/.cache" XDG_CONFIG_HOME="$tmp/demo-home/.config" \
  "$demo" "localhost:$port" --address 127.0.0.1 \
  --trust "$certs/trusted-with-intermediate.pem" --window-size 1280x1024 --one-to-one \
  >>"$tmp/demo.log" 2>&1
EOS
cat > "$tmp/xfreerdp_cmd_exec" <<EOS
#!/bin/sh
exec env HOME="$tmp/xf-home" xfreerdp3 /v:127.0.0.1:$port /u:bench /p:bench /cert:ignore \
  /size:1024x768 >>"$tmp/xfreerdp.log" 2>&1
EOS
chmod +x "$tmp/demo_cmd_exec" "$tmp/xfreerdp_cmd_exec"
PATH="$tmp:$PATH"

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- 1. first frame ----------------------------------------------------------------------
first_frame demo >/dev/null || true       # warm-up (page cache)
first_frame xfreerdp >/dev/null || true
d_all="" x_all=""
n=0
while [ $n -lt "$runs" ]; do
  d=$(first_frame demo) || { echo "bench-session: the demo showed no frame" >&2; tail -5 "$tmp/demo.log" >&2; exit 1; }
  x=$(first_frame xfreerdp) || { echo "bench-session: xfreerdp3 showed no frame" >&2; tail -5 "$tmp/xfreerdp.log" >&2; exit 1; }
  d_all="$d_all $d"; x_all="$x_all $x"
  n=$((n + 1))
done
d_ff=$(echo "$d_all" | median)
x_ff=$(echo "$x_all" | median)

# --- 2. CPU and RSS over an animation ------------------------------------------------------
DISPLAY=$shadow_display "$anim" 640x400+100+100 30 &
anim_pid=$!
pids="$pids $anim_pid"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

measure() {   # $1 = demo | xfreerdp (the xfreerdp3 wrapper); prints "cpu_seconds rss_mib"
  DISPLAY=$client_display "$tmp/${1}_cmd_exec" &
  pid=$!
  pids="$pids $pid"
  # connected and painting: the shadowed colour is on screen
  DISPLAY=$client_display "$wait_colour" $colour $px $py 30000 >/dev/null ||
    { echo "bench-session: $1 showed no frame" >&2; exit 1; }
  sleep 2
  t0=$(cpu_ticks "$pid")
  sleep "$seconds"
  t1=$(cpu_ticks "$pid")
  rss=$(rss_mib "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v r="$rss" 'BEGIN {printf "%.2f %s\n", t / hz, r}'
}

d_m=$(measure demo)
x_m=$(measure xfreerdp)
kill "$anim_pid"; wait "$anim_pid" 2>/dev/null || true

renderer=$(grep -m1 '^renderer ' "$tmp/demo.log" | cut -d' ' -f2)
echo "server: freerdp-shadow-cli3 TLS on 127.0.0.1:$port ($shadow_display, 1024x768); clients on $client_display"
echo "atrium-session-demo renderer: ${renderer:-unknown} (GSK_RENDERER=cairo)"
echo "first frame (ms), spawn -> shadowed colour on the client screen, $runs runs alternating:"
echo "  atrium-session-demo:$d_all  median $d_ff"
echo "  xfreerdp3:          $x_all  median $x_ff"
echo "client CPU over ${seconds}s of a 640x400 animation at 30 fps, and RSS at the end:"
echo "  atrium-session-demo: $(echo "$d_m" | cut -d' ' -f1) s CPU, $(echo "$d_m" | cut -d' ' -f2) MiB"
echo "  xfreerdp3:           $(echo "$x_m" | cut -d' ' -f1) s CPU, $(echo "$x_m" | cut -d' ' -f2) MiB"
stats=$(grep '^stats ' "$tmp/demo.log" | tail -n1)
echo "  demo during its CPU run (whole life, ~$((seconds + 3)) s): ${stats#stats }"
awk -v d="$(echo "$d_m" | cut -d' ' -f1)" -v x="$(echo "$x_m" | cut -d' ' -f1)" \
    -v df="$d_ff" -v xf="$x_ff" 'BEGIN {
  c = (x > 0) ? d / x : 0
  f = (xf > 0) ? df / xf : 0
  printf "ratio CPU demo/xfreerdp: %.2f (goal <= 0.50): %s\n", c, (c <= 0.50 ? "PASS" : "MISS")
  printf "ratio first frame demo/xfreerdp: %.2f (goal <= 0.80): %s\n", f, (f <= 0.80 ? "PASS" : "MISS")
}'
