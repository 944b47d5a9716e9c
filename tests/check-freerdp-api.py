#!/usr/bin/env python3
"""check-freerdp-api.py: the session engine uses only FreeRDP/WinPR API that 3.10 has.

FreeRDP has no version macros that hide newer API (as GLib's MAX_ALLOWED does), so a build on a
newer FreeRDP (Debian 13 has 3.15) could call a function or set a settings key that 3.10, our
minimum, lacks, and nothing would say so until someone builds on Debian 12. This test pins it:
every FreeRDP/WinPR function the engine's static library references, and every FreeRDP_*
settings key its sources name, must be listed in rdp/freerdp-api-3.10.txt, the API the engine
is known to build with on 3.10. A new call means a new line there, added after checking that
3.10 has it (it builds on Debian 12's bookworm-backports 3.10.3).

Usage: check-freerdp-api.py BASELINE ENGINE_LIB FREERDP_LIB... -- SOURCE...
Exit 0 when everything used is listed; 1 naming what is not (or what could not be read).
"""
import re
import subprocess
import sys

KEY = re.compile(r"\bFreeRDP_[A-Z][A-Za-z0-9_]*\b")


def fail(message):
    print(f"check-freerdp-api: {message}", file=sys.stderr)
    return 1


def read_baseline(path):
    names = set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", line):
                raise ValueError(f"{path}:{number}: not a C identifier: {line!r}")
            names.add(line)
    return names


def nm(args, path):
    out = subprocess.run(["nm", "--format=posix", *args, path], capture_output=True, text=True)
    if out.returncode != 0:
        raise OSError(f"nm {path}: {out.stderr.strip()}")
    return {line.split()[0].split("@")[0] for line in out.stdout.splitlines()
            if line and not line.endswith(":")}


def main(argv):
    if "--" not in argv or argv.index("--") < 3:
        return fail("usage: check-freerdp-api.py BASELINE ENGINE_LIB FREERDP_LIB... -- SOURCE...")
    split = argv.index("--")
    baseline_path, engine, libs, sources = argv[0], argv[1], argv[2:split], argv[split + 1:]
    try:
        baseline = read_baseline(baseline_path)
        exported = set()
        for lib in libs:
            exported |= nm(["-D", "--defined-only"], lib)
        used = nm(["-u"], engine) & exported
        for source in sources:
            with open(source, encoding="utf-8") as f:
                used |= set(KEY.findall(f.read()))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        return fail(str(e))
    if not used:
        return fail(f"{engine} references no FreeRDP/WinPR symbol: wrong library given?")
    missing = sorted(used - baseline)
    if missing:
        return fail(f"not in {baseline_path} (check that FreeRDP 3.10 has them, then list them):"
                    f" {', '.join(missing)}")
    print(f"check-freerdp-api: {len(used)} FreeRDP/WinPR names used, all in the 3.10 list")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
