#!/usr/bin/env python3
"""Takes the README/AppStream screenshots of the real app under Xvfb against the demo
tenants: data/screenshots/{resources-light,resources-dark,resources-ironworks,sign-in}.png.
Run from a configured build dir: ATR_BUILD_ROOT=_build ATR_SOURCE_ROOT=. \
ATR_TEST_CERTS=_build/tests/certs tests/ui/make-screenshots.py [OUTDIR]"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atrui  # noqa: E402


def shoot(s, path):
    # Let icons and the spinner settle; the grid is already shown at this point.
    time.sleep(1.0)
    window = s.window_id().split()[0]
    subprocess.run(["import", "-silent", "-window", window, path],
                   env={"DISPLAY": s.display}, check=True)
    print("wrote", path)


def enrol(s, domain, count):
    s.key("Return")
    s.wait_line(f"atr-ui: enrol preview {domain}")
    s.key("Return")
    s.wait_line(f"atr-ui: resources grid shown={count} ", count=1)


def resources(out, name, env=None, second=False):
    s = atrui.Session(name, width=1100, height=720)
    try:
        s.start_broker()
        s.start_app(f"harbour.atrium.test:{s.port}", env=env)
        enrol(s, "harbour.atrium.test", 9)
        if second:
            s.key("ctrl+n")
            s.type(f"ironworks.atrium.test:{s.port}")
            enrol(s, "ironworks.atrium.test", 3)
        shoot(s, os.path.join(out, name + ".png"))
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
    resources(out, "resources-light")
    resources(out, "resources-dark", env={"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})
    resources(out, "resources-ironworks", second=True)
    sign_in(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
