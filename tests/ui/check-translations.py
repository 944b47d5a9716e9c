#!/usr/bin/env python3
"""Checks that every language in po/LINGUAS translates every current string: extracts the
strings from po/POTFILES.in with xgettext, merges each .po against them (no fuzzy
matching) and fails on any untranslated or fuzzy message, or a msgfmt -c error.
Usage: check-translations.py SOURCE_ROOT"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    root = os.path.abspath(sys.argv[1])
    po = os.path.join(root, "po")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "atrium.pot")
        subprocess.run(["xgettext", "--package-name=atrium", "--from-code=UTF-8",
                        "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                        "--keyword=NC_:1c,2", "--keyword=ngettext:1,2",
                        "-f", os.path.join(po, "POTFILES.in"), "-D", root, "-o", pot],
                       check=True)
        langs = [l.strip() for l in open(os.path.join(po, "LINGUAS"))
                 if l.strip() and not l.startswith("#")]
        for lang in langs:
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching",
                            os.path.join(po, lang + ".po"), pot, "-o", merged], check=True)
            result = subprocess.run(["msgfmt", "-c", "--statistics", "-o", os.devnull, merged],
                                    capture_output=True, text=True)
            stats = result.stderr.strip()
            bad = result.returncode != 0 or re.search(r"untranslated|fuzzy", stats)
            print(f"po/{lang}.po: {stats}")
            failed = failed or bool(bad)
    if not langs:
        print("po/LINGUAS lists no language")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
