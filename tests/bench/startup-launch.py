#!/usr/bin/env python3
"""startup-launch.py — one timed start of a GUI program on $DISPLAY (bench-startup.sh).

Usage: startup-launch.py [--ready TEXT] [--timeout S] [--rss-delay S] [--smaps FILE]
                         -- COMMAND ARGS...

Starts COMMAND and reports, as one JSON line on stdout:
  map_ms    launch -> first top-level window mapped (X MapNotify on the root window,
            received as an event through libX11 via ctypes: no polling, no xdotool)
  ready_ms  launch -> the first stderr line containing TEXT (only with --ready; Atrium prints
            "atr-ui: resources grid shown=..." with ATR_DEBUG_UI=1 when the grid is set)
  rss_kib   VmRSS of COMMAND's process --rss-delay seconds (default 3) after the later of the
            two events, and pss_kib from /proc/PID/smaps_rollup at the same moment
            (--smaps FILE: also copy /proc/PID/smaps there, for a breakdown by mapping)
Then ends COMMAND (SIGTERM to its process group, SIGKILL after 3 s) and waits for it.
Exit 1 (with the reason on stderr) on a timeout or when COMMAND exits early.
The clock starts immediately before fork/exec. Run one program at a time on a private
display: any top-level map counts.
"""
import ctypes
import ctypes.util
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


def open_x():
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x11.XPending.argtypes = [ctypes.c_void_p]
    x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    dpy = x11.XOpenDisplay(None)
    if not dpy:
        sys.exit("startup-launch: cannot open $DISPLAY")
    x11.XSelectInput(dpy, x11.XDefaultRootWindow(dpy), SUBSTRUCTURE_NOTIFY_MASK)
    x11.XSync(dpy, 0)
    return x11, dpy


def proc_kib(pid, path, key):
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def main():
    args = sys.argv[1:]
    ready, timeout, rss_delay, smaps = None, 30.0, 3.0, None
    while args and args[0] != "--":
        opt = args.pop(0)
        if opt == "--ready":
            ready = args.pop(0)
        elif opt == "--timeout":
            timeout = float(args.pop(0))
        elif opt == "--rss-delay":
            rss_delay = float(args.pop(0))
        elif opt == "--smaps":
            smaps = args.pop(0)
        else:
            sys.exit(f"startup-launch: unknown option {opt}")
    if not args or len(args) < 2:
        sys.exit(__doc__)
    cmd = args[1:]

    x11, dpy = open_x()
    fd = x11.XConnectionNumber(dpy)
    ready_at = []

    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)

    def read_stderr():
        for raw in proc.stderr:
            if ready and not ready_at and ready.encode() in raw:
                ready_at.append(time.monotonic())
    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()

    map_at = None
    ev = XEvent()
    deadline = t0 + timeout
    try:
        while map_at is None:
            while map_at is None and x11.XPending(dpy):
                x11.XNextEvent(dpy, ctypes.byref(ev))
                # XMapEvent: type, serial, send_event, display, event, window, override_redirect
                if ev.type == MAP_NOTIFY and ev.pad[6] & 0xffffffff == 0:
                    map_at = time.monotonic()
            if map_at is not None:
                break
            if proc.poll() is not None:
                sys.stderr.write(f"startup-launch: {cmd[0]} exited ({proc.returncode}) before "
                                 "mapping a window\n")
                return 1
            left = deadline - time.monotonic()
            if left <= 0:
                sys.stderr.write(f"startup-launch: {cmd[0]} mapped no window in {timeout} s\n")
                return 1
            select.select([fd], [], [], min(left, 0.05))
        while ready and not ready_at:
            if time.monotonic() > deadline or proc.poll() is not None:
                sys.stderr.write(f"startup-launch: {cmd[0]} never printed {ready!r}\n")
                return 1
            time.sleep(0.002)
        last = max([map_at] + ready_at)
        time.sleep(max(0.0, last + rss_delay - time.monotonic()))
        rss = proc_kib(proc.pid, "status", "VmRSS:")
        pss = proc_kib(proc.pid, "smaps_rollup", "Pss:")
        if smaps:
            with open(f"/proc/{proc.pid}/smaps") as src, open(smaps, "w") as dst:
                dst.write(src.read())
        print(json.dumps({"map_ms": round((map_at - t0) * 1000, 1),
                          "ready_ms": round((ready_at[0] - t0) * 1000, 1) if ready_at else None,
                          "rss_kib": rss, "pss_kib": pss}), flush=True)
        return 0
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(3)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            except ProcessLookupError:
                proc.wait()


if __name__ == "__main__":
    sys.exit(main())
