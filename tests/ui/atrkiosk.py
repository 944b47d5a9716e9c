"""Kiosk-mode helpers for the Xvfb UI tests (tests/test-ui-kiosk*.py).

KioskSession extends atrui.Session: it writes an atrium.conf into the session's folder and
starts atrium under its own D-Bus session with an unlocked gnome-keyring, so that
secret-tool can ask the same Secret Service the app used.
"""
import os
import re
import subprocess
import threading

import atrui

HARBOUR_HEADER_BG = "#e0f2f1"    # themes/harbour/theme.json
HEADER = lambda s: (0, 0, s.width, 46)            # noqa: E731
PASSWORD = "harbour-Secret-1"
TENANT = "harbour.atrium.test"
# The files a wipe keeps in the tenant's cache folder (client/core/atr-user-wipe.c).
KEPT = re.compile(r"^(tenant\.json|theme\.json|logo-(light|dark))(\.ini)?$")


class KioskSession(atrui.Session):
    def write_conf(self, mode=0o644, **keys):
        etc = os.path.join(self.tmp, "etc")
        os.makedirs(etc, exist_ok=True)
        os.chmod(etc, 0o755)
        path = os.path.join(etc, "atrium.conf")
        with open(path, "w") as f:
            f.write("[kiosk]\n" + "".join(f"{k}={v}\n" for k, v in keys.items()))
        os.chmod(path, mode)
        return etc

    def start_kiosk(self, etc, *args):
        """atrium under its own bus with an unlocked gnome-keyring; the bus address goes to
        a file so that secret-tool can ask the same Secret Service."""
        self.bus_file = os.path.join(self.tmp, "bus")
        app = [os.path.join(self.build, "client", "atrium"),
               "--trust", os.path.join(self.certs, "ca.pem"),
               "--resolve", f"{TENANT}:{self.port}:127.0.0.1", *args]
        argv = ["dbus-run-session", "--", "sh", "-c",
                "printf test | gnome-keyring-daemon --unlock --components=secrets"
                " >/dev/null 2>&1; printf %s \"$DBUS_SESSION_BUS_ADDRESS\" > \"$0\";"
                " exec \"$@\"", self.bus_file, *app]
        env = self.app_env({"ATRIUM_SYSCONFDIR": etc,
                            "ATRIUM_KIOSK_TRUSTED_UID": str(os.getuid())})
        self.stderr_lines = []
        self.app = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True)
        self.procs.append(self.app)
        threading.Thread(target=self._read_stderr, args=(self.app,), daemon=True).start()
        self.wait_for(lambda: self.window_id(), "the atrium window")

    def wait_line(self, prefix, count=1, what=None, timeout=20.0):
        return self.wait_for(lambda: len(self.lines(prefix)) >= count and self.lines(prefix),
                             what or f"stderr line {prefix!r}", timeout=timeout)

    def secrets(self):
        """secret-tool's view of the app's Secret Service: the items for the tenant."""
        with open(self.bus_file) as f:
            bus = f.read().strip()
        out = subprocess.run(["secret-tool", "search", "--all", "tenant", TENANT],
                             env={"DBUS_SESSION_BUS_ADDRESS": bus, "PATH": os.environ["PATH"]},
                             capture_output=True, text=True, timeout=20)
        return [l for l in (out.stdout + out.stderr).splitlines() if l.startswith("label")]

    def geometry(self):
        """(width, height) of the app's window from xdotool."""
        wid = self.window_id().split()[0]
        out = self.xdo("getwindowgeometry", wid)
        m = re.search(r"Geometry: (\d+)x(\d+)", out)
        assert m, out
        return int(m.group(1)), int(m.group(2))

    def atrium_files(self):
        """Every file under the XDG folders' atrium/ subfolders."""
        found = []
        for root in (".cache", ".config", os.path.join(".local", "share")):
            top = os.path.join(self.home, root, "atrium")
            for dirpath, _, names in os.walk(top):
                found += [os.path.relpath(os.path.join(dirpath, n), top) for n in names]
        return sorted(found)


def assert_fullscreen(s, what):
    assert s.geometry() == (s.width, s.height), \
        f"{what}: window {s.geometry()} is not the screen {(s.width, s.height)}"


def assert_no_window_buttons(s, what):
    """The header's right end, where minimize and maximize would be (left of the menu
    button), is plain header colour: the kiosk shows no window controls."""
    box = (s.width - 94, 10, s.width - 49, 46)
    plain = s.screen().count(HARBOUR_HEADER_BG, box)
    assert plain == (box[2] - box[0]) * (box[3] - box[1]), \
        f"{what}: window buttons in the header ({plain} plain pixels of {box})"
