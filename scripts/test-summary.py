#!/usr/bin/env python3
"""Counts the real test cases in meson's JUnit logs (one <testcase> per GoogleTest case,
one per plain test program) and prints "N passed, N failed, N skipped", summed over every
log given (scripts/test.sh passes the normal, the ASan+UBSan and the fuzzing build's).
A log that is missing or unreadable (its build failed) counts as one failure.
Meson's JUnit log does not mark a test that timed out or was killed (meson 1.0 writes it
as a plain, passing <testcase>), so meson's own verdicts are read from the JSON log beside
it (X.junit.xml -> X.json): a program meson did not call OK, SKIP or EXPECTEDFAIL counts as
a failure even where its JUnit cases look fine.
Exits 1 when anything failed or when no test ran at all."""
import json
import os
import sys
import xml.etree.ElementTree as ET


GOOD_RESULTS = {"OK", "SKIP", "EXPECTEDFAIL"}


def meson_verdicts(path):
    """Returns {test name: result} from the JSON log beside a JUnit log, or None."""
    if not path.endswith(".junit.xml"):
        return None
    json_path = path[: -len(".junit.xml")] + ".json"
    verdicts = {}
    try:
        with open(json_path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    entry = json.loads(line)
                    verdicts[entry["name"]] = entry["result"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"test-summary: cannot read {json_path}: {e}", file=sys.stderr)
        return None
    return verdicts


def count(path, label):
    """Returns (passed, failed, skipped, failure names) for one JUnit log."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"test-summary: cannot read {path}: {e}", file=sys.stderr)
        return 0, 1, 0, [f"{label}no test log ({path})"]
    passed = failed = skipped = 0
    failures = []
    verdicts = meson_verdicts(path) or {}
    bad = {name: result for name, result in verdicts.items() if result not in GOOD_RESULTS}
    recorded = set()   # bad programs whose failure JUnit does show
    for suite in root.iter("testsuite"):
        suite_name = suite.get("name", "")
        for name in bad:
            # GoogleTest programs appear as "PROJECT.NAME.SUITE" suites, plain programs as a
            # case NAME in the project's suite.
            in_suite = f".{name}." in suite_name and int(suite.get("failures", 0) or 0)
            as_case = any(c.get("name") == name and c.get("classname") == suite_name
                          and (c.find("failure") is not None or c.find("error") is not None)
                          for c in suite.findall("testcase"))
            if in_suite or as_case:
                recorded.add(name)
    unrecorded = {name: result for name, result in bad.items() if name not in recorded}
    for name, result in sorted(unrecorded.items()):
        # Meson judged the program failed (timed out, killed, crashed after its cases) but
        # JUnit shows no failure for it: one failure for the program.
        failed += 1
        failures.append(f"{label}{name} ({result})")
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
            if case.get("name") in unrecorded and case.get("classname") == suite.get("name"):
                continue    # meson's record of a program judged failed: counted above
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
