"""Drives the real atrium app under Xvfb against the loopback test broker.

Each Session owns what it starts (Xvfb, the broker, dbus-run-session + atrium) and kills
exactly those PIDs. Screens are read with ImageMagick `import` as PPM and checked by colour;
the app's debug lines (ATR_DEBUG_LAUNCHER, ATR_DEBUG_UI) are read from its stderr.
"""
import os
import sys
import shutil
import signal
import subprocess
import tempfile
import threading
import time


def env_path(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set (run through meson test)")
    return value


def libadwaita_version():
    """(major, minor) of the libadwaita the app is built and run with (pkg-config's answer:
    the same library on a distribution). Some of its colours changed between versions."""
    out = subprocess.run(["pkg-config", "--modversion", "libadwaita-1"], capture_output=True,
                         text=True, check=True).stdout.strip()
    return tuple(int(p) for p in out.split(".")[:2])


class Screen:
    """An RGB screenshot (from a binary PPM)."""

    def __init__(self, data):
        parts = []
        pos = 0
        while len(parts) < 4:
            while data[pos:pos + 1].isspace():
                pos += 1
            if data[pos:pos + 1] == b"#":
                pos = data.index(b"\n", pos)
                continue
            end = pos
            while not data[end:end + 1].isspace():
                end += 1
            parts.append(data[pos:end])
            pos = end
        if parts[0] != b"P6" or parts[3] != b"255":
            raise ValueError(f"not an 8-bit P6 PPM: {parts!r}")
        self.width, self.height = int(parts[1]), int(parts[2])
        self.pixels = data[pos + 1:]

    def count(self, rgb, box=None):
        """Pixels exactly of colour `rgb` ("#rrggbb") inside box (x0, y0, x1, y1)."""
        want = bytes.fromhex(rgb.lstrip("#"))
        x0, y0, x1, y1 = box or (0, 0, self.width, self.height)
        n = 0
        for y in range(max(0, y0), min(self.height, y1)):
            row = self.pixels[(y * self.width + x0) * 3:(y * self.width + x1) * 3]
            start = 0
            while True:
                i = row.find(want, start)
                if i < 0:
                    break
                if i % 3 == 0:
                    n += 1
                    start = i + 3
                else:
                    start = i + 1
        return n


class Session:
    def __init__(self, name, width=1024, height=700):
        self.name = name
        self.build = env_path("ATR_BUILD_ROOT")
        self.source = env_path("ATR_SOURCE_ROOT")
        self.certs = env_path("ATR_TEST_CERTS")
        self.tmp = tempfile.mkdtemp(prefix=f"atr-ui-{name}-")
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        self.procs = []
        self.broker = None
        self.app = None
        self.port = None
        self.stderr_lines = []
        self._lock = threading.Lock()
        self.width, self.height = width, height
        self.display = self._start_xvfb()

    # --- processes -------------------------------------------------------------------
    def _start_xvfb(self):
        """A fresh Xvfb, checked with a client connection before the app is started on it
        (once, under load, an app could not open a display Xvfb had just reported)."""
        for _ in range(5):
            proc, display = self._spawn_xvfb()
            if display and self._display_answers(proc, display):
                return display
            if proc.poll() is None:
                proc.terminate()
            proc.wait()
            self.procs.remove(proc)
            time.sleep(0.2)
        raise RuntimeError("Xvfb did not start")

    def _display_answers(self, proc, display, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            ok = subprocess.run(["xdotool", "getdisplaygeometry"], env={"DISPLAY": display},
                                capture_output=True).returncode == 0
            if ok:
                return True
            time.sleep(0.1)
        return False

    def _spawn_xvfb(self):
        r, w = os.pipe()
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0",
             f"{self.width}x{self.height}x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(w,), stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.tmp, "xvfb.log"), "ab"))
        self.xvfb = proc
        os.close(w)
        self.procs.append(proc)
        number = b""
        with os.fdopen(r, "rb") as f:
            number = f.readline().strip()
        return proc, ":" + number.decode() if number else None

    def start_broker(self, cert="good", auth=None, user=None, password=None, root=None):
        """The broker serving @root (default: tests/data/tenants)."""
        port_file = os.path.join(self.tmp, "port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        argv = [os.path.join(self.build, "tests", "servers", "atrium-test-broker"),
                "--root", root or os.path.join(self.source, "tests", "data", "tenants"),
                "--cert", os.path.join(self.certs, cert + ".crt"),
                "--key", os.path.join(self.certs, cert + ".key"),
                "--listen", f"127.0.0.1:{self.port or 0}", "--port-file", port_file]
        if auth:
            pw_file = os.path.join(self.tmp, "password")
            with open(pw_file, "w") as f:
                f.write(password)
            argv += ["--auth", auth, "--user", user, "--password-file", pw_file]
        self.broker = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                       stderr=open(os.path.join(self.tmp, "broker.log"), "w"))
        self.procs.append(self.broker)
        self.wait_for(lambda: os.path.exists(port_file) and open(port_file).read().strip(),
                      "broker port file")
        self.port = int(open(port_file).read().strip())
        return self.port

    def stop_broker(self):
        self.broker.terminate()
        self.broker.wait(timeout=10)

    def app_env(self, extra=None):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "XDG_DATA_HOME": os.path.join(self.home, ".local", "share"),
            "XDG_RUNTIME_DIR": self.tmp,
            "DISPLAY": self.display,
            # Software rendering: the cairo renderer (see TOOLCHAIN.md) is faster and
            # pixel-exact, which the colour checks rely on.
            "GSK_RENDERER": "cairo",
            "GSETTINGS_BACKEND": "memory",
            # No GSETTINGS_SCHEMA_DIR or ATR_THEMES_DIR: the app finds its schema, themes,
            # icon and translations itself, in the build tree (client/core/atr-data-dirs.c).
            "ATR_DEBUG_LAUNCHER": "1",
            "ATR_DEBUG_UI": "1",
            "G_DEBUG": "fatal-warnings",
            "GTK_A11Y": "none",
            "NO_AT_BRIDGE": "1",
            "LANG": "C.UTF-8",
            "NO_PROXY": "*",
            "GIO_USE_PROXY_RESOLVER": "dummy",
        }
        env.update(extra or {})
        return env

    def start_app(self, *args, env=None, keyring=False):
        app = [os.path.join(self.build, "client", "atrium"),
               "--trust", os.path.join(self.certs, "ca.pem"),
               "--resolve", f"harbour.atrium.test:{self.port}:127.0.0.1",
               "--resolve", f"ironworks.atrium.test:{self.port}:127.0.0.1", *args]
        if keyring:
            # An unlocked Secret Service (gnome-keyring) in the app's private session bus;
            # its keyring file lives in this session's HOME, so it survives a restart.
            app = ["sh", "-c", "printf test | gnome-keyring-daemon --unlock --components=secrets"
                   " >/dev/null 2>&1; exec \"$@\"", "sh", *app]
        argv = ["dbus-run-session", "--", *app]
        self.stderr_lines = []
        self.app = subprocess.Popen(argv, env=self.app_env(env), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True)
        self.procs.append(self.app)
        app_proc = self.app
        threading.Thread(target=self._read_stderr, args=(app_proc,), daemon=True).start()
        self.wait_for(lambda: self.window_id(), "the atrium window")
        self._wait_for_keyboard_focus()
        self.xdo("mousemove", str(self.width - 1), str(self.height - 1))

    def _wait_for_keyboard_focus(self, timeout=5.0):
        """Xvfb has no window manager: GTK gives its new window the input focus itself, a
        moment after the window is mapped. A key sent in between goes to the root window and
        is lost (seen under load as a Return that never looked anything up), so wait until
        the focus is on one of the app's windows. Some apps' first window never takes it (a
        kiosk under cage); after the timeout the scenario goes on and its own checks decide."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.app is not None and self.app.poll() is not None:
                return
            focus = self.xdo("getwindowfocus", "-f").strip()
            if focus and focus in self.window_id().split():
                return
            time.sleep(0.05)
        print(f"note: no window of the app had the keyboard focus after {timeout} s",
              file=sys.stderr)

    def stop_app(self):
        os.killpg(self.app.pid, signal.SIGTERM)
        self.app.wait(timeout=10)
        self.app = None
        self.wait_for(lambda: not self.window_id(), "the window to go away")

    def _read_stderr(self, app):
        for raw in app.stderr:
            line = raw.decode(errors="replace").rstrip("\n")
            with self._lock:
                self.stderr_lines.append(line)

    def lines(self, prefix):
        with self._lock:
            return [l for l in self.stderr_lines if l.startswith(prefix)]

    def close(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    if proc is self.app:
                        os.killpg(proc.pid, signal.SIGTERM)
                    else:
                        proc.terminate()
                except ProcessLookupError:
                    pass
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if os.environ.get("ATR_UI_KEEP") != "1":
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- X ---------------------------------------------------------------------------
    def xdo(self, *args):
        return subprocess.run(["xdotool", *args], env={"DISPLAY": self.display},
                              capture_output=True, text=True).stdout

    def window_id(self):
        return self.xdo("search", "--onlyvisible", "--name", ".").strip()

    def type(self, text):
        self.xdo("type", "--delay", "20", text)

    def key(self, *keys):
        self.xdo("key", "--delay", "30", *keys)

    def screen(self):
        data = subprocess.run(["import", "-silent", "-window", "root", "-depth", "8", "ppm:-"],
                              env={"DISPLAY": self.display}, capture_output=True,
                              check=True).stdout
        return Screen(data)

    def save(self, path):
        subprocess.run(["import", "-silent", "-window", "root", path],
                       env={"DISPLAY": self.display}, check=True)

    # --- waiting ---------------------------------------------------------------------
    def wait_for(self, condition, what, timeout=20.0):
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if self.app is not None and self.app.poll() is not None:
                raise AssertionError(f"atrium exited ({self.app.returncode}) while waiting "
                                     f"for {what}; {self._xvfb_state()}; stderr:\n"
                                     + "\n".join(self.stderr_lines))
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; stderr:\n"
                                     + "\n".join(self.stderr_lines[-30:]))
            time.sleep(0.1)

    def _xvfb_state(self):
        """Whether the display the app was given is still there, with Xvfb's own log, for a
        failure report (an app that cannot open its display is otherwise a mystery)."""
        xvfb = getattr(self, "xvfb", None)
        if xvfb is None:
            return "no Xvfb of ours"
        state = "running" if xvfb.poll() is None else f"exited ({xvfb.returncode})"
        try:
            with open(os.path.join(self.tmp, "xvfb.log"), errors="replace") as f:
                log = f.read()[-2000:]
        except OSError:
            log = ""
        return f"Xvfb {self.display} {state}; its log:\n{log}"

    def wait_colour(self, rgb, box=None, at_least=200, what=None):
        return self.wait_for(lambda: self.screen().count(rgb, box) >= at_least,
                             what or f"{at_least} pixels of {rgb}")

    def wait_line(self, prefix, count=1, what=None):
        return self.wait_for(lambda: len(self.lines(prefix)) >= count and self.lines(prefix),
                             what or f"stderr line {prefix!r}")


def run_scenario(scenarios, make_session, prefix="", after=None):
    """The main() of a scenario script: `SCRIPT SCENARIO`. Runs scenarios[SCENARIO] on
    make_session(prefix + SCENARIO) (then after(session), if given), prints PASS or FAIL
    and returns the exit status; with ATR_UI_SHOT_DIR a failure leaves the screen and the
    app's stderr there as fail-<prefix><scenario>.png / .log."""
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        print(f"usage: {sys.argv[0]} {{{','.join(scenarios)}}}", file=sys.stderr)
        return 2
    name = sys.argv[1]
    s = make_session(prefix + name)
    try:
        scenarios[name](s)
        if after is not None:
            after(s)
    except AssertionError as e:
        print(f"FAIL {name}: {e}", file=sys.stderr)
        shots = os.environ.get("ATR_UI_SHOT_DIR")
        if shots:
            base = os.path.join(shots, f"fail-{prefix}{name}")
            s.save(base + ".png")
            with open(base + ".log", "w") as f:
                f.write("\n".join(s.stderr_lines) + "\n")
        return 1
    finally:
        s.close()
    print(f"PASS {name}")
    return 0
