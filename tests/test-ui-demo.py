#!/usr/bin/env python3
"""The README's "Try it" path, end to end: ./scripts/run-demo.sh under the test's Xvfb.

Usage: test-ui-demo.py desktop
  desktop  run-demo.sh (ATR_BUILDDIR = this build, DISPLAY = this Xvfb) opens Atrium with the
           demo tenant's address filled in. As a newcomer would, with keys only: Return
           looks it up (the tenant's header colour on screen), Return adds it (9 tiles),
           typing "Harbour Desktop" and Return opens it: a session window shows the demo
           desktop (#336699) from freerdp-shadow-cli, reached through the routing gateway
           by the desktop's routing token as harbour-rdcb01.atrium.test. A RemoteApp opened
           the same way says plainly that RemoteApp windows are not supported yet and opens
           nothing. Ctrl+Q ends the app; run-demo.sh then stops every process it started
           (checked by session ID), exits 0 and leaves nothing in HOME.
Kills only what it started (the Xvfb, and the demo's session by its PIDs if it failed).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
import atrui  # noqa: E402
from atrdemo import (DEMO_DESKTOP, RDP_HOST, TENANT, DemoSession,  # noqa: E402
                     session_members, stop_session)


def files_under(path):
    return sorted(os.path.relpath(os.path.join(d, f), path)
                  for d, _, files in os.walk(path) for f in files)


def scenario_desktop(s):
    s.start_demo()
    s.demo_port()
    s.add_demo_tenant()

    s.open_by_search("Harbour Desktop", "HDG-Desktop")
    # By name, through the routing gateway on 127.0.0.1 (the .rdp names no address).
    s.wait_line(f"atr-launcher: session {TENANT}", what="the session")
    session = s.lines(f"atr-launcher: session {TENANT}")[-1]
    assert f" HDG-Desktop host={RDP_HOST} " in session, session
    s.wait_demo_desktop()
    assert not s.lines("atr-launcher: failed"), s.lines("atr-launcher: failed")
    assert not s.lines("atr-ui: toast"), s.lines("atr-ui: toast")

    # A RemoteApp: a plain message naming it, no session, no window.
    s.focus_main()
    windows = len(s.window_id().split())
    s.key("Escape")
    s.open_by_search("Excel", "HDG-Excel")
    toast = s.wait_line("atr-ui: toast ")[-1]
    assert toast == ("atr-ui: toast RemoteApp windows are not supported yet, so “Excel” "
                     "cannot be opened."), toast
    s.wait_line(f"atr-launcher: failed {TENANT} HDG-Excel remoteapp:")
    assert len(s.lines("atr-launcher: session ")) == 1, s.lines("atr-launcher: session ")
    assert len(s.window_id().split()) == windows, "a window opened for a RemoteApp"

    status = s.quit_demo()
    assert status == 0, f"run-demo.sh exited with {status}:\n" + "\n".join(s.stderr_lines[-20:])
    left = files_under(s.home)
    assert not left, f"the demo left files in HOME: {left}"


def make_session(name):
    return DemoSession(name, width=1280, height=800)


def after(s):
    members = session_members(s.app.pid) if s.app is not None else []
    if members:
        stop_session(s.app.pid)
        raise AssertionError(f"still running after the demo ended: {members}")


if __name__ == "__main__":
    sys.exit(atrui.run_scenario({"desktop": scenario_desktop}, make_session, prefix="demo-",
                                after=after))
