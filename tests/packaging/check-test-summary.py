#!/usr/bin/env python3
"""Checks scripts/test-summary.py against real meson logs: a throwaway meson project with
GoogleTest programs that pass, fail and time out (gtest protocol and plain exit code) is
built and tested with this machine's meson, and the summary must count each case once,
call a timed-out program a failure (meson 1.0's JUnit log shows it as passing) and exit 1;
with only the passing programs it must exit 0."""
import argparse
import os
import subprocess
import sys
import tempfile

MESON_BUILD = """project('summary-check', 'cpp')
gtest = dependency('gtest', main: true)
e = executable('t', 't.cpp', dependencies: gtest)
only_good = get_option('only_good')
test('t-ok', e, protocol: 'gtest', timeout: 3)
test('u-ok', e, timeout: 3)
if not only_good
  test('t-fail', e, protocol: 'gtest', timeout: 3, env: ['FAILIT=1'])
  test('t-sleep', e, protocol: 'gtest', timeout: 3, env: ['SLEEP=1'])
  test('u-fail', e, timeout: 3, env: ['FAILIT=1'])
  test('u-sleep', e, timeout: 3, env: ['SLEEP=1'])
endif
"""
OPTIONS = "option('only_good', type: 'boolean', value: false)\n"
SOURCE = """#include <gtest/gtest.h>
#include <cstdlib>
#include <unistd.h>
TEST(A, Fast) {}
TEST(A, Slow) { if (getenv("SLEEP")) sleep(30); if (getenv("FAILIT")) FAIL() << "asked to"; }
"""


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def summary(summary_py, build):
    r = run([sys.executable, summary_py, os.path.join(build, "meson-logs", "testlog.junit.xml")])
    return r.returncode, r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--meson", required=True)
    ap.add_argument("--summary", required=True)
    args = ap.parse_args()
    problems = []
    with tempfile.TemporaryDirectory(prefix="atr-summary-") as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        for name, text in (("meson.build", MESON_BUILD), ("meson_options.txt", OPTIONS),
                           ("t.cpp", SOURCE)):
            with open(os.path.join(src, name), "w", encoding="utf-8") as f:
                f.write(text)
        for only_good, want_rc, want_line, want_failures in (
            (False, 1, "4 passed, 4 failed, 0 skipped",
             # a timed-out program: meson 1.0's JUnit log shows it passing, so the summary
             # names meson's JSON verdict; newer meson (1.7, Debian 13) marks it failed in
             # JUnit too, and the summary names it like any failure
             [("t-sleep (TIMEOUT)", ".t-sleep"), ("u-sleep (TIMEOUT)", ".u-sleep"),
              (".t-fail.A.Slow",), (".u-fail",)]),
            (True, 0, "3 passed, 0 failed, 0 skipped", []),
        ):
            build = os.path.join(tmp, f"b-{only_good}")
            r = run([args.meson, "setup", build, src, f"-Donly_good={str(only_good).lower()}"])
            if r.returncode != 0:
                print(r.stdout + r.stderr)
                return 1
            r = run([args.meson, "compile", "-C", build])
            if r.returncode != 0:
                print(r.stdout + r.stderr)
                return 1
            run([args.meson, "test", "-C", build, "--num-processes", "4"])
            rc, out = summary(args.summary, build)
            lines = out.strip().splitlines()
            if rc != want_rc:
                problems.append(f"only_good={only_good}: exit {rc}, want {want_rc}\n{out}")
            if not lines or lines[-1] != want_line:
                problems.append(f"only_good={only_good}: last line {lines[-1:]}, want {want_line!r}")
            failed = [l for l in lines if l.startswith("FAILED: ")]
            for want in want_failures:
                if not any(l.endswith(w) for l in failed for w in want):
                    problems.append(f"only_good={only_good}: no FAILED line ending {want!r}\n{out}")
            if len(failed) != len(want_failures):
                problems.append(f"only_good={only_good}: {len(failed)} FAILED lines, "
                                f"want {len(want_failures)}\n{out}")
    for p in problems:
        print(p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
