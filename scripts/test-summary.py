#!/usr/bin/env python3
"""Counts the real test cases in meson's JUnit log (one <testcase> per GoogleTest case,
one per plain test program) and prints "N passed, N failed, N skipped".
Exits 1 when anything failed or when no test ran at all."""
import sys
import xml.etree.ElementTree as ET

def main(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"test-summary: cannot read {path}: {e}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    passed = failed = skipped = 0
    failures = []
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        if not cases:
            # A program that died before writing its cases still counts as a failure.
            if int(suite.get("failures", 0)) or int(suite.get("errors", 0)):
                failed += 1
                failures.append(suite.get("name"))
            continue
        for case in cases:
            name = f"{suite.get('name')}.{case.get('name')}"
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                failures.append(name)
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
    for name in failures:
        print(f"FAILED: {name}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
