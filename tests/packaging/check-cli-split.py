#!/usr/bin/env python3
"""atrium-cli loads FreeRDP only for the RDP commands, which run in atrium-cli-rdp.

Usage:
  check-cli-split.py --cli BUILD/client/atrium-cli --helper BUILD/client/atrium-cli-rdp \
      --helper-dir LIBEXECDIR/atrium --rdp-file tests/data/rdp/mstsc-desktop.rdp \
      --trust BUILD/tests/certs/ca.pem

Checks, each printed as ok/FAIL with what was seen:
  1. ldd: atrium-cli needs no libfreerdp*/libwinpr*; atrium-cli-rdp does (the control that
     shows the check can see them at all).
  2. LD_DEBUG=libs: `atrium-cli version`, `uri`, `resolve`, `list --offline` and `theme
     --offline` load no FreeRDP/WinPR library, while `atrium-cli rdp-settings FILE` does
     (through the exec of the helper) and prints the same output and exit status as the
     helper run directly.
  3. /proc/PID/maps of a running `atrium-cli list` (held by a loopback listener that accepts
     and never answers) maps no FreeRDP/WinPR library.
  4. atrium-cli copied alone into an empty directory: `probe` and `rdp-settings` exit 1 with
     one line naming both paths looked at; `version` still works there.
  5. `atrium-cli --help` still lists rdp-settings and probe.
Only loopback is contacted. Exit code 1 if any check fails.
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

RDP_LIB = re.compile(r"lib(freerdp|winpr)[\w.-]*\.so", re.I)
failures = 0


def report(ok, what, detail=""):
    global failures
    if not ok:
        failures += 1
    print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail else ""))


def rdp_libs(text):
    return sorted(set(m.group(0) for m in RDP_LIB.finditer(text)))


def hermetic_env(tmp):
    env = dict(os.environ)
    for k in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env[k] = os.path.join(tmp, k.lower())
        os.makedirs(env[k], exist_ok=True)
    env.update({"NO_PROXY": "*", "no_proxy": "*", "GIO_USE_PROXY_RESOLVER": "dummy",
                "LC_ALL": "C.UTF-8"})
    env.pop("LD_DEBUG", None)
    return env


def run(argv, env, **kw):
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, **kw)


def check_ldd(a):
    for prog, want in ((a.cli, False), (a.helper, True)):
        res = run(["ldd", prog], os.environ)
        libs = rdp_libs(res.stdout)
        name = os.path.basename(prog)
        if want:
            report(res.returncode == 0 and bool(libs), f"ldd {name} needs FreeRDP/WinPR",
                   ", ".join(libs) or "none found (the check cannot see them?)")
        else:
            report(res.returncode == 0 and not libs, f"ldd {name} needs no FreeRDP/WinPR",
                   ", ".join(libs) or f"{len(res.stdout.splitlines())} libraries, none of them")


def loaded_libs(argv, env):
    """Libraries the dynamic loader opened for argv (and any program it execs)."""
    denv = dict(env, LD_DEBUG="libs")
    res = run(argv, denv)
    opened = [l for l in res.stderr.splitlines() if "calling init:" in l]
    return res, opened, rdp_libs("\n".join(opened))


def check_ld_debug(a, env):
    cli = a.cli
    cases = [
        ("version", [cli, "version"], 0),
        ("uri", [cli, "uri", "rdp://full%20address=s:127.0.0.1", "--json"], None),
        ("resolve", [cli, "resolve", "atrium.test", "--no-dns", "--json"], None),
        ("list --offline", [cli, "list", "nothing.atrium.test", "--offline"], None),
        ("theme --offline", [cli, "theme", "nothing.atrium.test", "--offline"], None),
        ("--help", [cli, "--help"], 0),
    ]
    for what, argv, want_rc in cases:
        res, opened, libs = loaded_libs(argv, env)
        ok = not libs and len(opened) > 0 and (want_rc is None or res.returncode == want_rc)
        report(ok, f"LD_DEBUG=libs atrium-cli {what} loads no FreeRDP/WinPR",
               f"exit {res.returncode}, {len(opened)} libraries initialised"
               + (f", among them {', '.join(libs)}" if libs else ""))

    argv = [cli, "rdp-settings", a.rdp_file, "--json"]
    res, opened, libs = loaded_libs(argv, env)
    report(res.returncode == 0 and bool(libs),
           "LD_DEBUG=libs atrium-cli rdp-settings loads FreeRDP (through atrium-cli-rdp)",
           f"exit {res.returncode}, {', '.join(libs) or 'no FreeRDP library'}")

    # The exec passes argv, stdout, stderr and the exit status through unchanged.
    for extra in ([a.rdp_file, "--json"], [a.rdp_file], ["/nonexistent/atr.rdp"],
                  ["--no-such-option"]):
        via = run([cli, "rdp-settings"] + extra, env)
        # the helper gets atrium-cli's argv unchanged: argv[0] is atrium-cli's path
        direct = subprocess.run([cli, "rdp-settings"] + extra, executable=a.helper, env=env,
                                capture_output=True, text=True, timeout=60)
        same = (via.returncode, via.stdout, via.stderr) == \
               (direct.returncode, direct.stdout, direct.stderr)
        report(same and via.stdout + via.stderr != "",
               f"atrium-cli rdp-settings {' '.join(extra)} = atrium-cli-rdp's output and exit",
               f"exit {via.returncode} vs {direct.returncode}"
               + ("" if same else f"; stderr {via.stderr!r} vs {direct.stderr!r}"))


def check_list_maps(a, env):
    """A running `atrium-cli list`, held on a listener that accepts and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(20)
    port = srv.getsockname()[1]
    host = "hold.atrium.test"
    argv = [a.cli, "list", f"{host}:{port}", "--no-dns", "--trust", a.trust,
            "--resolve", f"{host}:{port}:127.0.0.1", "--timeout", "30"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    conn = None
    try:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            report(False, "atrium-cli list connects to the loopback listener",
                   f"no connection in 20 s (exit {proc.poll()})")
            return
        with open(f"/proc/{proc.pid}/maps", encoding="utf-8", errors="replace") as f:
            maps = f.read()
        mapped = sorted(set(l.split()[-1] for l in maps.splitlines()
                            if l.split() and l.split()[-1].startswith("/")))
        libs = rdp_libs("\n".join(mapped))
        report(proc.poll() is None and len(mapped) > 5 and not libs,
               "/proc/PID/maps of a running atrium-cli list maps no FreeRDP/WinPR",
               f"{len(mapped)} files mapped" + (f", among them {', '.join(libs)}" if libs
                                               else ""))
    finally:
        proc.kill()
        proc.wait()
        if conn is not None:
            conn.close()
        srv.close()


def check_missing_helper(a, env, tmp):
    alone = os.path.join(tmp, "alone")
    os.makedirs(alone)
    cli = os.path.join(alone, "atrium-cli")
    shutil.copy2(a.cli, cli)
    beside = os.path.join(alone, "atrium-cli-rdp")
    installed = os.path.join(a.helper_dir, "atrium-cli-rdp")
    if os.path.exists(installed):
        # an installed helper is found second; a missing one cannot be staged here
        print(f"skip without the helper: {installed} is installed under this prefix")
        return
    for cmd in (["probe", "127.0.0.1"], ["rdp-settings", a.rdp_file]):
        res = run([cli] + cmd, env)
        lines = res.stderr.splitlines()
        ok = (res.returncode == 1 and res.stdout == "" and len(lines) == 1 and
              beside in lines[0] and installed in lines[0])
        report(ok, f"without the helper, atrium-cli {cmd[0]} exits 1 naming both paths",
               f"exit {res.returncode}, stderr {res.stderr.strip()!r}")
    res = run([cli, "version"], env)
    report(res.returncode == 0 and res.stdout.startswith("atrium-cli "),
           "without the helper, atrium-cli version still works", f"exit {res.returncode}")


def check_help(a, env):
    res = run([a.cli, "--help"], env)
    names = re.findall(r"^  (\S+)", res.stdout, re.M)
    report(res.returncode == 0 and "rdp-settings" in names and "probe" in names,
           "atrium-cli --help lists rdp-settings and probe", " ".join(names))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for opt in ("--cli", "--helper", "--helper-dir", "--rdp-file", "--trust"):
        ap.add_argument(opt, required=True)
    a = ap.parse_args()
    a.cli, a.helper = os.path.abspath(a.cli), os.path.abspath(a.helper)
    with tempfile.TemporaryDirectory(prefix="atr-cli-split-") as tmp:
        env = hermetic_env(tmp)
        check_ldd(a)
        check_ld_debug(a, env)
        check_list_maps(a, env)
        check_missing_helper(a, env, tmp)
        check_help(a, env)
    print(f"cli split: {'FAIL' if failures else 'OK'} ({failures} failed)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
