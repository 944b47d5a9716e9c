#!/bin/sh
# Installs what is needed, builds Atrium with warnings as errors, and runs every test
# (unit, loopback network, and later RDP and UI suites under Xvfb).
# Ends with the line "N passed, N failed, N skipped" and exits non-zero on any failure.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

"$top/scripts/install-deps.sh"

builddir="${ATR_BUILDDIR:-$top/_build-test}"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --werror -Dprofile=development
else
  meson setup --reconfigure "$builddir" --werror -Dprofile=development >/dev/null
fi
ninja -C "$builddir"

rc=0
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || rc=$?

python3 "$top/scripts/test-summary.py" "$builddir/meson-logs/testlog.junit.xml" || rc=1
exit $rc
