#!/bin/sh
# Installs everything Atrium needs to build, run and test on Debian 12.
# Idempotent: apt-get skips what is already there. Run as root or with sudo.
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

# To build.
PACKAGES="build-essential g++ meson ninja-build pkg-config python3 \
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev freerdp2-dev libwinpr2-dev \
  libsoup-3.0-dev libssl-dev libjson-glib-dev libxml2-dev libxml2-utils libsecret-1-dev \
  gettext libglib2.0-bin libx11-dev libxrandr-dev"

# What the app loads at run time. We install with --no-install-recommends, so nothing here
# arrives by itself: gdk-pixbuf's SVG loader (tenant logos), the GIO TLS backend (all HTTPS),
# the Secret Service and a session bus ("remember me"), GSettings' dconf backend, icons, fonts.
# tests/test-runtime.cpp fails naming the package when one is missing.
PACKAGES="$PACKAGES librsvg2-common glib-networking gnome-keyring dbus-daemon dbus-x11 \
  dconf-gsettings-backend adwaita-icon-theme hicolor-icon-theme shared-mime-info \
  fontconfig fonts-dejavu-core ca-certificates"

# The demo's live desktop, and what the tests drive.
PACKAGES="$PACKAGES freerdp2-x11 freerdp2-shadow-x11 winpr-utils \
  googletest libgtest-dev libgmock-dev \
  xvfb xauth xdotool xclip imagemagick x11-apps openssl at-spi2-core \
  desktop-file-utils appstream-util appstream flatpak flatpak-builder \
  libsecret-tools systemd time hyperfine valgrind cage xwayland grim"

# The CI's fuzzing build (tests/fuzz/, scripts/test.sh, scripts/fuzz.sh): clang with the
# libFuzzer and sanitizer runtimes, and llvm-symbolizer for readable crash stacks.
PACKAGES="$PACKAGES clang-14 libclang-rt-14-dev llvm-14"

# Host-name checks (client/core/atr-host-check.c): IDNA2008/UTS #46 and UTS #39 spoof checks.
PACKAGES="$PACKAGES libidn2-dev libidn2-0 libicu-dev libicu72"

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
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
