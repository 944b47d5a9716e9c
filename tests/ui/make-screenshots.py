#!/usr/bin/env python3
"""Takes the README/AppStream screenshots of the real app under Xvfb:
data/screenshots/{resources-light,resources-dark,resources-ironworks,session,sign-in}.png.
All but sign-in come from ./scripts/run-demo.sh as a newcomer runs it (tests/ui/atrdemo.py);
the demo tenant has no password, so sign-in.png comes from the test broker with one.
Run from a configured and built build dir: ATR_BUILD_ROOT=$PWD/_build ATR_SOURCE_ROOT=$PWD \
ATR_TEST_CERTS=$PWD/_build/tests/certs tests/ui/make-screenshots.py [OUTDIR]"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atrui  # noqa: E402
from atrdemo import HARBOUR_HEADER_BG, DemoSession  # noqa: E402


def shoot(s, path, window=None):
    # Let icons and the spinner settle; the grid is already shown at this point.
    time.sleep(1.0)
    window = window or min(s.window_id().split(), key=int)
    subprocess.run(["import", "-silent", "-window", window, path],
                   env={"DISPLAY": s.display}, check=True)
    print("wrote", path)


def demo(out, name, env=None, second=False, session=False):
    s = DemoSession(name, width=1100, height=720)
    try:
        s.start_demo(env=env)
        port = s.demo_port()
        # The header check knows the light palette only.
        s.add_demo_tenant(header=None if env else HARBOUR_HEADER_BG)
        if second:
            s.key("ctrl+n")
            s.type(f"ironworks.atrium.test:{port}")
            s.key("Return")
            s.wait_line("atr-ui: enrol preview ironworks.atrium.test")
            s.key("Return")
            s.wait_line("atr-ui: resources grid shown=3 ")
        if session:
            s.open_by_search("Harbour Desktop", "HDG-Desktop")
            shoot(s, os.path.join(out, name + ".png"), s.wait_demo_desktop())
        else:
            shoot(s, os.path.join(out, name + ".png"))
        s.quit_demo()
    finally:
        s.close()


def sign_in(out):
    s = atrui.Session("sign-in", width=1100, height=720)
    try:
        s.start_broker(auth="basic", user="alice", password="demo")
        s.start_app(f"harbour.atrium.test:{s.port}")
        s.key("Return")
        s.wait_line("atr-ui: enrol preview harbour.atrium.test")
        s.key("Return")
        s.wait_line("atr-ui: page sign-in")
        s.type("alice@harbour.atrium.test")
        shoot(s, os.path.join(out, "sign-in.png"))
    finally:
        s.close()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.environ["ATR_SOURCE_ROOT"], "data", "screenshots")
    os.makedirs(out, exist_ok=True)
    demo(out, "resources-light")
    demo(out, "resources-dark", env={"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})
    demo(out, "resources-ironworks", second=True)
    demo(out, "session", session=True)
    sign_in(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
