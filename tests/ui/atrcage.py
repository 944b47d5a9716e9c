"""The real atrium --kiosk under the cage Wayland kiosk compositor (docs/kiosk.md).

CageSession extends atrkiosk.KioskSession: the same loopback broker and atrium.conf, but the
app runs as `cage -d -- atrium --kiosk` on Wayland only (GDK_BACKEND=wayland, no DISPLAY)
with a private XDG_RUNTIME_DIR. Screens are read with grim (wlr-screencopy, PPM).

Two wlroots backends:
  headless  WLR_BACKENDS=headless, pixman renderer: no X server anywhere, one 1280x720
            output. cage 0.1.4 has no virtual-keyboard protocol (wtype says "Compositor
            does not support the virtual keyboard protocol"), so nothing can type here.
  x11       cage's output is a window on a private Xvfb; xdotool types into that window
            and the keys reach the app through cage's own seat as wl_keyboard events
            (the app itself still has no X connection). One 1024x768 output.

cage refuses to run as root ("Unable to drop root ... refusing to start"), so as root it is
started as `nobody` with setpriv, and the session's folder is handed to that user. That user
may not be able to read the checkout (a build in /root/…), so the app that runs is a copy
installed into the session's folder (`meson install --destdir`, schemas compiled as a
package's trigger would), which finds its data relative to itself (client/core/
atr-data-dirs.c); the test trust file is copied there too.
"""
import os
import pwd
import shutil
import signal
import subprocess
import threading

import atrkiosk
import atrui

# wlroots 0.15's output sizes: headless outputs and x11 backend windows.
OUTPUT_SIZE = {"headless": (1280, 720), "x11": (1024, 768)}
# cage's messages when wlroots has no renderer or allocator for this machine.
NO_RENDERER = ("Unable to create the wlroots renderer", "Unable to create the wlroots allocator")
SKIP = 77


class CageCannotRun(Exception):
    """cage exited because wlroots could not render on this machine (the test skips)."""


