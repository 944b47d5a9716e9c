#!/usr/bin/env python3
"""Stages the data an uninstalled build reads (client/core/atr-data-dirs.c) in the build tree.

Usage: stage-data.py --out DIR --stamp FILE --depfile FILE SRC=DEST...

Each SRC (a file or a folder, copied whole) goes to DIR/DEST; DIR is emptied first, so a
file removed from the source is gone from the stage too. The depfile names every source
file and folder, so ninja stages again when a theme file is edited, added or removed.
"""
import argparse
import os
import shutil
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--stamp", required=True)
    parser.add_argument("--depfile", required=True)
    parser.add_argument("items", nargs="+", metavar="SRC=DEST")
    args = parser.parse_args()

    tmp = args.out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    sources = []
    for item in args.items:
        src, sep, dest = item.partition("=")
        if not sep or not dest or os.path.isabs(dest) or ".." in dest.split("/"):
            print(f"stage-data: bad item {item!r} (SRC=relative/DEST)", file=sys.stderr)
            return 2
        target = os.path.join(tmp, dest)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.isdir(src):
            shutil.copytree(src, target)
            for dirpath, _, filenames in os.walk(src):
                sources.append(dirpath)
                sources += [os.path.join(dirpath, n) for n in filenames]
        else:
            shutil.copyfile(src, target)
            sources.append(src)
    shutil.rmtree(args.out, ignore_errors=True)
    os.rename(tmp, args.out)

    def esc(path):
        return path.replace("\\", "\\\\").replace(" ", "\\ ").replace("#", "\\#")

    with open(args.depfile, "w") as f:
        f.write(esc(args.stamp) + ": " + " ".join(esc(s) for s in sources) + "\n")
    with open(args.stamp, "w") as f:
        f.write("staged\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
