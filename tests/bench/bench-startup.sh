#!/bin/sh
# Atrium's start-up and memory against GNOME Connections 43 and Remmina 1.4 (issue #4), all
# measured in the same run on one private Xvfb (1280x800x24), runs interleaved.
#
# Usage: tests/bench/bench-startup.sh [BUILD_DIR] [RUNS]
#   BUILD_DIR defaults to _build (needs client/atrium, client/atrium-cli, client/gschemas.compiled,
#   tests/servers/atrium-test-broker, tests/certs/); RUNS defaults to 5 (plus one warm-up round
#   that is not counted). Installs gnome-connections and remmina with apt-get when missing
#   (bench-only: they are not in scripts/install-deps.sh).
#
# Atrium starts offline with a cached 1,000-resource tenant: make-feed.py writes the feed,
# atrium-test-broker serves it once on loopback, `atrium-cli list` fetches it into the cache,
# the broker stops. The CLI keys its cache by "domain:port" (big.atrium.test_PORT) while the app
# keys an enrolled tenant by its domain, so the cached folder is copied to big.atrium.test
# (same files, net/atr-tenant-cache.c's layout); the enrolment is a GSettings keyfile.
#
# Measured per start (tests/bench/startup-launch.py):
#   mapped  launch -> first top-level window mapped (X MapNotify, an X event, no polling) —
#           the metric comparable across the three programs
#   grid    Atrium only: launch -> "atr-ui: resources grid shown=" on stderr (ATR_DEBUG_UI=1),
#           i.e. the cached grid is in the window; the frame that shows it follows within one
#           frame clock tick
#   RSS/PSS 3 s after the later of the two, of the program's own process
# Every start gets its own D-Bus session (dbus-run-session) and a copy of a warm HOME (each
# program ran once before, so none pays its first-run set-up). Renderers: Atrium's default
# (client/main.c sets GSK_RENDERER=cairo unless the variable is set) and GSK_RENDERER=gl (GL on
# Mesa llvmpipe here, for information), and cairo with GDK_DEBUG=gl-disable (for information:
# with the cairo renderer GDK 4.8 still initialises GL at start-up — EGL/GLX, Mesa, libLLVM —
# which this skips); the peers are GTK 3 and draw with cairo.
# Goals: Atrium's grid earlier than both peers' mapped window, and less RSS than both.
# Prints medians (raw values in brackets), the commands, PASS/MISS per goal; exits 1 on a MISS.
# Contacts only loopback; kills only what it started.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-_build}" && pwd)
runs=${2:-5}
atrium="$build/client/atrium"
cli="$build/client/atrium-cli"
broker_exe="$build/tests/servers/atrium-test-broker"
certs="$build/tests/certs"
launch="$here/startup-launch.py"

for f in "$atrium" "$cli" "$broker_exe" "$certs/ca.pem" "$build/client/gschemas.compiled"; do
  if [ ! -e "$f" ]; then
    echo "bench-startup: $f not found; build first (ninja -C $build)" >&2
    exit 2
  fi
done
if ! command -v gnome-connections >/dev/null 2>&1 || ! command -v remmina >/dev/null 2>&1; then
  echo "bench-startup: installing the peers (gnome-connections remmina remmina-plugin-rdp)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    gnome-connections remmina remmina-plugin-rdp >/dev/null
