#!/usr/bin/env python3
"""The documented kiosk setup (docs/kiosk.md): `cage -d -- atrium --kiosk` on Wayland,
with the real app against the loopback test broker and an atrium.conf naming the tenant.

1. headless: cage on wlroots' headless backend with the pixman renderer, no X server at
   all. The tenant's branded sign-in comes up fullscreen on cage's only output.
2. x11: the same under cage whose output is a window on a private Xvfb, because cage 0.1.4
   has no virtual-keyboard protocol (wtype cannot type into it). xdotool's keys go through
   cage's seat to the app as Wayland key events: Alt+F4, Ctrl+Q, Ctrl+W, F11 and Super are
   swallowed (the app stays, still fullscreen); then alice signs in and sees her 9
   resources.

Exit 77 (skip) only when cage itself says wlroots has no renderer/allocator on this
machine; any other trouble fails. Kills only what it started (tests/ui/atrcage.py).
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
from atrcage import (SKIP, CageCannotRun, CageSession, assert_fills_output,  # noqa: E402
                     assert_no_window_buttons)
from atrkiosk import HARBOUR_HEADER_BG, HEADER, PASSWORD, TENANT  # noqa: E402

# The escape keys (client/core/atr-kiosk-policy.c) and the names the app logs for them.
ESCAPE_KEYS = ["alt+F4", "ctrl+q", "ctrl+w", "F11", "super"]
SWALLOWED = ["<Alt>F4", "<Control>q", "<Control>w", "F11", "Super_L"]


def start(s):
    s.start_broker(auth="basic", user="alice", password=PASSWORD)
    # Not `enabled=true`: `--kiosk` on the command line turns kiosk mode on, as in the unit.
    etc = s.write_conf(tenant=f"{TENANT}:{s.port}")
    s.start_cage(etc)
    s.wait_line(f"atr-ui: kiosk locked tenant={TENANT}")
    s.wait_line("atr-ui: page sign-in", what="the branded sign-in as home")
    s.wait_line("atr-ui: kiosk fullscreen ", what="the compositor's fullscreen state")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=20000, what="the tenant's header")
    assert not s.lines("atr-ui: page enrol"), "enrolment shown in kiosk mode"


def phase_headless():
    s = CageSession("kiosk-cage-headless", backend="headless")
    try:
        start(s)
        assert_fills_output(s, "headless, at start")
        assert_no_window_buttons(s, "headless, at start")
    finally:
        s.close()


def phase_keys():
    s = CageSession("kiosk-cage-keys", backend="x11")
    try:
        start(s)
        assert_fills_output(s, "x11, at start")
        s.focus_output()
        s.key(*ESCAPE_KEYS)
        s.wait_line("atr-ui: kiosk swallowed key", count=len(ESCAPE_KEYS),
                    what=f"{len(ESCAPE_KEYS)} swallowed escape keys")
        got = [l.rsplit(" ", 1)[-1] for l in s.lines("atr-ui: kiosk swallowed key")]
        assert got == SWALLOWED, f"swallowed {got}, expected {SWALLOWED}"
        time.sleep(1)
        assert s.cage.poll() is None, "cage (and so atrium) exited after the escape keys"
        assert_fills_output(s, "after the escape keys")
        assert_no_window_buttons(s, "after the escape keys")
        assert not s.lines("atr-ui: page enrol"), "an escape key reached enrolment"

        s.type("alice")
        s.key("Return")
        s.type(PASSWORD)
        s.key("alt+s")
        s.wait_line("atr-ui: resources grid shown=9 ", what="the resources after sign-in")
        s.wait_line("atr-ui: kiosk signed in")
        assert_fills_output(s, "signed in")
        assert PASSWORD not in "\n".join(s.stderr_lines), "the password reached the log"
    finally:
        s.close()


def main():
    for name, phase in (("headless", phase_headless), ("keys", phase_keys)):
        try:
            phase()
        except CageCannotRun as e:
            print(f"SKIP {name}: {e}", file=sys.stderr)
            return SKIP
        except AssertionError as e:
            print(f"FAIL {name}: {e}", file=sys.stderr)
            return 1
        print(f"PASS {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
