"""A real RDP server for the Xvfb UI tests: freerdp-shadow-cli3 on its own Xvfb.

The Python twin of tests/atr-shadow-fixture.h: an Xvfb 1024x768x24 covered by
`xlogo -bg C -fg C` of one known colour, the test PKI's certificate profile copied to
$XDG_CONFIG_HOME/freerdp/shadow/shadow.{crt,key} (the only place the server reads it from),
`freerdp-shadow-cli3 /bind-address:127.0.0.1 /port:N -auth`, readiness read from
/proc/net/tcp (no probe connection ever reaches the server). stop() kills the server only,
start() again brings it back on the same port; close() ends everything it started, by PID.
"""
import os
import shutil
import socket
import subprocess
import time

SHADOW_COLOUR = "#336699"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    needle = f"0100007F:{port:04X} 00000000:0000 0A"
    with open("/proc/net/tcp") as f:
        return needle in f.read()


class Shadow:
    def __init__(self, tmp, certs, cert="good", colour=SHADOW_COLOUR):
        self.dir = os.path.join(tmp, "shadow")
        os.makedirs(self.dir, exist_ok=True)
        self.certs, self.cert, self.colour = certs, cert, colour
        self.port = None
        self.server = None
        self.generation = 0
        self.procs = []
        self.display = self._start_display()

    def _start_display(self):
        r, w = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1024x768x24",
                                 "-nolisten", "tcp", "-noreset"], pass_fds=(w,),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        self.procs.append(xvfb)
        with os.fdopen(r, "rb") as f:
            number = f.readline().strip().decode()
        if not number:
            raise RuntimeError("the shadow's Xvfb did not report a display")
        display = ":" + number
        self._cover(display)
        return display

    def _cover(self, display):
        """What the server shows: the screen in one colour (a subclass may put a program
        there that also reports what it gets, as test-ui-keys does with atr-x11-probe)."""
        self.procs.append(subprocess.Popen(
            ["xlogo", "-display", display, "-geometry", "1024x768+0+0",
             "-bg", self.colour, "-fg", self.colour],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def start(self, port=None):
        """Starts the server (on @port, the last port, or a free one); waits until it listens."""
        self.stop()
        self.generation += 1
        xdg = os.path.join(self.dir, f"xdg-{self.generation}")
        home = os.path.join(self.dir, "home")
        shadow_dir = os.path.join(xdg, "freerdp", "shadow")
        os.makedirs(shadow_dir, mode=0o700)
        os.makedirs(home, mode=0o700, exist_ok=True)
        for ext, name in ((".crt", "shadow.crt"), (".key", "shadow.key")):
            dest = os.path.join(shadow_dir, name)
            shutil.copyfile(os.path.join(self.certs, self.cert + ext), dest)
            os.chmod(dest, 0o600)
        self.port = port or self.port or free_port()
        log = open(os.path.join(self.dir, f"shadow-{self.generation}.log"), "w")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DISPLAY": self.display,
               "XDG_CONFIG_HOME": xdg, "HOME": home}
        self.server = subprocess.Popen(
            ["freerdp-shadow-cli3", "/bind-address:127.0.0.1", f"/port:{self.port}", "-auth"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(self.server)
        deadline = time.monotonic() + 10
        while not listening(self.port):
            if self.server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"freerdp-shadow-cli3 did not listen on port {self.port}"
                                   f" (log: {log.name})")
            time.sleep(0.02)
        return self.port

    def stop(self):
        """Kills the server (its clients see the connection drop)."""
        if self.server is not None and self.server.poll() is None:
            self.server.kill()
            self.server.wait(timeout=10)
        self.server = None

    def close(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def near(screen, rgb, tolerance=8, step=4):
    """About how many pixels are within @tolerance of @rgb per channel (the codec and the
    scaling to the window shift a flat colour slightly); every @step-th row and column."""
    want = bytes.fromhex(rgb.lstrip("#"))
    px, n = screen.pixels, 0
    for y in range(0, screen.height, step):
        row = y * screen.width * 3
        for x in range(0, screen.width, step):
            i = row + x * 3
            if (abs(px[i] - want[0]) <= tolerance and abs(px[i + 1] - want[1]) <= tolerance
                    and abs(px[i + 2] - want[2]) <= tolerance):
                n += 1
    return n * step * step


def write_tenant_root(source, tmp, port, alias="HDG-Desktop", tenant="harbour.atrium.test"):
    """A broker root with @tenant copied from tests/data/tenants and the .rdp of @alias
    pointing at the shadow server on 127.0.0.1:@port (no gateway). Returns the root."""
    root = os.path.join(tmp, "tenants")
    shutil.copytree(os.path.join(source, "tests", "data", "tenants", tenant),
                    os.path.join(root, tenant))
    rdp = os.path.join(root, tenant, "RDWeb", "Pages", "rdp", alias + ".rdp")
    lines = [f"full address:s:127.0.0.1:{port}", "screen mode id:i:2",
             "prompt for credentials:i:0", "authentication level:i:2",
             "gatewayusagemethod:i:0"]
    with open(rdp, "wb") as f:
        f.write("\ufeff".encode("utf-16-le") + "\r\n".join(lines + [""]).encode("utf-16-le"))
    return root
