#!/usr/bin/env python3
"""Picks tests of a configured meson build dir for a partial run (the sanitizer build).
  test-select.py BUILDDIR names  SELECTOR…   prints the matching test names
  test-select.py BUILDDIR ninja  SELECTOR…   prints the ninja targets those tests need
A selector is `suite:NAME` (every test of that suite) or a test name; `!NAME` excludes."""
import json
import os
import subprocess
import sys


def introspect(builddir, what):
    out = subprocess.run(["meson", "introspect", what, builddir], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main(builddir, mode, selectors):
    tests = introspect(builddir, "--tests")
    wanted_suites = {s[6:] for s in selectors if s.startswith("suite:")}
    wanted_names = {s for s in selectors if not s.startswith(("suite:", "!"))}
    excluded = {s[1:] for s in selectors if s.startswith("!")}
    chosen = [t for t in tests
              if t["name"] not in excluded and
              (t["name"] in wanted_names or
               any(s.split(":", 1)[-1] in wanted_suites for s in t["suite"]))]
    if mode == "names":
        print("\n".join(t["name"] for t in chosen))
        return 0
    ids = {d for t in chosen for d in t["depends"]}
    files = []
    for target in introspect(builddir, "--targets"):
        if target["id"] in ids:
            files += [os.path.relpath(f, os.path.abspath(builddir)) for f in target["filename"]]
    print("\n".join(sorted(set(files))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
