#!/usr/bin/env python3
"""Checks that po/POTFILES.in lists every source file with translatable strings, and that
every listed file exists. Usage: check-potfiles.py SOURCE_ROOT"""
import os
import re
import sys

CODE = re.compile(r"(?<![\w])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*\"")
UI = re.compile(r'translatable="yes"')
ALWAYS = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")
SKIP_DIRS = {".git", "po", "tests", "flatpak"}


def needs_translation(path):
    if path.endswith(ALWAYS):
        return True
    if path.endswith((".c", ".h")):
        with open(path, encoding="utf-8", errors="replace") as f:
            return CODE.search(f.read()) is not None
    if path.endswith(".ui"):
        with open(path, encoding="utf-8", errors="replace") as f:
            return UI.search(f.read()) is not None
    return False


def main():
    root = os.path.abspath(sys.argv[1])
    listed = set()
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                listed.add(line)

    found = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames
                       if d not in SKIP_DIRS and not d.startswith(("_build", "build"))]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if needs_translation(os.path.join(dirpath, name)):
                found.add(rel)

    missing = sorted(found - listed)
    stale = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
    for path in missing:
        print(f"po/POTFILES.in: missing {path} (it has translatable strings)")
    for path in stale:
        print(f"po/POTFILES.in: lists {path}, which does not exist")
    if missing or stale:
        return 1
    print(f"po/POTFILES.in lists all {len(found)} files with translatable strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
