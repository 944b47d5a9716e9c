#!/bin/sh
# bench-session.sh — the session window vs xfreerdp3 on the same codec path, one server, one run
#
# Usage: tests/bench/bench-session.sh [BUILDDIR] [SECONDS]
#
# Starts a shadowed Xvfb (1024x768, #336699) with freerdp-shadow-cli3 (TLS, the build's good
# test certificate, no NLA) on a free loopback port, atr-x11-anim repainting a 640x400 region
# (100,100)-(740,500) of it at 30 fps (every pixel changes each frame), and a second Xvfb
# (1280x1024) where each client runs alone, one after the other. Per client and codec path:
#
#  - pictures/s on screen: atr-x11-pictures polls a 440x4 strip inside the animated region of
#    the client's display every 3 ms and counts the polls whose pixels changed (30/s at most);
#  - client CPU (utime + stime from /proc, over exactly the polling window) and CPU per picture;
#  - bytes from the server: bytes_acked of the server's socket (`ss -tinH`) at the start and the
#    end of the window, and the server's own CPU over it;
#  - the client's RSS at the end of the window.
#
# Rows: xfreerdp3 `/gfx:AVC444` and `/gfx:AVC420` (RDPGFX, each H.264 mode asked for
# explicitly; the server offers all its codecs and picks), xfreerdp3 `/bpp:32` (legacy updates:
# planar bitmaps, as atrium --no-gfx gets them). Not `-gfx`: xfreerdp3 3.10 turns the pipeline
# ON for any /gfx switch, `-gfx` included (cmdline.c parse_gfx_options), and with no /gfx,
# /network, /rfx or /bpp it auto-detects and turns it on too; a lone /bpp:32 leaves it off;
# atrium-session-demo as it is, and with --no-gfx when its --help lists that option, each once
# with GSK_RENDERER=cairo (GL disabled) and once with GSK_RENDERER=gl. An atrium row's path and
# codec are the ones its engine logs, not assumed. Both clients draw the same 1024x768 desktop
# 1:1 (xfreerdp3 /size:1024x768 at 0,0; the demo in a 1280x1024 window with --one-to-one, its
# picture where its "view" line says). xfreerdp3 skips certificate checks (/cert:ignore); the
# demo checks against the test CA. The server's libx264 summary (I/P frames and their sizes per
# H.264 session) is printed: it explains the bytes.
#
# Goals, for each atrium row against the xfreerdp3 row on the same path and codec family
# (avc444v2 counts as avc444; legacy against /bpp:32), from issue #12:
# pictures/s >= xfreerdp3's, CPU per picture <= 0.5x xfreerdp3's, RSS <= xfreerdp3's; bytes are
# reported, not judged. Prints a table, then one PASS/MISS line per goal; a path whose atrium
# row could not run is a MISS. Exit 1 on any MISS. Kills only the processes it started.
# Run by hand, never from CI: timings are not tests. ATR_BENCH_KEEP=1 keeps the logs;
# ATR_BENCH_NO_GL=1 skips the GL rows (for a machine where the app would choose cairo).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${1:-$top/_build-test}
seconds=${2:-20}
demo="$builddir/tests/atrium-session-demo"
anim="$builddir/tests/bench/atr-x11-anim"
wait_colour="$builddir/tests/bench/atr-x11-wait-colour"
pictures="$builddir/tests/bench/atr-x11-pictures"
certs="$builddir/tests/certs"
colour=336699

