#!/usr/bin/env python3
"""Checks that what net/ and rdp/ tell a person is translated (#14, item 11): every GError
they create with a literal message marks it with _(), and every message extracted from
those two folders has a German and a French translation (no empty or fuzzy entry).
Error codes and log lines (g_debug, g_warning, the debug trace) are not messages and stay
as they are. Usage: check-layer-words.py SOURCE_ROOT"""
import os
import re
import subprocess
import sys
import tempfile

FOLDERS = ("net", "rdp")
# Errors that only ever go to the debug log: a clipboard or pointer the remote side sent that
# could not be converted is dropped, and no one is told.
LOG_ONLY = {"rdp/atr-rdp-clipboard.c", "rdp/atr-rdp-pointer.c"}
# The calls whose message reaches the UI (atr_ui_error_description, the session page).
CALLS = re.compile(r"\b(g_set_error|g_error_new|g_task_return_new_error|g_prefix_error|"
                   r"_atr_feed_fail|invalid|refuse|fail)\s*\(")
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
WORDS = re.compile(r"[A-Za-z]{2,}")


def first_literal(src, start):
    """The first string literal among the call's own arguments, with the text before it."""
    depth, k = 1, start
    while k < len(src) and depth > 0:
        c = src[k]
        if c == "(":
            if src[start:k].rstrip().endswith("_") and src[k + 1:].lstrip().startswith('"'):
                return src[start:k], "_"
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == ";":
            return None, None
        elif c == '"' and depth == 1:
            m = LITERAL.match(src, k)
            return src[start:k], m.group(0)
        k += 1
    return None, None


def unmarked(root):
    found = []
    for folder in FOLDERS:
        for name in sorted(os.listdir(os.path.join(root, folder))):
            if not name.endswith(".c"):
                continue
            path = os.path.join(folder, name)
            if path in LOG_ONLY:
                continue
            src = open(os.path.join(root, path), encoding="utf-8").read()
            for m in CALLS.finditer(src):
                before, literal = first_literal(src, m.end())
                if literal is None or literal == "_" or not WORDS.search(literal.replace("%s", "")):
                    continue
                # fail (ctx, error, path, "...") and refuse (s, pos, "...") pass a member
                # path or position first; a literal path ("policy") is not the message.
                if m.group(1) == "fail" and before.count(",") < 3:
                    continue
                line = src.count("\n", 0, m.start()) + 1
                found.append(f"{path}:{line}: {m.group(1)} message {literal[:60]} is not "
                             "marked with _()")
    return found


def po_entries(path):
    """msgid → (msgstr, fuzzy) of a .po file, read with msgattrib's help."""
    entries = {}
    text = subprocess.run(["msgattrib", "--no-wrap", "--no-obsolete", path],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("\n\n"):
        mid = re.search(r'^msgid "(.*)"$', block, re.M)
        mstr = re.search(r'^msgstr "(.*)"$', block, re.M)
        if mid and mstr:
            entries[mid.group(1)] = (mstr.group(1), "fuzzy" in block.split("msgid")[0])
    return entries


def untranslated(root):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        files = [os.path.join(f, n) for f in FOLDERS for n in sorted(os.listdir(
            os.path.join(root, f))) if n.endswith(".c")]
        pot = os.path.join(tmp, "layers.pot")
        subprocess.run(["xgettext", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
                        "--no-wrap", "-D", root, "-o", pot, *files], check=True)
        if not os.path.exists(pot):
            return ["net/ and rdp/ mark no message for translation"]
        ids = [i for i in po_entries(pot) if i]
        if not ids:
            problems.append("net/ and rdp/ mark no message for translation")
        for lang in ("de", "fr"):
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching",
                            os.path.join(root, "po", lang + ".po"), pot, "-o", merged],
                           check=True)
            entries = po_entries(merged)
            for mid in ids:
                msgstr, fuzzy = entries.get(mid, ("", False))
                if not msgstr or fuzzy:
                    problems.append(f"po/{lang}.po: no translation of \"{mid}\"")
        print(f"net/ and rdp/ have {len(ids)} messages")
    return problems


def main():
    root = os.path.abspath(sys.argv[1])
    problems = unmarked(root) + untranslated(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
