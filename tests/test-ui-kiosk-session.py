#!/usr/bin/env python3
"""The kiosk's session life cycle (#6) with the real app, broker and RDP server under Xvfb.

Usage: test-ui-kiosk-session.py SCENARIO   (autolaunch, unknown, reconnect, home)
  autolaunch  [kiosk] resource=HDG-Desktop: after sign-in the desktop opens by itself, once,
              fullscreen, showing the shadow server's screen colour.
  unknown     resource= names nothing the feed publishes: a message naming it, the user
              stays signed in on the grid, nothing is opened.
  reconnect   reconnect=true: the RDP server is killed -> the branded reconnecting screen
              (the tenant's header colour, escape keys swallowed, fullscreen, the app alive)
              through the engine's own attempts and then the kiosk's; the server comes back
              on the same port -> the session is back by itself, the screen gone.
  home        reconnect=false: the server is killed -> the session ends -> signed out,
              nothing of the user left (Secret Service and disk), the branded sign-in back.
The tenant is tests/data/tenants/harbour.atrium.test copied into the test's folder with
HDG-Desktop.rdp pointing at freerdp-shadow-cli3 on 127.0.0.1 (tests/ui/atrshadow.py).
Kills only what it started.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
import atrui  # noqa: E402
from atrkiosk import (HARBOUR_HEADER_BG, HEADER, KEPT, PASSWORD, TENANT,  # noqa: E402
                      KioskSession)
from atrshadow import SHADOW_COLOUR, Shadow, near, write_tenant_root  # noqa: E402

ALIAS = "HDG-Desktop"


class ShadowKiosk(KioskSession):
    def __init__(self, name):
        super().__init__(name)
        self.shadow = None

    def start_broker_at(self, root):
        """The broker (basic auth for alice) serving @root instead of tests/data/tenants."""
        port_file = os.path.join(self.tmp, "port")
        pw_file = os.path.join(self.tmp, "password")
        with open(pw_file, "w") as f:
            f.write(PASSWORD)
        argv = [os.path.join(self.build, "tests", "servers", "atrium-test-broker"),
                "--root", root,
                "--cert", os.path.join(self.certs, "good.crt"),
                "--key", os.path.join(self.certs, "good.key"),
                "--listen", "127.0.0.1:0", "--port-file", port_file,
                "--auth", "basic", "--user", "alice", "--password-file", pw_file]
        self.broker = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                       stderr=open(os.path.join(self.tmp, "broker.log"), "w"))
        self.procs.append(self.broker)
        self.wait_for(lambda: os.path.exists(port_file) and open(port_file).read().strip(),
                      "broker port file")
        self.port = int(open(port_file).read().strip())

    def all_fullscreen(self, what):
        for wid in self.window_id().split():
            out = self.xdo("getwindowgeometry", wid)
            m = re.search(r"Geometry: (\d+)x(\d+)", out)
            assert m and (int(m.group(1)), int(m.group(2))) == (self.width, self.height), \
                f"{what}: window {wid} is not fullscreen: {out.strip()}"

    def close(self):
        if self.shadow is not None:
            self.shadow.close()
        super().close()


def start(s, resource=ALIAS, **conf):
    """Shadow server, tenant, broker and the kiosk; signs alice in."""
    s.shadow = Shadow(s.tmp, s.certs)
    port = s.shadow.start()
    s.start_broker_at(write_tenant_root(s.source, s.tmp, port, alias=ALIAS, tenant=TENANT))
    etc = s.write_conf(enabled="true", tenant=f"{TENANT}:{s.port}", resource=resource, **conf)
    # The shadow server sends its leaf only: trust the test CA and its intermediate (the last
    # --trust wins), as tests/test-session-window.cpp does.
    s.start_kiosk(etc, "--trust", os.path.join(s.certs, "trusted-with-intermediate.pem"))
    s.wait_line("atr-ui: page sign-in", what="the branded sign-in as home")
    s.type("alice")
    s.key("Return")
    s.type(PASSWORD)
    s.key("alt+r", "alt+s")
    s.wait_line("atr-ui: kiosk signed in")


def wait_desktop(s, count=1, what="the remote desktop"):
    s.wait_line("atr-ui: session: connected to 127.0.0.1", count=count, timeout=30)
    s.wait_for(lambda: near(s.screen(), SHADOW_COLOUR) >= s.width * s.height // 2, what)


def scenario_autolaunch(s):
    start(s, reconnect="true")
    s.wait_line(f"atr-ui: kiosk launch alias={ALIAS} id={ALIAS}", what="the auto-launch")
    # The tenant ID carries the broker's port: harbour.atrium.test_PORT.
    s.wait_for(lambda: [l for l in s.lines(f"atr-launcher: session {TENANT}")
                        if f" {ALIAS} host=127.0.0.1 " in l], "the session to the shadow server")
    wait_desktop(s)
    s.all_fullscreen("the auto-launched desktop")
    time.sleep(2)
    launches = s.lines("atr-ui: kiosk launch")
    assert len(launches) == 1, f"launched more than once: {launches}"
    assert len(s.lines("atr-launcher: open")) == 1, s.lines("atr-launcher: open")
    assert not s.lines("atr-ui: kiosk session-end"), s.lines("atr-ui: kiosk session-end")


def scenario_reconnect(s):
    start(s, reconnect="true")
    wait_desktop(s)

    # The server goes away: the engine's attempts, under the branded screen at once.
    s.shadow.stop()
    s.wait_line("atr-ui: kiosk reconnect-screen shown", what="the reconnecting screen")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000,
                  what="the tenant's header on the reconnecting screen")
    s.key("alt+F4", "ctrl+q", "ctrl+w", "F11", "super+d")
    s.wait_line("atr-ui: kiosk swallowed key", count=5, what="5 swallowed escape keys")
    assert s.app.poll() is None, "atrium exited after the escape keys"
    s.all_fullscreen("the reconnecting screen")
    if os.environ.get("ATR_UI_SHOT_DIR"):
        s.save(os.path.join(os.environ["ATR_UI_SHOT_DIR"], "kiosk-reconnecting.png"))

    # The engine gives up; the kiosk keeps trying at its own pace, the screen stays.
    s.wait_line("atr-ui: kiosk session-end reason=network-lost next=reconnect", timeout=75)
    s.wait_line("atr-ui: kiosk reconnecting attempt=1 delay-ms=1000")
    s.wait_line("atr-ui: kiosk reconnecting attempt=2 delay-ms=2000",
                what="a failed kiosk attempt rescheduled")
    assert s.screen().count(HARBOUR_HEADER_BG, HEADER(s)) >= 5000, "the screen went away"

    # The server comes back on the same port: the session is back by itself.
    s.shadow.start()
    s.wait_line("atr-ui: kiosk reconnected", timeout=30)
    wait_desktop(s, count=2, what="the remote desktop after the reconnect")
    # Inside the window's 1-pixel outline (the theme's colour too) and the letterbox.
    inner = (60, 4, s.width - 60, 46)
    s.wait_for(lambda: s.screen().count(HARBOUR_HEADER_BG, inner) < 100,
               "the reconnecting screen to go")
    s.all_fullscreen("after the reconnect")
    assert not s.lines("atr-ui: kiosk sign-out"), s.lines("atr-ui: kiosk sign-out")
    assert PASSWORD not in "\n".join(s.stderr_lines), "the password reached the log"


def scenario_home(s):
    start(s, reconnect="false")
    wait_desktop(s)
    s.wait_for(lambda: s.secrets(), "the remembered sign-in in the Secret Service")

    s.shadow.stop()
    s.wait_line("atr-ui: kiosk session-end reason=network-lost next=sign-out")
    s.wait_line("atr-ui: kiosk sign-out reason=network-lost")
    s.wait_line(f"atr-ui: kiosk wiped tenant={TENANT}")
    s.wait_line("atr-ui: kiosk home")
    s.wait_line("atr-ui: page sign-in", count=2, what="the sign-in after the session end")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="the tenant's header")
    assert len(s.window_id().split()) == 1, "a session window is left"
    s.all_fullscreen("the sign-in after the session end")
    assert not s.lines("atr-ui: kiosk reconnect-screen"), "reconnecting with reconnect=false"

    assert not s.secrets(), f"secrets left after the session end: {s.secrets()}"
    strays = [f for f in s.atrium_files()
              if not (re.match(rf"tenants/{re.escape(TENANT)}(_\d+)?/[^/]+$", f)
                      and KEPT.match(os.path.basename(f)))]
    assert not strays, f"per-user files left after the session end: {strays}"
    assert PASSWORD not in "\n".join(s.stderr_lines), "the password reached the log"


def scenario_unknown(s):
    start(s, resource="Not-Published", reconnect="true")
    s.wait_line("atr-ui: kiosk launch unknown alias=Not-Published",
                what="the unknown alias reported")
    s.wait_line("atr-ui: toast", what="the message on screen")
    assert any("Not-Published" in l for l in s.lines("atr-ui: toast")), s.lines("atr-ui: toast")
    time.sleep(2)
    # Still signed in, on the grid, nothing opened, one window.
    assert not s.lines("atr-launcher: open"), s.lines("atr-launcher: open")
    assert not s.lines("atr-ui: kiosk sign-out"), s.lines("atr-ui: kiosk sign-out")
    assert len(s.window_id().split()) == 1, "a second window opened"
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="the tenant's header")


SCENARIOS = {"unknown": scenario_unknown, "autolaunch": scenario_autolaunch,
             "reconnect": scenario_reconnect, "home": scenario_home}


def main():
    return atrui.run_scenario(SCENARIOS, ShadowKiosk, "kiosk-session-")


if __name__ == "__main__":
    sys.exit(main())