for tool in Xvfb xlogo freerdp-shadow-cli3 xfreerdp3 python3 ss; do
  command -v "$tool" >/dev/null || { echo "bench-session: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done
for f in "$demo" "$anim" "$wait_colour" "$pictures"; do
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
server_pid=$!
pids="$pids $server_pid"
hexport=$(printf '%04X' "$port")
i=0
until grep -q "0100007F:$hexport 00000000:0000 0A" /proc/net/tcp; do
  sleep 0.02; i=$((i + 1))
  [ $i -lt 500 ] || { echo "bench-session: shadow server did not listen" >&2; exit 1; }
done
DISPLAY=$shadow_display "$anim" 640x400+100+100 30 &
pids="$pids $!"

if "$demo" --help 2>&1 | grep -q -- '--no-gfx'; then
  demo_has_gfx=1
else
  demo_has_gfx=0
fi

# A pixel showing the desktop in both clients (the animation covers neither): xfreerdp3's
# window is at 0,0 (no window manager); the demo's picture is centred in 1280x1024 below its
# header bar.
px=1000 py=700

# --- one row ---------------------------------------------------------------------------------
cpu_s() { awk '{printf "%.2f", ($14 + $15) / '"$(getconf CLK_TCK)"'}' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
bytes_acked() {   # the server's established socket(s) on $port: bytes sent and acknowledged
  ss -tinH state established "( sport = :$port )" |
    awk '{for (i = 1; i <= NF; i++) if ($i ~ /^bytes_acked:/) {split($i, a, ":"); s += a[2]}}
         END {printf "%d", s}'
}
wait_no_connection() {
  i=0
  while [ -n "$(ss -tnH state established "( sport = :$port )")" ] && [ $i -lt 250 ]; do
    sleep 0.02; i=$((i + 1))
  done
}

# measure NAME PATH RENDERER COMMAND... — appends one line to $tmp/rows:
# name path renderer pictures seconds client_cpu bytes server_cpu rss late codec
# An atrium row's path and codec are read from the engine's own log (G_MESSAGES_DEBUG lines
# "uses the graphics pipeline" and "first RDPGFX surface command with codec NAME").
measure() {
  name=$1 path=$2 renderer=$3
  shift 3
  log="$tmp/$name.log"
  wait_no_connection
  DISPLAY=$client_display "$@" >"$log" 2>&1 &
  pid=$!
  pids="$pids $pid"
  if ! DISPLAY=$client_display "$wait_colour" $colour $px $py 30000 >/dev/null; then
    echo "bench-session: $name showed no desktop within 30 s; its log ends:" >&2
    tail -5 "$log" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "$name $path $renderer - - - - - - - -" >>"$tmp/rows"
    return 0
  fi
  sleep 2
  # the strip: shadowed x 140..580, y 300..303, inside the animation
  ox=0 oy=0
  view=$(grep '^view ' "$log" | tail -n1 || true)
  if [ -n "$view" ]; then
    ox=$(echo "$view" | cut -d' ' -f2 | cut -d. -f1)
    oy=$(echo "$view" | cut -d' ' -f3 | cut -d. -f1)
  fi
  b0=$(bytes_acked)
  s0=$(cpu_s "$server_pid")
  out=$(DISPLAY=$client_display "$pictures" $((ox + 140)) $((oy + 300)) 440 4 "$seconds" "$pid")
  b1=$(bytes_acked)
  s1=$(cpu_s "$server_pid")
  rss=$(rss_mib "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  codec=-
  case $name in
    xfreerdp3-avc444) codec=avc444 ;;
    xfreerdp3-avc420) codec=avc420 ;;
    xfreerdp3-legacy) codec=bitmap ;;
    atrium-*)
      if grep -q 'uses the graphics pipeline' "$log"; then
        path=gfx
        codec=$(grep -o 'surface command with codec [^ ]*' "$log" | head -n1 | cut -d' ' -f5)
        codec=${codec:-none}
      else
        path=legacy
        codec=bitmap
      fi ;;
  esac
  echo "$out" | awk -v n="$name" -v p="$path" -v r="$renderer" -v b=$((b1 - b0)) -v codec="$codec" \
    -v sc="$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.2f", b - a}')" -v rss="$rss" \
    '{print n, p, r, $2, $4, $10, b, sc, rss, $8, codec}' >>"$tmp/rows"
}

for codec in AVC444 AVC420; do
  cat > "$tmp/xfreerdp-$codec" <<EOS
#!/bin/sh
exec env HOME="$tmp/xf-home" xfreerdp3 /v:127.0.0.1:$port /u:bench /p:bench /cert:ignore \
  /size:1024x768 /gfx:$codec /log-level:INFO
EOS
done
cat > "$tmp/xfreerdp-legacy" <<EOS
#!/bin/sh
exec env HOME="$tmp/xf-home" xfreerdp3 /v:127.0.0.1:$port /u:bench /p:bench /cert:ignore \
  /size:1024x768 /bpp:32 /log-level:INFO
EOS
# GTK's GL renderer is "gl" up to 4.16; 4.18 removed the old one and warns on "gl"
gl_name=gl
pkg-config --atleast-version=4.17 gtk4 2>/dev/null && gl_name=ngl
# $1 = cairo | gl, then the demo's extra options
cat > "$tmp/demo" <<EOS
#!/bin/sh
if [ "\$1" = cairo ]; then
  renderer="GSK_RENDERER=cairo GDK_DEBUG=gl-disable"
else
  renderer="GSK_RENDERER=$gl_name"
fi
shift
exec env \$renderer GDK_BACKEND=x11 GTK_A11Y=none HOME="$tmp/demo-home" \
  XDG_CACHE_HOME="$tmp/demo-home/.cache" XDG_CONFIG_HOME="$tmp/demo-home/.config" \
  G_MESSAGES_DEBUG=atrium-rdp "$demo" "localhost:$port" --address 127.0.0.1 \
  --trust "$certs/trusted-with-intermediate.pem" --window-size 1280x1024 --one-to-one "\$@"
EOS
chmod +x "$tmp/xfreerdp-AVC444" "$tmp/xfreerdp-AVC420" "$tmp/xfreerdp-legacy" "$tmp/demo"

