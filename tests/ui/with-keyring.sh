#!/bin/sh
# Runs "$@" in a private D-Bus session with an unlocked gnome-keyring (Secret Service), in a
# throw-away HOME. Without dbus-run-session or gnome-keyring-daemon the command still runs
# (the libsecret tests then skip).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp" XDG_CONFIG_HOME="$tmp/config"
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
exec dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
  exec "$@"' sh "$@"