class CageSession(atrkiosk.KioskSession):
    def __init__(self, name, backend="headless"):
        self.backend = backend
        # The Xvfb that hosts cage's x11 output window; larger than that window.
        super().__init__(name, width=1280, height=800)
        self.output = OUTPUT_SIZE[backend]
        self.run_dir = os.path.join(self.tmp, "run")
        os.makedirs(self.run_dir, mode=0o700)
        self.user = None
        if os.getuid() == 0:
            self.user = pwd.getpwnam("nobody")
        self.cage = None
        self.cage_lines = []
        self.atrium, self.trust = self._install_copy()

    def _install_copy(self):
        """`meson install --destdir` of the build into the session's folder; returns the
        copy's atrium and the test trust file copied beside it."""
        dest = os.path.join(self.tmp, "install")
        meson = os.environ.get("ATR_MESON") or shutil.which("meson")
        out = subprocess.run([meson, "install", "-C", self.build, "--no-rebuild", "--quiet",
                              "--destdir", dest], capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise AssertionError(f"meson install --destdir {dest} failed: {out.stdout}"
                                 f"{out.stderr}")
        found = [os.path.join(d, "atrium") for d, _, files in os.walk(dest)
                 if os.path.basename(d) == "bin" and "atrium" in files]
        assert len(found) == 1, f"no single bin/atrium in the installed copy: {found}"
        prefix = os.path.dirname(os.path.dirname(found[0]))
        subprocess.run(["glib-compile-schemas", "--strict",
                        os.path.join(prefix, "share", "glib-2.0", "schemas")],
                       check=True, timeout=60)
        trust = os.path.join(self.tmp, "ca.pem")
        shutil.copyfile(os.path.join(self.certs, "ca.pem"), trust)
        return found[0], trust

    def _start_xvfb(self):
        return super()._start_xvfb() if self.backend == "x11" else None

    def _hand_over(self, keep):
        """Everything under the session's folder but `keep` (the root-owned atrium.conf
        folder) belongs to the user cage runs as."""
        if self.user is None:
            return
        uid, gid = self.user.pw_uid, self.user.pw_gid
        for dirpath, dirnames, filenames in os.walk(self.tmp):
            if dirpath == keep or dirpath.startswith(keep + os.sep):
                continue
            os.chown(dirpath, uid, gid)
            for n in filenames:
                os.chown(os.path.join(dirpath, n), uid, gid)

    def cage_env(self, etc):
        env = self.app_env({"ATRIUM_SYSCONFDIR": etc, "XDG_RUNTIME_DIR": self.run_dir,
                            "GDK_BACKEND": "wayland", "WLR_RENDERER": "pixman",
                            "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_BACKENDS": self.backend,
                            # atrium.conf belongs to whoever runs the test (root in CI).
                            "ATRIUM_KIOSK_TRUSTED_UID": str(os.getuid())})
        if self.backend == "x11":
            env["DISPLAY"] = self.display     # cage's own window; the app never sees it
            env["WLR_X11_OUTPUTS"] = "1"
        else:
            env.pop("DISPLAY", None)
        return env

    def start_cage(self, etc, *args):
        """`cage -d -- atrium --kiosk` as the docs' unit runs it. The app gets its session
        bus and an unlocked gnome-keyring (the PAM login session's job on a real kiosk)
        and no DISPLAY (cage points it at its Xwayland, which must stay unused)."""
        self._hand_over(etc)
        app = [self.atrium, "--kiosk", "--trust", self.trust,
               "--resolve", f"{atrkiosk.TENANT}:{self.port}:127.0.0.1", *args]
        argv = ["cage", "-d", "--", "env", "-u", "DISPLAY", "dbus-run-session", "--",
                "sh", "-c", "printf test | gnome-keyring-daemon --unlock --components=secrets"
                " >/dev/null 2>&1; exec \"$@\"", "sh", *app]
        if self.user is not None:
            argv = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}",
                    "--clear-groups", *argv]
        self.stderr_lines = []
        self.cage = subprocess.Popen(argv, env=self.cage_env(etc), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        self.app = self.cage     # cage exits when the app does
        self.procs.append(self.cage)
        threading.Thread(target=self._read_stderr, args=(self.cage,), daemon=True).start()
        try:
            self.wait_for(lambda: os.path.exists(os.path.join(self.run_dir, "wayland-0"))
                          and self.lines("atr-ui: "), "cage and the app to start")
        except AssertionError:
            self._check_renderer()
            raise

    def _check_renderer(self):
        if self.cage.poll() is None:
            return
        with self._lock:
            found = [l for l in self.stderr_lines if any(m in l for m in NO_RENDERER)]
        if found:
            raise CageCannotRun("cage cannot render on this machine: " + " | ".join(found))

    def close(self):
        """cage 0.1.4 may abort at shutdown ("wl_display_terminate: Assertion ... failed");
        its exit status is not checked (nor does it pass on the app's)."""
        if self.cage is not None and self.cage.poll() is None:
            try:
                os.killpg(self.cage.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        super().close()

    # --- Wayland screen ----------------------------------------------------------------
    def screen(self):
        out = subprocess.run(["grim", "-t", "ppm", "-"],
                             env={"XDG_RUNTIME_DIR": self.run_dir, "WAYLAND_DISPLAY": "wayland-0",
                                  "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                             capture_output=True, timeout=20)
        if out.returncode != 0:
            raise AssertionError(f"grim failed ({out.returncode}): {out.stderr.decode()}")
        return atrui.Screen(out.stdout)

    def save(self, path):
        with open(path, "wb") as f:
            f.write(subprocess.run(["grim", "-t", "png", "-"],
                                   env={"XDG_RUNTIME_DIR": self.run_dir,
                                        "WAYLAND_DISPLAY": "wayland-0"},
                                   capture_output=True, timeout=20).stdout)

    def window_id(self):
        raise AssertionError("no X window ids under cage; read the screen with grim")

    def focus_output(self):
        """x11 backend: the pointer on cage's output window, so that its keys go there
        (no window manager: the X focus follows the pointer)."""
        assert self.backend == "x11", "only the x11 backend takes keys"
        self.xdo("mousemove", "200", "200")


def assert_fills_output(s, what, screen=None):
    """The screenshot is cage's whole output, and the tenant's header runs across its full
    width along the top edge: the app covers the output, and the app's last reported state
    (from the compositor's configure) is fullscreen."""
    screen = screen or s.screen()
    assert (screen.width, screen.height) == s.output, \
        f"{what}: screenshot {screen.width}x{screen.height} is not the output {s.output}"
    top = (0, 0, screen.width, 2)      # the logo starts on row 2
    got = screen.count(atrkiosk.HARBOUR_HEADER_BG, top)
    assert got == screen.width * 2, \
        f"{what}: the top edge is not all header colour ({got} of {screen.width * 2} pixels)"
    states = s.lines("atr-ui: kiosk fullscreen ")
    assert states and states[-1] == "atr-ui: kiosk fullscreen on", \
        f"{what}: the window is not fullscreen (states: {states})"


def assert_no_window_buttons(s, what, screen=None):
    """atrkiosk's check on the output's width: the header's right end left of the menu
    button, where minimize and maximize would be, is plain header colour."""
    screen = screen or s.screen()
    box = (screen.width - 94, 10, screen.width - 49, 46)
    plain = screen.count(atrkiosk.HARBOUR_HEADER_BG, box)
    assert plain == (box[2] - box[0]) * (box[3] - box[1]), \
        f"{what}: window buttons in the header ({plain} plain pixels of {box})"
