#!/usr/bin/env python3
"""The services behind ./scripts/run-demo.sh, all on 127.0.0.1, all stopped together.

Usage: demo-services.py BUILDDIR STATEDIR [--no-session]

Starts, for the demo tenant "Harbour Dental Group" (harbour.atrium.test):
  - a demo desktop: Xvfb (1024x768, depth 24) with a #336699 background and a clock;
  - a real RDP host showing it: freerdp-shadow-cli3 (or freerdp-shadow-cli), with the
    build's test certificate (read from $XDG_CONFIG_HOME/freerdp/shadow/shadow.{crt,key});
  - the routing gateway (atrium-test-rdp-gateway), which plays the tenant's RD Connection
    Broker: it routes each desktop's X.224 routing token (loadbalanceinfo) to that host;
  - the test broker serving a copy of tests/data/tenants in which the tenant's desktops
    point at the gateway as RDP_HOST:RDP_PORT (RemoteApps are left as published).
With --no-session only the broker runs, serving tests/data/tenants as it is.

When everything listens it writes STATEDIR/ready (shell assignments: BROKER_PORT,
RDP_HOST, RDP_PORT); the client resolves RDP_HOST with `--resolve RDP_HOST:RDP_PORT:127.0.0.1`.
It runs until SIGTERM, SIGINT or SIGHUP, or until its parent goes away, then stops every
process it started (by PID) and waits for them. Logs are in STATEDIR/*.log.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

TENANT = "harbour.atrium.test"
RDP_HOST = "harbour-rdcb01.atrium.test"   # the tenant's connection broker (its workspace id)
BACKGROUND = "#336699"
WIDTH, HEIGHT = 1024, 768


class Stop(Exception):
    pass


def _stop(signum, frame):
    raise Stop()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    """Read from /proc/net/tcp: no probe connection ever reaches the RDP server."""
    needle = f"0100007F:{port:04X} 00000000:0000 0A"
    with open("/proc/net/tcp") as f:
        return needle in f.read()


class Services:
    def __init__(self, build, state):
        self.build, self.state = build, state
        self.source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self.certs = os.path.join(build, "tests", "certs")
        self.procs = []
        self.names = {}

    # --- processes -------------------------------------------------------------------
    def spawn(self, name, argv, env=None, stdout=None, **kwargs):
        log = open(os.path.join(self.state, name + ".log"), "w")
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                stdout=stdout if stdout is not None else log,
                                stderr=log, **kwargs)
        self.procs.append(proc)
        self.names[proc.pid] = name
        return proc

    def wait_until(self, proc, condition, what, timeout=15.0):
        deadline = time.monotonic() + timeout
        while not condition():
            if proc.poll() is not None or time.monotonic() > deadline:
                name = self.names[proc.pid]
                with open(os.path.join(self.state, name + ".log")) as f:
                    log = f.read().strip()
                raise RuntimeError(f"{what} did not start ({name}"
                                   f"{', exit status %d' % proc.returncode if proc.poll() is not None else ''})"
                                   + (f":\n{log}" if log else ""))
            time.sleep(0.05)

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

    def base_env(self, **extra):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "HOME": os.path.join(self.state, "home"), "LC_ALL": "C.UTF-8"}
        env.update(extra)
        return env

    # --- the demo desktop and its RDP host ---------------------------------------------
    def start_xvfb(self):
        """A fresh Xvfb, checked with a client connection before anything is started on it
        (under load a display Xvfb had just reported could not be opened yet)."""
        for _ in range(5):
            r, w = os.pipe()
            xvfb = self.spawn("xvfb", ["Xvfb", "-displayfd", str(w), "-screen", "0",
                                       f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp", "-noreset"],
                              pass_fds=(w,))
            os.close(w)
            with os.fdopen(r, "rb") as f:
                number = f.readline().strip().decode()
            display = ":" + number
            deadline = time.monotonic() + 10
            while number and xvfb.poll() is None and time.monotonic() < deadline:
                if subprocess.run(["xdotool", "getdisplaygeometry"],
                                  env=self.base_env(DISPLAY=display),
                                  capture_output=True).returncode == 0:
                    return display
                time.sleep(0.1)
            if xvfb.poll() is None:
                xvfb.terminate()
            xvfb.wait()
            self.procs.remove(xvfb)
            time.sleep(0.2)
        raise RuntimeError("the demo desktop's Xvfb did not start")

    def start_desktop(self):
        display = self.start_xvfb()
        env = self.base_env(DISPLAY=display)
        # The background: xlogo drawn in one colour over the whole screen (the root window of
        # a bare X server cannot be coloured without x11-xserver-utils).
        xlogo = self.spawn("xlogo", ["xlogo", "-geometry", f"{WIDTH}x{HEIGHT}+0+0",
                                     "-bg", BACKGROUND, "-fg", BACKGROUND], env=env)
        self.wait_until(xlogo, lambda: self.mapped(env, "xlogo"), "the desktop background")
        # No window manager: the clock, mapped later, stays on top.
        clock = self.spawn("xclock", ["xclock", "-geometry", "220x220-48+48", "-update", "1",
                                      "-bg", "white", "-fg", BACKGROUND, "-hd", BACKGROUND,
                                      "-hl", BACKGROUND], env=env)
        self.wait_until(clock, lambda: self.mapped(env, "xclock"), "the desktop clock")
        return display

    @staticmethod
    def mapped(env, klass):
        return subprocess.run(["xdotool", "search", "--onlyvisible", "--class", klass],
                              env=env, capture_output=True).returncode == 0

    def start_rdp_host(self, display):
        program = shutil.which("freerdp-shadow-cli3")
        if program is None:
            raise RuntimeError("freerdp-shadow-cli3 (FreeRDP 3) is not installed"
                               " (./scripts/install-deps.sh)")
        xdg = os.path.join(self.state, "xdg")
        shadow = os.path.join(xdg, "freerdp", "shadow")
        os.makedirs(shadow, mode=0o700)
        os.makedirs(os.path.join(self.state, "home"), mode=0o700, exist_ok=True)
        # The shadow server reads its certificate only from here, and sends only the leaf.
        for ext in ("crt", "key"):
            dest = os.path.join(shadow, "shadow." + ext)
            shutil.copyfile(os.path.join(self.certs, "good." + ext), dest)
            os.chmod(dest, 0o600)
        port = free_port()
        server = self.spawn("rdp-host", [program, "/bind-address:127.0.0.1", f"/port:{port}",
                                         "-auth"],
                            env=self.base_env(DISPLAY=display, XDG_CONFIG_HOME=xdg))
        self.wait_until(server, lambda: listening(port), f"{os.path.basename(program)}")
        return port

    def start_gateway(self, routes):
        argv = [os.path.join(self.build, "tests", "servers", "atrium-test-rdp-gateway"),
                "--address", "127.0.0.1"]
        for token, port in routes:
            argv += ["--route", f"{token}=127.0.0.1:{port}"]
        out = os.path.join(self.state, "gateway.port")
        with open(out, "w") as stdout:
            gateway = self.spawn("rdp-gateway", argv, env=self.base_env(), stdout=stdout)

        def port():
            with open(out) as f:
                text = f.read()
            return text.endswith("\n") and text.startswith("port ")

        self.wait_until(gateway, port, "the routing gateway")
        with open(out) as f:
            return int(f.read().split()[1])

    # --- the tenant --------------------------------------------------------------------
    def desktops(self, root):
        """The .rdp files of TENANT's desktops under @root (RemoteApps are left out)."""
        rdp_dir = os.path.join(root, TENANT, "RDWeb", "Pages", "rdp")
        for name in sorted(os.listdir(rdp_dir)):
            path = os.path.join(rdp_dir, name)
            text, encoding = read_rdp(path)
            lines = text.replace("\r\n", "\n").split("\n")
            if "remoteapplicationmode:i:1" not in lines:
                yield path, lines, encoding

    def routing_tokens(self):
        source = os.path.join(self.source, "tests", "data", "tenants")
        return sorted({line.split(":", 2)[2] for _, lines, _ in self.desktops(source)
                       for line in lines if line.lower().startswith("loadbalanceinfo:s:")})

    def write_tenants(self, gateway_port):
        """A copy of tests/data/tenants whose desktops of TENANT go to RDP_HOST:gateway_port
        directly (no RD Gateway), keeping their routing tokens; returns its root."""
        root = os.path.join(self.state, "tenants")
        shutil.copytree(os.path.join(self.source, "tests", "data", "tenants"), root)
        for path, lines, encoding in list(self.desktops(root)):
            out = []
            for line in lines:
                key = line.split(":", 1)[0].lower()
                if key in ("full address", "alternate full address"):
                    line = f"{key}:s:{RDP_HOST}:{gateway_port}"
                elif key == "server port":
                    line = f"server port:i:{gateway_port}"
                elif key == "gatewayusagemethod":
                    line = "gatewayusagemethod:i:0"
                elif key == "gatewayhostname":
                    continue
                out.append(line)
            write_rdp(path, "\r\n".join(out), encoding)
        return root

    def start_broker(self, root):
        port_file = os.path.join(self.state, "broker.port")
        broker = self.spawn("broker", [
            os.path.join(self.build, "tests", "servers", "atrium-test-broker"),
            "--root", root, "--cert", os.path.join(self.certs, "good.crt"),
            "--key", os.path.join(self.certs, "good.key"),
            "--listen", "127.0.0.1:0", "--port-file", port_file], env=self.base_env())
        self.wait_until(broker, lambda: os.path.exists(port_file)
                        and open(port_file).read().strip(), "the demo broker")
        return int(open(port_file).read().strip())


