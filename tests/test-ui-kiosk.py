#!/usr/bin/env python3
"""Kiosk mode (#6) with the real atrium app under Xvfb against the loopback test broker.

Usage: test-ui-kiosk.py SCENARIO   (locked, refused, certificate)
  locked   atrium.conf turns kiosk mode on: fullscreen, no enrolment, escape keys swallowed,
           sign-in with "remember me", idle logoff back to the sign-in, then nothing of the
           user left in the Secret Service (asked with secret-tool on the app's own bus)
           nor on disk (only the tenant's branding files stay).
  refused  an atrium.conf a user could write: an error screen, never the normal app.
  certificate  the tenant's HTTPS certificate is for another host: refused with the trust
           store's reason on the branded screen, never a prompt, still locked.
Extends tests/ui/atrui.py (Xvfb, broker, screenshots); kills only what it started.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
import atrui  # noqa: E402
from atrkiosk import (HARBOUR_HEADER_BG, HEADER, KEPT, PASSWORD, TENANT,  # noqa: E402
                      KioskSession, assert_fullscreen, assert_no_window_buttons)


def assert_no_way_to_another_program(s, when):
    """Issue #8, finding 4: the harbour theme has a password-reset and a support link; in
    kiosk mode neither may reach the desktop's browser."""
    s.wait_line("atr-ui: sign-in links password-reset=", what=f"the sign-in's links ({when})")
    s.wait_line("atr-ui: action win.support", what=f"Get Help's state ({when})")
    last = s.lines("atr-ui: sign-in links password-reset=")[-1]
    assert last.endswith("=hidden"), f"{when}: the password-reset link is shown: {last}"
    last = s.lines("atr-ui: action win.support")[-1]
    assert last.endswith(" disabled"), f"{when}: Get Help (win.support) is enabled: {last}"


def scenario_locked(s):
    s.start_broker(auth="basic", user="alice", password=PASSWORD)
    etc = s.write_conf(enabled="true", tenant=f"{TENANT}:{s.port}", idle_logoff_minutes=1,
                       reconnect="true")
    s.start_kiosk(etc)
    s.wait_line("atr-ui: kiosk locked tenant=harbour.atrium.test")
    s.wait_line("atr-ui: page sign-in", what="the branded sign-in as home")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="the tenant's header")
    assert not s.lines("atr-ui: page enrol"), "enrolment shown in kiosk mode"
    assert_no_way_to_another_program(s, "at start")
    assert len(s.window_id().split()) == 1, "more than one window"
    assert_fullscreen(s, "at start")
    assert_no_window_buttons(s, "at start")

    # Escape keys: swallowed, the app stays, fullscreen.
    s.key("alt+F4", "ctrl+q", "ctrl+w", "F11", "super+d")
    s.wait_line("atr-ui: kiosk swallowed key", count=5, what="5 swallowed escape keys")
    time.sleep(1)
    assert s.app.poll() is None, "atrium exited after the escape keys"
    assert_fullscreen(s, "after the escape keys")
    assert not s.lines("atr-ui: page enrol"), "an escape key reached enrolment"

    # Sign in with "remember me": a secret and the user's feed cache exist now.
    s.type("alice")
    s.key("Return")
    s.type(PASSWORD)
    s.key("alt+r", "alt+s")
    s.wait_line("atr-ui: resources grid shown=9 ", what="the resources after sign-in")
    s.wait_line("atr-ui: kiosk signed in")
    s.wait_for(lambda: s.secrets(), "the remembered sign-in in the Secret Service")
    s.wait_for(lambda: any(f.endswith("feed.xml") for f in s.atrium_files()),
               "the user's feed in the cache")
    assert_fullscreen(s, "signed in")

    # Idle logoff (1 minute; the warning comes half-way): back to the branded sign-in.
    s.wait_line("atr-ui: kiosk idle warning", what="the idle warning", timeout=75)
    s.wait_line("atr-ui: kiosk sign-out reason=idle", what="the idle logoff", timeout=75)
    s.wait_line("atr-ui: kiosk wiped tenant=harbour.atrium.test")
    s.wait_line("atr-ui: kiosk home")
    s.wait_line("atr-ui: page sign-in", count=2, what="the sign-in after logoff")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="the tenant's header")
    assert_fullscreen(s, "after logoff")
    assert_no_way_to_another_program(s, "after logoff")

    # Nothing of alice is left: no secret, no file but the tenant's branding.
    assert not s.secrets(), f"secrets left after logoff: {s.secrets()}"
    left = s.atrium_files()
    strays = [f for f in left
              if not (re.match(rf"tenants/{re.escape(TENANT)}(_\d+)?/[^/]+$", f)
                      and KEPT.match(os.path.basename(f)))]
    assert not strays, f"per-user files left after logoff: {strays}"
    assert any(f.endswith("theme.json") for f in left), f"the branding went too: {left}"
    assert PASSWORD not in "\n".join(s.stderr_lines), "the password reached the log"


def scenario_refused(s):
    s.start_broker()
    # World-writable: any user could have turned kiosk mode off or pointed it elsewhere.
    etc = s.write_conf(mode=0o666, enabled="true", tenant=f"{TENANT}:{s.port}")
    s.start_kiosk(etc)
    line = s.wait_line("atr-ui: kiosk refused:")[-1]
    assert "atrium.conf" in line, f"the error does not name the file: {line}"
    s.wait_line("atr-ui: kiosk status", what="the error screen")
    # The error is on screen (libadwaita's status page), and nothing else.
    s.wait_for(lambda: s.screen().count("#ffffff") < s.width * s.height, "a drawn screen")
    assert_fullscreen(s, "the error screen")
    assert not s.lines("atr-ui: page"), f"the normal app opened: {s.lines('atr-ui: page')}"
    s.key("alt+F4", "ctrl+q")
    s.wait_line("atr-ui: kiosk swallowed key", count=2)
    assert s.app.poll() is None, "atrium exited on the error screen"


def scenario_certificate(s):
    s.start_broker(cert="wronghost")
    etc = s.write_conf(enabled="true", tenant=f"{TENANT}:{s.port}")
    s.start_kiosk(etc)
    line = s.wait_line("atr-ui: resources error:", what="the certificate refusal")[-1]
    assert "host-mismatch" in line and TENANT in line, f"no reason naming the host: {line}"
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="the tenant's header")
    assert_fullscreen(s, "the certificate error")
    assert_no_window_buttons(s, "the certificate error")
    # Refused, not asked: one window (no dialog), nothing enrolled or opened.
    s.key("Return", "alt+F4")
    time.sleep(1)
    assert len(s.window_id().split()) == 1, "a second window (a prompt?) opened"
    assert not s.lines("atr-ui: page enrol"), "enrolment shown in kiosk mode"
    assert not s.lines("atr-launcher: open"), "something was opened"
    assert s.app.poll() is None, "atrium exited"


SCENARIOS = {"locked": scenario_locked, "refused": scenario_refused,
             "certificate": scenario_certificate}


def main():
    return atrui.run_scenario(SCENARIOS, KioskSession, "kiosk-")


if __name__ == "__main__":
    sys.exit(main())
