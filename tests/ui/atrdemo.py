"""Runs ./scripts/run-demo.sh under the test's own Xvfb, as README.md tells a newcomer to.

DemoSession is an atrui.Session whose "app" is `dbus-run-session -- scripts/run-demo.sh`
(in a session of its own, so every process the demo starts is in one process group):
ATR_BUILDDIR points run-demo.sh at the build under test, DISPLAY at this Xvfb, HOME at a
private folder. Nothing else of the test's environment reaches it: run-demo.sh sets up the
rest itself. Its output (the script's, the services' and the app's ATR_DEBUG_* lines) is
read like the app's stderr in atrui. Keys are typed as a newcomer would.
"""
import os
import signal
import subprocess
import threading
import time

import atrui

TENANT = "harbour.atrium.test"
RDP_HOST = "harbour-rdcb01.atrium.test"
HARBOUR_HEADER_BG = "#e0f2f1"      # themes/harbour/theme.json, light
DEMO_DESKTOP = "#336699"           # scripts/demo-services.py
HEADER = lambda s: (0, 0, s.width, 46)   # noqa: E731


def near(screen, rgb, box=None, tolerance=8, step=4):
    """About how many pixels in @box are within @tolerance of @rgb per channel (the codec
    and the scaling to the window shift a flat colour slightly); every @step-th pixel."""
    want = bytes.fromhex(rgb.lstrip("#"))
    x0, y0, x1, y1 = box or (0, 0, screen.width, screen.height)
    px, n = screen.pixels, 0
    for y in range(max(0, y0), min(screen.height, y1), step):
        row = y * screen.width * 3
        for x in range(max(0, x0), min(screen.width, x1), step):
            i = row + x * 3
            if (abs(px[i] - want[0]) <= tolerance and abs(px[i + 1] - want[1]) <= tolerance
                    and abs(px[i + 2] - want[2]) <= tolerance):
                n += 1
    return n * step * step


class DemoSession(atrui.Session):
    def start_demo(self, *args, env=None):
        """run-demo.sh [args]; returns once the Atrium window is up."""
        demo_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_RUNTIME_DIR": self.tmp,
            "TMPDIR": self.tmp,
            "DISPLAY": self.display,
            "ATR_BUILDDIR": self.build,
            "LANG": "C.UTF-8",
            # What the checks read: the app's trace lines, drawn pixel-exact (no GL here).
            "ATR_DEBUG_UI": "1",
            "ATR_DEBUG_LAUNCHER": "1",
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "none",
            "NO_AT_BRIDGE": "1",
            "NO_PROXY": "*",
            "GIO_USE_PROXY_RESOLVER": "dummy",
        }
        demo_env.update(env or {})
        argv = ["dbus-run-session", "--",
                os.path.join(self.source, "scripts", "run-demo.sh"), *args]
        self.stderr_lines = []
        self.app = subprocess.Popen(argv, env=demo_env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        self.procs.append(self.app)
        threading.Thread(target=self._read_output, args=(self.app,), daemon=True).start()
        # install-deps.sh and a no-op ninja run first, then the services.
        self.wait_for(lambda: self.window_id(), "the atrium window", timeout=180)
        self.xdo("mousemove", str(self.width - 1), str(self.height - 1))

    def _read_output(self, proc):
        for raw in proc.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            with self._lock:
                self.stderr_lines.append(line)

    def demo_port(self):
        line = self.wait_line(f"Demo tenant {TENANT} served on https://127.0.0.1:")[-1]
        return int(line.rsplit(":", 1)[1])

    # --- what a newcomer does ----------------------------------------------------------
    def add_demo_tenant(self, count=9, header=HARBOUR_HEADER_BG):
        """The address is filled in by run-demo.sh: Return looks it up (the tenant's header
        colour @header shows in the preview), Return adds it; the grid shows @count tiles."""
        self.key("Return")
        self.wait_line(f"atr-ui: enrol preview {TENANT}")
        if header is not None:
            self.wait_colour(header, HEADER(self), at_least=5000,
                             what="the tenant's header colour")
        self.key("Return")
        self.wait_line(f"atr-ui: resources grid shown={count} ")

    def open_by_search(self, text, alias):
        """Type-to-search @text; Return opens the first match (@alias)."""
        before = len(self.lines("atr-launcher: open "))
        shown = len(self.lines("atr-ui: resources grid shown=1 "))
        self.type(text)
        self.wait_line("atr-ui: resources grid shown=1 ", count=shown + 1,
                       what=f"one tile for “{text}”")
        self.key("Return")
        opened = self.wait_line("atr-launcher: open ", count=before + 1)[-1]
        assert opened == f"atr-launcher: open {TENANT} {alias}" or \
            opened.startswith(f"atr-launcher: open {TENANT}_") and opened.endswith(f" {alias}"), \
            f"opened the wrong resource: {opened}"

    def session_window(self):
        """The session window: the Atrium window created last."""
        ids = self.window_id().split()
        return max(ids, key=int) if len(ids) >= 2 else None

    def window_box(self, wid):
        out = self.xdo("getwindowgeometry", wid)
        pos = out.split("Position: ")[1].split()[0].split(",")
        size = out.split("Geometry: ")[1].split()[0].split("x")
        x, y, w, h = int(pos[0]), int(pos[1]), int(size[0]), int(size[1])
        return (x, y, x + w, y + h)

    def wait_demo_desktop(self, share=0.5):
        """A session window showing the demo desktop's colour over @share of its area."""
        self.wait_for(lambda: self.lines(f"atr-ui: session: connected to {RDP_HOST}"),
                      "the session to connect", timeout=60)

        def shown():
            wid = self.session_window()
            if wid is None:
                return None
            box = self.window_box(wid)
            area = (box[2] - box[0]) * (box[3] - box[1])
            return near(self.screen(), DEMO_DESKTOP, box) >= share * area and wid

        return self.wait_for(shown, f"the {DEMO_DESKTOP} demo desktop in the session window",
                             timeout=30)

    def focus_main(self):
        self.xdo("windowfocus", "--sync", min(self.window_id().split(), key=int))

    def shoot(self, wid, path):
        subprocess.run(["import", "-silent", "-window", wid, path],
                       env={"DISPLAY": self.display}, check=True)

    def close(self):
        if self.app is not None:
            stop_session(self.app.pid)
        super().close()

    # --- the end -----------------------------------------------------------------------
    def quit_demo(self):
        """Ctrl+Q in the main window ends the app (with sessions open it asks first: Alt+Q
        answers Quit); run-demo.sh then stops its services. Returns its exit status once
        every process of the demo is gone."""
        self.focus_main()
        self.key("ctrl+q")
        if self.lines("atr-launcher: session "):
            self.wait_line("atr-ui: quit: asking, ", what="Quit Atrium? with sessions open")
            self.key("alt+q")
        try:
            status = self.app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            raise AssertionError("run-demo.sh did not end after Ctrl+Q; output:\n"
                                 + "\n".join(self.stderr_lines[-30:]))
        self.wait_for(lambda: not session_members(self.app.pid), "every demo process to end",
                      timeout=15)
        return status


def session_members(sid):
    """The PIDs and names of the processes in session @sid: run-demo.sh and everything it
    started (the app, the services) unless something left the session."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            members.append(f"{entry} {name}")
    return members


def stop_session(sid):
    """Ends what is left of the demo's session (after a failure), by its PIDs."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for member in session_members(sid):
            try:
                os.kill(int(member.split()[0]), signum)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while session_members(sid) and time.monotonic() < deadline:
            time.sleep(0.1)