def read_rdp(path):
    data = open(path, "rb").read()
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le"), "utf-16-le"
    if len(data) > 1 and data[1:2] == b"\0":
        return data.decode("utf-16-le"), "utf-16-le-nobom"
    return data.decode("utf-8"), "utf-8"


def write_rdp(path, text, encoding):
    with open(path, "wb") as f:
        if encoding == "utf-16-le":
            f.write(b"\xff\xfe")
        f.write(text.encode("utf-8" if encoding == "utf-8" else "utf-16-le"))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    session = "--no-session" not in sys.argv[1:]
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    build, state = (os.path.abspath(a) for a in args)
    os.makedirs(state, exist_ok=True)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _stop)
    parent = os.getppid()
    services = Services(build, state)
    try:
        ready = {}
        if session:
            display = services.start_desktop()
            rdp_port = services.start_rdp_host(display)
            # Every desktop's routing token leads to the one demo host.
            gateway_port = services.start_gateway(
                [(token, rdp_port) for token in services.routing_tokens()])
            root = services.write_tenants(gateway_port)
            ready.update(RDP_HOST=RDP_HOST, RDP_PORT=gateway_port)
        else:
            root = os.path.join(services.source, "tests", "data", "tenants")
        ready["BROKER_PORT"] = services.start_broker(root)
        with open(os.path.join(state, "ready.tmp"), "w") as f:
            f.writelines(f"{k}={v}\n" for k, v in ready.items())
        os.rename(os.path.join(state, "ready.tmp"), os.path.join(state, "ready"))
        while os.getppid() == parent:
            for proc in services.procs:
                if proc.poll() is not None and proc.pid in services.names:
                    print(f"demo-services: {services.names.pop(proc.pid)} exited"
                          f" ({proc.returncode})", file=sys.stderr)
            time.sleep(0.5)
    except Stop:
        pass
    except RuntimeError as e:
        print(f"demo-services: {e}", file=sys.stderr)
        return 1
    finally:
        # Ignore further signals while stopping: every process is waited for.
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
