#!/bin/sh
# Installs what is needed, builds Atrium with warnings as errors, and runs every test
# (unit, loopback network, RDP and UI suites under Xvfb). Then, unless test names were given:
# - the non-GTK suites again in an ASan+UBSan build (_build-test-asan), leak checks on where
#   LeakSanitizer works (the single-threaded suites);
# - each libFuzzer harness for ATR_FUZZ_SECONDS (default 10) in a clang build
#   (_build-test-fuzz).
# Ends with the line "N passed, N failed, N skipped" summed over all four JUnit logs and
# exits non-zero on any failure. ATR_SANITIZERS=0 skips the two extra builds.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

"$top/scripts/install-deps.sh"

setup() {
  # setup DIR OPTION… — configure once, reconfigure (keeping the options) afterwards
  dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  else
    meson setup --reconfigure "$dir" "$@" >/dev/null
  fi
}

builddir="${ATR_BUILDDIR:-$top/_build-test}"
setup "$builddir" --werror -Dprofile=development
ninja -C "$builddir"

rc=0
logs="$builddir/meson-logs/testlog.junit.xml"
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || rc=$?

if [ $# -eq 0 ] && [ "${ATR_SANITIZERS:-1}" != 0 ]; then
  # ASan+UBSan: the suites that do not start GTK or a FreeRDP server (those would need
  # suppressions for GTK/Mesa/fontconfig and take most of the time).
  asandir="$top/_build-test-asan"
  # Leak checks on for the single-threaded suites. The loopback-network suites end with GLib,
  # GIO-TLS and resolver threads alive, and gcc 12's LeakSanitizer dies on them ("Tracer
  # caught signal 11", every time, no leak report): they run with ASan+UBSan, leaks off.
  leak_tests="suite:fuzz-replay test-resource test-resource-list test-uri test-kiosk-config
    test-kiosk-policy test-feed-parser test-address test-failover test-trust test-color
    test-tenant-manifest test-theme-parser test-theme-css test-logo-check test-rdp-file
    test-rdp-policy test-rdp-settings test-rdp-error test-rdp-resize test-rdp-pointer
    test-rdp-parts"
  # test-data-dirs checks the build tree's layout (translations included), not memory: the
  # partial build below makes no .mo files, so it runs in _build-test only.
  asan_tests="suite:core suite:trust suite:net suite:themes suite:cli suite:broker
    suite:fuzz-replay test-rdp-file test-rdp-policy test-rdp-settings test-rdp-error
    test-rdp-resize test-rdp-pointer test-rdp-parts !test-data-dirs"
  rm -f "$asandir"/meson-logs/asan-*.junit.xml
  logs="$logs $asandir/meson-logs/asan-leaks.junit.xml $asandir/meson-logs/asan-threads.junit.xml"
  # shellcheck disable=SC2086
  if setup "$asandir" -Dprofile=development -Db_sanitize=address,undefined -Db_lundef=false &&
     ninja -C "$asandir" $(python3 "$top/scripts/test-select.py" "$asandir" ninja $asan_tests); then
    leak_names=$(python3 "$top/scripts/test-select.py" "$asandir" names $leak_tests)
    other_names=$(python3 "$top/scripts/test-select.py" "$asandir" names $asan_tests \
                    $(for n in $leak_names; do echo "!$n"; done))
    for group in leaks threads; do
      if [ $group = leaks ]; then leaks=1; names=$leak_names; else leaks=0; names=$other_names; fi
      ASAN_OPTIONS="detect_leaks=$leaks:halt_on_error=1:abort_on_error=1:strict_string_checks=1" \
      LSAN_OPTIONS="suppressions=$top/tests/sanitizers/lsan.supp:print_suppressions=0" \
      UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
      G_SLICE=always-malloc WLOG_LEVEL=OFF \
        meson test -C "$asandir" --no-rebuild --print-errorlogs --num-processes 2 \
          --timeout-multiplier 3 --logbase "asan-$group" $names || rc=1
    done
  else
    echo "test.sh: the ASan+UBSan build failed" >&2
    rc=1
  fi

  # libFuzzer: a short bounded run of every harness from its seed corpus.
  fuzzdir="$top/_build-test-fuzz"
  rm -f "$fuzzdir/meson-logs/testlog.junit.xml"
  logs="$logs $fuzzdir/meson-logs/testlog.junit.xml"
  if env CC=clang CXX=clang++ sh -c '
       if [ -f "$1/build.ninja" ]; then exec meson setup --reconfigure "$@" >/dev/null; fi
       exec meson setup "$@"' setup "$fuzzdir" -Dprofile=development -Dfuzzing=true \
       -Dtests=false -Db_sanitize=address,undefined -Db_lundef=false &&
     ninja -C "$fuzzdir"; then
    ATR_FUZZ_SECONDS="${ATR_FUZZ_SECONDS:-10}" \
      meson test -C "$fuzzdir" --no-rebuild --print-errorlogs --suite fuzz || rc=1
  else
    echo "test.sh: the fuzzing build failed" >&2
    rc=1
  fi
fi

# shellcheck disable=SC2086
python3 "$top/scripts/test-summary.py" $logs || rc=1
exit $rc
