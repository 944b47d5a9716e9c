#!/bin/sh
# Installs everything Atrium needs to build, run and test on Debian 12 or Debian 13.
# Idempotent: apt-get skips what is already there. Run as root or with sudo.
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

# To build.
PACKAGES="build-essential g++ meson ninja-build pkg-config python3 \
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev \
  libsoup-3.0-dev libssl-dev libjson-glib-dev libxml2-dev libxml2-utils libsecret-1-dev \
  gettext libglib2.0-bin libx11-dev libxrandr-dev libxdamage-dev libepoxy-dev"

# What the app loads at run time. We install with --no-install-recommends, so nothing here
# arrives by itself: gdk-pixbuf's SVG loader (tenant logos), the GIO TLS backend (all HTTPS),
# the Secret Service and a session bus ("remember me"), GSettings' dconf backend, icons, fonts.
# tests/test-runtime.cpp fails naming the package when one is missing.
PACKAGES="$PACKAGES librsvg2-common glib-networking gnome-keyring dbus-daemon dbus-x11 \
  dconf-gsettings-backend adwaita-icon-theme hicolor-icon-theme shared-mime-info \
  fontconfig fonts-dejavu-core ca-certificates"

# The demo's live desktop, and what the tests drive.
PACKAGES="$PACKAGES googletest libgtest-dev libgmock-dev \
  xvfb xauth xdotool xclip imagemagick x11-apps openssl at-spi2-core \
  desktop-file-utils appstream-util appstream flatpak flatpak-builder \
  libsecret-tools systemd time hyperfine valgrind cage xwayland grim"

# tests/bench/bench-probe.sh's phase split (ATR_BENCH_PHASES, run by hand): strace and perf.
PACKAGES="$PACKAGES strace linux-perf"

# Mesa's EGL and its software rasterizer (llvmpipe), which libegl1 and weston only
# recommend: test-renderer probes GL_RENDERER on Xvfb, and headless weston's GL renderer
# (test-session-damage) needs them.
PACKAGES="$PACKAGES libegl-mesa0 libgl1-mesa-dri"

# The locale sources that test-ui-words compiles de_DE.UTF-8 and fr_FR.UTF-8 from (localedef,
# into the test's own folder): Debian 13's glibc ignores LANGUAGE in the C.UTF-8 locale.
PACKAGES="$PACKAGES locales"

# The CI's fuzzing build (tests/fuzz/, scripts/test.sh, scripts/fuzz.sh): clang with the
# libFuzzer and sanitizer runtimes, and llvm-symbolizer for readable crash stacks: the
# release's default LLVM (14 on Debian 12, 19 on Debian 13), so no version is named.
PACKAGES="$PACKAGES clang libclang-rt-dev llvm"

# Host-name checks (client/core/atr-host-check.c): IDNA2008/UTS #46 and UTS #39 spoof checks.
PACKAGES="$PACKAGES libidn2-dev libidn2-0 libicu-dev"

# FreeRDP 3 (>= 3.10): the engine's library and both test peers (freerdp-shadow-cli3,
# xfreerdp3, winpr-hash3, winpr-makecert3). Debian 13 has it in its main archive; Debian 12
# only in bookworm-backports, which we enable (Debian 12 only) and install from explicitly.
# Weston 14 comes the same way: test-session-damage runs the session window on its headless
# backend (GL renderer) to read what reaches a Wayland screen.
FREERDP_PACKAGES="freerdp3-dev libwinpr3-dev freerdp3-x11 freerdp3-shadow-x11 winpr3-utils weston"
FREERDP_TARGET=""
codename=""
if [ -r /etc/os-release ]; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
fi
if [ "$codename" = "bookworm" ]; then
  FREERDP_TARGET="bookworm-backports"
fi
# Weston 14, whose RDP backend (built on FreeRDP 3) is the second test server
# (tests/atr-weston-fixture.h): Debian 13 has it in its main archive; Debian 12's own Weston
# is 10 (on FreeRDP 2), so there it comes from bookworm-backports with FreeRDP 3. wl-clipboard
# (wl-copy, wl-paste run inside that Weston) is in both releases' main archives.
FREERDP_PACKAGES="$FREERDP_PACKAGES weston"
PACKAGES="$PACKAGES wl-clipboard"
PACKAGES="$PACKAGES $FREERDP_PACKAGES"

# The Debian mirror this machine already uses (deb822 .sources or one-line .list files),
# so backports come from the same place as everything else.
debian_mirror() {
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    m=$(sed -n -e 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)\/\{0,1\}[[:space:]]*$/\1/p' \
               -e 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\/debian\)\/\{0,1\}[[:space:]]\{1,\}bookworm[[:space:]].*/\2/p' "$f" | head -n 1)
    if [ -n "$m" ]; then
      echo "$m"
      return
    fi
  done
  echo "http://deb.debian.org/debian"
}

BACKPORTS_LIST=/etc/apt/sources.list.d/atrium-backports.list
if [ "$FREERDP_TARGET" = "bookworm-backports" ]; then
  line="deb $(debian_mirror) bookworm-backports main"
  if [ ! -f "$BACKPORTS_LIST" ] || [ "$(cat "$BACKPORTS_LIST")" != "$line" ]; then
    echo "install-deps: enabling bookworm-backports ($line)"
    echo "$line" | $SUDO tee "$BACKPORTS_LIST" >/dev/null
  fi
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
frdp=""
rest=""
for p in $missing; do
  case " $FREERDP_PACKAGES " in
    *" $p "*) frdp="$frdp $p" ;;
    *) rest="$rest $p" ;;
  esac
done
if [ -n "$rest" ]; then
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends $rest
fi
if [ -n "$frdp" ]; then
  if [ -n "$FREERDP_TARGET" ]; then
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends -t "$FREERDP_TARGET" $frdp
  else
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $frdp
  fi
fi