fi
for tool in Xvfb dbus-run-session python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-startup: $tool is missing; run scripts/install-deps.sh" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
broker_pid=""
xvfb_pid=""
cleanup () {
  for pid in $broker_pid $xvfb_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# --- the tenant: 1,000 resources, fetched once into Atrium's cache ---
feed_dir="$tmp/root/big.atrium.test/RDWeb/Feed"
mkdir -p "$feed_dir"
python3 "$here/make-feed.py" 1000 "$feed_dir/webfeed.aspx"
"$broker_exe" --root "$tmp/root" --cert "$certs/good.crt" --key "$certs/good.key" \
  --listen 127.0.0.1:0 --port-file "$tmp/port" >"$tmp/broker.log" 2>&1 &
broker_pid=$!
i=0
while [ ! -s "$tmp/port" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "bench-startup: the broker did not start" >&2
    cat "$tmp/broker.log" >&2
    exit 1
  fi
  sleep 0.05
done
port=$(cat "$tmp/port")
feed_url="https://big.atrium.test:$port/RDWeb/Feed/webfeed.aspx"
state="$tmp/atrium-home"
mkdir -p "$state/.config/glib-2.0/settings" "$state/.cache"
HOME="$state" XDG_CONFIG_HOME="$state/.config" XDG_CACHE_HOME="$state/.cache" \
  "$cli" list "$feed_url" --trust "$certs/ca.pem" \
  --resolve "big.atrium.test:$port:127.0.0.1" >"$tmp/list.txt"
kill "$broker_pid"
wait "$broker_pid" 2>/dev/null || true
broker_pid=""
tenants="$state/.cache/atrium/tenants"
if [ ! -s "$tenants/big.atrium.test_$port/feed.xml" ]; then
  echo "bench-startup: atrium-cli list did not fill the cache ($tenants)" >&2
  exit 1
fi
cp -R "$tenants/big.atrium.test_$port" "$tenants/big.atrium.test"
printf "[org/atrium/Atrium]\ntenants=[('big.atrium.test', '%s')]\ndefault-tenant='big.atrium.test'\n" \
  "$feed_url" >"$state/.config/glib-2.0/settings/keyfile"
listed=$(grep -c '^  ' "$tmp/list.txt" || true)

# --- the display ---
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
i=0
while [ ! -s "$tmp/display" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "bench-startup: Xvfb did not start" >&2
    exit 1
  fi
  sleep 0.05
done
display=":$(cat "$tmp/display")"

atrium_cmd="$atrium --trust $certs/ca.pem --resolve big.atrium.test:$port:127.0.0.1"

# start NAME RENDERER HOME -- CMD...: one start with HOME as given; prints the JSON line
start () {
  name=$1 renderer=$2 home=$3
  shift 4
  ready=""
  [ "${name#atrium}" = "$name" ] || ready="resources grid shown="
  env -u GSK_RENDERER ${renderer:+GSK_RENDERER=$renderer} DISPLAY="$display" HOME="$home" \
    XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
    XDG_DATA_HOME="$home/.local/share" GSETTINGS_BACKEND=keyfile ATR_DEBUG_UI=1 \
    dbus-run-session -- python3 "$launch" ${ready:+--ready "$ready"} -- "$@" 2>"$tmp/err" || {
    echo "bench-startup: $name failed:" >&2
    tail -5 "$tmp/err" >&2
    return 1
  }
}

# one NAME RENDERER HOME_TEMPLATE -- CMD...: a measured start on a copy of HOME_TEMPLATE
one () {
  one_name=$1 one_renderer=$2 one_template=$3
  shift 3
  rm -rf "$tmp/run-home"
  cp -R "$one_template" "$tmp/run-home"
  out=$(start "$one_name" "$one_renderer" "$tmp/run-home" "$@") || exit 1
  # D-Bus-activated helpers (gnome-keyring, at-spi) share stdout: keep the launcher's line
  out=$(printf '%s\n' "$out" | grep '^{"map_ms"' | tail -n 1)
  if [ -z "$out" ]; then
    echo "bench-startup: $one_name: no measurement" >&2
    exit 1
  fi
  echo "{\"name\": \"$one_name\", \"round\": $round, \"r\": $out}" >>"$tmp/results"
  rm -rf "$tmp/run-home"
}

# Warm HOMEs: every program starts once in its own HOME before anything is measured, so the
# measured starts are second starts (configuration written, caches in place).
for peer in connections remmina; do
  mkdir -p "$tmp/home-$peer/.config" "$tmp/home-$peer/.cache" "$tmp/home-$peer/.local/share"
done
start atrium "" "$state" -- $atrium_cmd >/dev/null || exit 1
start connections "" "$tmp/home-connections" -- gnome-connections >/dev/null || exit 1
start remmina "" "$tmp/home-remmina" -- remmina >/dev/null || exit 1
: >"$tmp/results"

# GTK's GL renderer is "gl" up to 4.16; 4.18 removed the old one and warns on "gl"
gl_name=gl
pkg-config --atleast-version=4.17 gtk4 2>/dev/null && gl_name=ngl
round=0
while [ "$round" -le "$runs" ]; do      # round 0 warms the page cache, not counted
  one atrium "" "$state" -- $atrium_cmd
  one atrium-gl "$gl_name" "$state" -- $atrium_cmd
  one atrium-nogl "" "$state" -- env GDK_DEBUG=gl-disable $atrium_cmd
  one connections "" "$tmp/home-connections" -- gnome-connections
  one remmina "" "$tmp/home-remmina" -- remmina
  round=$((round + 1))
done

echo "bench-startup: $runs runs (+1 warm-up) on Xvfb $display 1280x800x24, $(nproc) CPUs," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tenant: $listed resources listed by atrium-cli, cached, broker stopped (offline start)"
echo "atrium:      $atrium_cmd  (renderer: cairo = Atrium's default, client/main.c)"
echo "atrium-gl:   GSK_RENDERER=$gl_name $atrium_cmd  (GL on Mesa llvmpipe)"
echo "atrium-nogl: GDK_DEBUG=gl-disable $atrium_cmd  (cairo, and GDK never initialises GL)"
echo "connections: gnome-connections $(dpkg-query -W -f='${Version}' gnome-connections 2>/dev/null)"
echo "remmina:     remmina $(dpkg-query -W -f='${Version}' remmina 2>/dev/null)"
python3 - "$tmp/results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
res = {}
for r in rows:
    if r["round"] >= 1:
        res.setdefault(r["name"], []).append(r["r"])
def med(name, key):
    vals = [v[key] for v in res[name] if v[key] is not None]
    return statistics.median(vals), vals
print(f"{'program':12s} {'mapped ms':>10s} {'grid ms':>9s} {'RSS MiB':>8s} {'PSS MiB':>8s}   raw mapped / grid")
m = {}
for name in ("atrium", "atrium-gl", "atrium-nogl", "connections", "remmina"):
    mp, mraw = med(name, "map_ms")
    rss, _ = med(name, "rss_kib")
    pss, _ = med(name, "pss_kib")
    gr, graw = (med(name, "ready_ms") if name.startswith("atrium") else (None, []))
    m[name] = (mp, gr, rss / 1024, pss / 1024)
    g = f"{gr:9.0f}" if gr is not None else f"{'-':>9s}"
    raw = " ".join(f"{v:.0f}" for v in mraw) + (" / " + " ".join(f"{v:.0f}" for v in graw) if graw else "")
    print(f"{name:12s} {mp:10.0f} {g} {rss/1024:8.1f} {pss/1024:8.1f}   [{raw}]")
ok = True
a_map, a_grid, a_rss, _ = m["atrium"]
for peer in ("connections", "remmina"):
    p_map, _, p_rss, _ = m[peer]
    for label, mine, theirs, unit in (("grid vs mapped", a_grid, p_map, "ms"),
                                      ("mapped", a_map, p_map, "ms"),
                                      ("RSS", a_rss, p_rss, "MiB")):
        good = mine < theirs
        if label != "mapped":
            ok = ok and good
        print(f"{'PASS' if good else 'MISS'} {label}: atrium {mine:.1f} {unit} vs {peer} "
              f"{theirs:.1f} {unit} ({mine / theirs:.2f}x){'' if label != 'mapped' else ' (information)'}")
sys.exit(0 if ok else 1)
PY