: >"$tmp/rows"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure xfreerdp3-avc444 gfx - "$tmp/xfreerdp-AVC444"
measure xfreerdp3-avc420 gfx - "$tmp/xfreerdp-AVC420"
measure xfreerdp3-legacy legacy - "$tmp/xfreerdp-legacy"
measure atrium-cairo "?" cairo "$tmp/demo" cairo
[ -n "${ATR_BENCH_NO_GL:-}" ] || measure atrium-gl "?" gl "$tmp/demo" gl
if [ $demo_has_gfx = 1 ]; then
  measure atrium-no-gfx-cairo "?" cairo "$tmp/demo" cairo --no-gfx
  [ -n "${ATR_BENCH_NO_GL:-}" ] || measure atrium-no-gfx-gl "?" gl "$tmp/demo" gl --no-gfx
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------
echo "server: freerdp-shadow-cli3 $(freerdp-shadow-cli3 /version 2>/dev/null | awk '/^FreeRDP version/ {print $3}') TLS on 127.0.0.1:$port ($shadow_display 1024x768, 640x400 at 30 fps); clients on $client_display, one at a time, ${seconds} s each"
echo "load average before: $load_before, after: $load_after ($(nproc) CPUs)"
echo "server offers every RDPGFX codec (its defaults); xfreerdp3 asks for one H.264 mode per row (/gfx:AVC444, /gfx:AVC420); an atrium row's codec is the one its engine logged"
if [ $demo_has_gfx = 0 ]; then
  echo "atrium-session-demo has no --no-gfx option: its rows ran as it is, on the path its log names"
fi
for f in "$tmp"/atrium-*.log; do
  [ -f "$f" ] || continue
  r=$(grep -m1 '^renderer ' "$f" | cut -d' ' -f2)
  s=$(grep '^stats ' "$f" | tail -n1)
  echo "$(basename "$f" .log): GTK renderer ${r:-unknown}; ${s:-no stats line}"
done
echo "the server's H.264 encoder (libx264) per H.264 session, in row order:"
grep 'frame [IPB]:' "$tmp/shadow.log" | sed 's/^.*\] /  /' || echo "  (none)"
echo
awk '
BEGIN {
  printf "%-20s %-6s %-9s %-8s %10s %12s %14s %12s %12s %9s %6s\n", "client", "path", "codec", "renderer",
    "pictures/s", "client CPU s", "CPU ms/picture", "KiB/s server", "server CPU s", "RSS MiB", "late"
}
{
  if ($4 == "-") { printf "%-20s %-6s %-9s %-8s  (no desktop on screen: not measured)\n", $1, $2, "-", $3; next }
  fps = $4 / $5; per = ($4 > 0) ? 1000 * $6 / $4 : -1
  printf "%-20s %-6s %-9s %-8s %10.1f %12.2f %14.2f %12.0f %12.2f %9.1f %6d\n", $1, $2, $11, $3, fps, $6,
    per, $7 / 1024 / $5, $8, $9, $10
}' "$tmp/rows"
echo
misses=$(awk -v has_gfx=$demo_has_gfx '
{ name[NR] = $1; path[NR] = $2; pic[NR] = $4; sec[NR] = $5; cpu[NR] = $6; rss[NR] = $9; codec[NR] = $11 }
END {
  m = 0
  for (p = 1; p <= 2; p++) {
    want = (p == 1) ? "gfx" : "legacy"
    ref = 0
    found = 0
    for (i = 1; i <= NR; i++) {
      if (path[i] != want || name[i] !~ /^atrium/) continue
      found = 1
      # the xfreerdp3 row on the same path and the same codec family (avc444v2 ~ avc444)
      ref = 0
      fam = codec[i]; sub(/v2$/, "", fam)
      for (j = 1; j <= NR; j++)
        if (path[j] == want && name[j] ~ /^xfreerdp3/ && (want == "legacy" || codec[j] == fam)) ref = j
      if (ref == 0) {
        printf "MISS %s: no xfreerdp3 row on codec %s to compare with\n", name[i], codec[i]; m++; continue
      }
      if (ref == 0 || pic[ref] == "-" || pic[i] == "-" || pic[ref] == 0) {
        printf "MISS %s: not measured (a client showed no desktop)\n", name[i]; m++; continue
      }
      f = pic[i] / sec[i]; xf = pic[ref] / sec[ref]
      c = (pic[i] > 0) ? cpu[i] / pic[i] : 1e9; xc = cpu[ref] / pic[ref]
      r = (xc > 0) ? c / xc : 1e9
      printf "%s %s vs %s: pictures/s %.1f vs %.1f (goal >=)\n", (f >= xf ? "PASS" : "MISS"), name[i], name[ref], f, xf
      if (f < xf) m++
      printf "%s %s vs %s: CPU per picture %.2f ms vs %.2f ms = %.2fx (goal <= 0.50x)\n",
        (r <= 0.5 ? "PASS" : "MISS"), name[i], name[ref], 1000 * c, 1000 * xc, r
      if (r > 0.5) m++
      printf "%s %s vs %s: RSS %.1f MiB vs %.1f MiB (goal <=)\n", (rss[i] <= rss[ref] ? "PASS" : "MISS"), name[i], name[ref], rss[i], rss[ref]
      if (rss[i] > rss[ref]) m++
    }
    if (!found) {
      printf "MISS atrium %s path: no atrium row ran on it (%s)\n", want,
        (want == "legacy") ? "atrium-session-demo has no --no-gfx and uses RDPGFX" : "the engine did not use RDPGFX"
      m++
    }
  }
  print m > "/dev/stderr"
}' "$tmp/rows" 2>"$tmp/misses")
echo "$misses"
[ "$(cat "$tmp/misses")" = 0 ]
