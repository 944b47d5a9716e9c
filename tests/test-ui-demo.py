#!/usr/bin/env python3
"""The README's "Try it" path, end to end: ./scripts/run-demo.sh under the test's Xvfb.

Usage: test-ui-demo.py desktop
  desktop  run-demo.sh (ATR_BUILDDIR = this build, DISPLAY = this Xvfb) opens Atrium with the
           demo tenant's address filled in. As a newcomer would, with keys only: Return
           looks it up (the tenant's header colour on screen), Return adds it (9 tiles),
           typing "Harbour Desktop" and Return opens it: a session window shows the demo
           desktop (#336699) from freerdp-shadow-cli3, reached through the routing gateway
           by the desktop's routing token as harbour-rdcb01.atrium.test. A RemoteApp opened
           the same way says plainly that RemoteApp windows are not supported yet and opens
           nothing. The session window is titled "Harbour Desktop" (not the host); opening
           the desktop again raises it instead of starting a second session; Ctrl+Q in the
           session goes to the remote desktop and quits nothing. Ctrl+Q in the main window
           asks first (one session open), Alt+Q answers Quit; before that, Ctrl+? shows the
           Keyboard Shortcuts window; run-demo.sh then stops every
           process it started (checked by session ID), exits 0 and leaves nothing in HOME.
Kills only what it started (the Xvfb, and the demo's session by its PIDs if it failed).
"""
import os
import sys
import time

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
    wid = s.wait_demo_desktop()
    assert not s.lines("atr-launcher: failed"), s.lines("atr-launcher: failed")
    assert not s.lines("atr-ui: toast"), s.lines("atr-ui: toast")
    # #14: named by the resource, the host is only its subtitle.
    name = s.xdo("getwindowname", wid).strip()
    assert name == "Harbour Desktop", f"the session window is called {name!r}"
    # #14: Ctrl+Q in the session is the remote desktop's key, not Atrium's.
    s.xdo("windowfocus", "--sync", wid)
    s.key("ctrl+q")
    time.sleep(1.0)
    assert s.app.poll() is None, "Ctrl+Q in the session window ended the app"
    assert not s.lines("atr-ui: quit:"), s.lines("atr-ui: quit:")

    # #14: opening it again raises its window; no second session.
    s.focus_main()
    s.key("Escape")
    windows = len(s.window_id().split())
    s.open_by_search("Harbour Desktop", "HDG-Desktop")
    s.wait_line(f"atr-launcher: raise {TENANT}", what="the open session to be raised")
    assert len(s.lines("atr-launcher: session ")) == 1, s.lines("atr-launcher: session ")
    assert len(s.window_id().split()) == windows, "a second session window opened"

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

    # #14: Ctrl+? in the main window shows the Keyboard Shortcuts window; Escape closes it.
    s.focus_main()
    windows = len(s.window_id().split())
    s.key("ctrl+question")
    s.wait_for(lambda: len(s.window_id().split()) == windows + 1,
               "the Keyboard Shortcuts window")
    shortcuts = max(s.window_id().split(), key=int)
    print("shortcuts window:", s.xdo("getwindowname", shortcuts).strip())
    s.key("Escape")
    s.wait_for(lambda: len(s.window_id().split()) == windows,
               "the Keyboard Shortcuts window to close")

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
