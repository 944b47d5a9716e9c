#!/usr/bin/env python3
"""Counts the real test cases in meson's JUnit logs (one <testcase> per GoogleTest case,
one per plain test program) and prints "N passed, N failed, N skipped", summed over every
log given (scripts/test.sh passes the normal, the ASan+UBSan and the fuzzing build's).
A log that is missing or unreadable (its build failed) counts as one failure.
Exits 1 when anything failed or when no test ran at all."""
import os
import sys
import xml.etree.ElementTree as ET


def count(path, label):
    """Returns (passed, failed, skipped, failure names) for one JUnit log."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"test-summary: cannot read {path}: {e}", file=sys.stderr)
        return 0, 1, 0, [f"{label}no test log ({path})"]
    passed = failed = skipped = 0
    failures = []
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        if not cases:
            # A program that died before writing its cases still counts as a failure.
            if int(suite.get("failures", 0)) or int(suite.get("errors", 0)):
                failed += 1
                failures.append(f"{label}{suite.get('name')}")
            continue
        for case in cases:
            name = f"{label}{suite.get('name')}.{case.get('name')}"
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                failures.append(name)
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
    return passed, failed, skipped, failures


def main(paths):
    passed = failed = skipped = 0
    failures = []
    for i, path in enumerate(paths):
        # Failures from the second log on are prefixed with their build dir's name.
        label = "" if i == 0 else os.path.basename(os.path.dirname(os.path.dirname(
            os.path.abspath(path)))) + ": "
        p, f, s, names = count(path, label)
        passed += p
        failed += f
        skipped += s
        failures += names
    for name in failures:
        print(f"FAILED: {name}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: test-summary.py JUNIT.xml…", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
