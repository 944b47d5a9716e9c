#!/usr/bin/env python3
"""UI tests: the real atrium app under Xvfb against the loopback test broker.

Usage: test-ui-app.py SCENARIO   (see SCENARIOS at the end)
Each scenario starts its own Xvfb, broker and app, checks the screen by colour and the
app's ATR_DEBUG_UI / ATR_DEBUG_LAUNCHER lines, and stops exactly what it started.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
import atrui  # noqa: E402

# Colours from themes/harbour/theme.json (light) and libadwaita's named colours.
HARBOUR_HEADER_BG = "#e0f2f1"
HARBOUR_ACCENT = "#0f766e"       # the "Desktop" badge background
ADW_WARNING_BG = "#e5a50a"       # the offline banner
# Error text (error_color): libadwaita 1.6 changed it from #c01c28 to #c30000.
ADW_ERROR = "#c01c28" if atrui.libadwaita_version() < (1, 6) else "#c30000"
HARBOUR_LOGO = "#0f766e"         # the circle of the tenant's logo.svg

HEADER = lambda s: (0, 0, s.width, 46)            # noqa: E731


def header_bottom(s, x0=0, y0=0):
    """The first row under the tenant's header bar of the window at (x0, y0), found by the
    header's colour right of the title (x0 + 600 to 780 in the 960 px window): its height is
    libadwaita's (82 px with 1.7, where the 56 px logo sets it; about 47 with 1.2), so the
    screen under it is not a fixed box."""
    screen = s.screen()

    def header_row(y):
        return screen.count(HARBOUR_HEADER_BG, (x0 + 600, y, x0 + 780, y + 1)) >= 150

    runs, start = [], None      # runs of header-coloured rows (the window's edge splits one)
    for y in range(y0, min(y0 + 150, screen.height) + 1):
        if y < min(y0 + 150, screen.height) and header_row(y):
            start = y if start is None else start
        elif start is not None:
            runs.append((y - start, start, y))
            start = None
    assert runs, f"no tenant header at the top of the window at {x0},{y0}"
    height, top, bottom = max(runs)
    assert height >= 40, f"the tenant header at {x0},{top} is {height} rows high"
    return bottom


def BELOW_HEADER(s):
    """The screen under the tenant's header bar (with a margin of 14 rows, as before)."""
    return (0, header_bottom(s) + 14, s.width, s.height)


def enrol_harbour(s, expect_publisher="Harbour Dental Group"):
    """Address prefilled from the command line: Return looks it up, Return adds it."""
    s.start_app(f"harbour.atrium.test:{s.port}",
                # The tenant's .rdp files name these: nothing listens there (no RDP here).
                "--resolve", "gateway.harbour.atrium.test:443:127.0.0.1",
                "--resolve", "harbour-rdsh01.atrium.test:3389:127.0.0.1")
    # Atrium's own look first: none of the tenant's header colour on screen.
    assert s.screen().count(HARBOUR_HEADER_BG, HEADER(s)) == 0, "tenant colour before enrolment"
    s.key("Return")
    preview = s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    assert preview[-1].endswith("publisher=" + expect_publisher), preview
    # The tenant's branding is previewed before anything is saved: its colours, and its logo
    # fetched from the tenant's own domain (not the bundled copy), drawn in the header.
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="harbour header colour")
    logo = f"atr-ui: logo https://harbour.atrium.test:{s.port}/.well-known/atrium/theme/logo.svg"
    s.wait_line(logo, what="the logo fetched from the tenant")
    s.wait_colour(HARBOUR_LOGO, HEADER(s), at_least=100, what="the tenant's logo in the header")
    s.key("Return")


def focus_main(s):
    """A session window takes the focus when it opens: give it back to the main window."""
    s.xdo("windowfocus", min(s.window_id().split(), key=int))
    s.wait_for(lambda: True, "focus")


def scenario_enrol(s):
    s.start_broker()
    enrol_harbour(s)
    s.wait_line("atr-ui: resources grid shown=9 ", what="9 tiles (2 hidden by default)")
    # Desktop badges are drawn in the tenant's accent colour: tiles are really on screen.
    s.wait_colour(HARBOUR_ACCENT, BELOW_HEADER(s), at_least=300, what="desktop badges")

    # Type-to-search: typing on the page goes to the search entry and filters the grid.
    s.type("exc")
    s.wait_line("atr-ui: resources grid shown=1 ")
    s.wait_for(lambda: s.screen().count(HARBOUR_ACCENT, BELOW_HEADER(s)) < 50,
               "desktop badges filtered away")
    # Return opens the first match through the launcher. Excel is a RemoteApp: until
    # RemoteApp windows exist, a plain message names it and nothing is fetched or opened.
    s.key("Return")
    s.wait_line("atr-launcher: open harbour.atrium.test HDG-Excel")
    s.wait_line("atr-launcher: failed harbour.atrium.test HDG-Excel remoteapp: ")
    s.wait_line("atr-ui: toast RemoteApp windows are not supported yet, so “Excel” cannot be "
                "opened.")
    assert not s.lines("atr-launcher: session "), s.lines("atr-launcher: session ")
    assert len(s.window_id().split()) == 1, "a window opened for a RemoteApp"

    # Keyboard navigation in the grid: Escape clears, Down moves from the search field to
    # the first tile (Tab would enter the grid at Excel, where it kept its place while Excel
    # was the only match), arrows move, Return activates. The second tile is a desktop: its
    # .rdp file is fetched from the tenant, filtered and opened as a session in its own
    # window. Its RD Gateway does not exist here, so the session fails, and the reason is
    # classified and shown as a toast.
    s.key("Escape")
    s.wait_line("atr-ui: resources grid shown=9 ", count=2)
    s.key("Down", "Right", "Return")
    s.wait_line("atr-launcher: open harbour.atrium.test HDG-Clinic-Desktop",
                what="the second tile opened by keyboard")
    s.wait_line("atr-launcher: session harbour.atrium.test ")
    assert " host=harbour-rdsh01.atrium.test " in s.lines("atr-launcher: session ")[-1]
    s.wait_for(lambda: len(s.window_id().split()) == 2, "the session window")
    # FreeRDP finds no address for the gateway's name: the first hop failed, and the words
    # say so (#14: they blamed the gateway's hop to the host, which was never tried).
    failed = s.wait_line("atr-launcher: failed harbour.atrium.test ", count=2)[-1]
    assert " gateway-unreachable: " in failed, failed
    toast = s.wait_line("atr-ui: toast “", what="the gateway failure's toast")[-1]
    assert "could not be opened: The gateway in front of harbour-rdsh01.atrium.test could " \
           "not be found or reached" in toast, toast
    assert "could not open a connection" not in toast, toast
    s.wait_line("atr-ui: session: disconnected (Gateway Not Reachable)")
    raise_main(s)

    # "Show all" reveals the resources hidden by default (Ctrl+F, then the toggle).
    s.key("ctrl+f", "Tab", "Tab", "space")
    s.wait_line("atr-ui: resources grid shown=11 ")

    # Preferences open with Ctrl+comma (a window more) and close with Escape.
    s.key("ctrl+comma")
    s.wait_for(lambda: len(s.window_id().split()) >= 3, "the preferences window")
    s.key("Escape")
    s.wait_for(lambda: len(s.window_id().split()) == 2, "the preferences window to close")


DEFAULT_SIZE = (960, 640)        # ui/atr-window.ui: default-width, default-height
TILE_ROLE = "(grid|table) cell"  # a GtkGridView cell over AT-SPI


def main_window(s):
    return min(s.window_id().split(), key=int)


def window_box(s):
    """(x0, y0, x1, y1) of the main window on the screen, checked to be its default size."""
    geometry = dict(line.split("=", 1) for line in
                    s.xdo("getwindowgeometry", "--shell", main_window(s)).split())
    x, y, w, h = (int(geometry[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
    assert (w, h) == DEFAULT_SIZE, f"the window is {w}x{h}, not its default size {DEFAULT_SIZE}"
    return (x, y, x + w, y + h)


class FocusWatch:
    """Where the keyboard focus is, as a screen reader learns it: the app's AT-SPI
    "focused" events on its accessibility bus (dbus-monitor), and the focused object's
    name and role asked on that bus (gdbus). The app must run with GTK_A11Y=atspi."""

    def __init__(self, s):
        self.s = s
        children = subprocess.run(["pgrep", "-P", str(s.app.pid)], capture_output=True,
                                  text=True).stdout.split()
        atrium = [p for p in children if open(f"/proc/{p}/cmdline", "rb").read()
                  .split(b"\0")[0].endswith(b"/atrium")]
        assert len(atrium) == 1, f"the atrium process under dbus-run-session: {children}"
        with open(f"/proc/{atrium[0]}/environ", "rb") as f:
            env = dict(e.split(b"=", 1) for e in f.read().split(b"\0") if b"=" in e)
        session = env[b"DBUS_SESSION_BUS_ADDRESS"].decode()
        reply = self.gdbus(session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress")
        self.bus = re.fullmatch(r"\('(.*)',\)", reply).group(1)
        # GTK 4.14+ sends events only while a screen reader has registered for them.
        listener = subprocess.Popen([atrui.env_path("ATR_ATSPI_LISTEN"), self.bus,
                                     "object:state-changed:focused"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        s.procs.append(listener)
        assert listener.stdout.readline() == b"REGISTERED\n", "atr-atspi-listen failed"
        self.log = os.path.join(s.tmp, "a11y-events.log")
        monitor = subprocess.Popen(
            ["dbus-monitor", "--address", self.bus,
             "type='signal',interface='org.a11y.atspi.Event.Object',member='StateChanged'"],
            stdout=open(self.log, "w"), stderr=subprocess.DEVNULL)
        s.procs.append(monitor)
        s.wait_for(lambda: "NameAcquired" in open(self.log).read(), "dbus-monitor")

    def gdbus(self, address, dest, path, method, *args):
        result = subprocess.run(["gdbus", "call", "--address", address, "--dest", dest,
                                 "--object-path", path, "--method", method, *args],
                                capture_output=True, text=True)
        assert result.returncode == 0, f"gdbus {method} on {address}: {result.stderr}"
        return result.stdout.strip()

    def focused(self):
        """(sender, path) of every object that gained the focus, oldest first."""
        found, signal = [], None
        lines = open(self.log).read().split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"signal .* sender=(\S+) .* path=([^;]+);", line)
            if m and "member=StateChanged" in line:
                signal = m.groups()
            elif signal and line.strip() == 'string "focused"' and i + 1 < len(lines) \
                    and lines[i + 1].strip() == "int32 1":
                found.append(signal)
                signal = None
        return found

    def describe(self, sender, path):
        """(role, name) of an accessible object."""
        role = self.gdbus(self.bus, sender, path, "org.a11y.atspi.Accessible.GetRoleName")
        name = self.gdbus(self.bus, sender, path, "org.freedesktop.DBus.Properties.Get",
                          "org.a11y.atspi.Accessible", "Name")
        return (re.fullmatch(r"\('(.*)',\)", role).group(1),
                re.fullmatch(r"\(<'(.*)'>,\)", name).group(1))

    @staticmethod
    def matches(described, role, name):
        """role and name are regular expressions: GTK 4.8 names a button with a mnemonic
        "_Add Workspace Add Workspace", later versions "Add Workspace"."""
        return bool(re.fullmatch(role, described[0]) and re.fullmatch(name, described[1]))

    def move(self, key, role, name, limit=10):
        """Presses key until the focus is on (role, name); returns the presses."""
        for presses in range(1, limit + 1):
            before = len(self.focused())
            self.s.key(key)
            self.s.wait_for(lambda: len(self.focused()) > before, f"the focus to move ({key})")
            if self.matches(self.describe(*self.focused()[-1]), role, name):
                return presses
        raise AssertionError(f"{key} ×{limit} did not reach {(role, name)}")

    def wait_focused_ever(self, role, name, what):
        """Waits until some object that gained the focus is (role, name)."""
        self.s.wait_for(lambda: any(self.matches(self.describe(*e), role, name)
                                    for e in self.focused()), what, timeout=10)

    def wait_focus(self, role, name, what):
        """Waits until the object that gained the focus last is (role, name)."""
        def check():
            events = self.focused()
            return events and self.matches(self.describe(*events[-1]), role, name)
        try:
            self.s.wait_for(check, what, timeout=10)
        except AssertionError:
            events = self.focused()
            last = self.describe(*events[-1]) if events else None
            raise AssertionError(f"{what}: the focus is on {last}, not {(role, name)}")


class A11yTree(FocusWatch):
    """The app's accessibility tree as a screen reader walks it over AT-SPI (GetChildren,
    GetRoleName, GetState and Name of every visible object), with busctl's JSON output on
    the app's accessibility bus."""

    # AT-SPI states (atspi-constants.h): bit numbers in GetState's two 32-bit words.
    FOCUSABLE, VISIBLE = 11, 30
    # Roles a user operates even when GTK 4.8 does not mark them focusable.
    INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box",
                   "text", "entry", "password text", "spin button", "menu item", "link",
                   "slider", "switch", "list item", "table cell", "grid cell", "menu button"}
    # Focusable in GTK 4.8 only to pass the focus on to their children (scrolled windows,
    # boxed lists): a screen reader names what is inside. GTK 4.18 calls the scrolled
    # window's role (GTK_ACCESSIBLE_ROLE_GENERIC) "generic" where 4.8 said "group".
    CONTAINERS = {"group", "generic", "list", "scroll bar", "widget", "panel", "filler",
                  "frame", "application", "window"}

    def busctl(self, sender, path, *args):
        result = subprocess.run(["busctl", f"--address={self.bus}", "--json=short", *args[:1],
                                 sender, path, *args[1:]], capture_output=True, text=True)
        assert result.returncode == 0, f"busctl {args} on {path}: {result.stderr}"
        return json.loads(result.stdout)["data"]

    def call(self, sender, path, interface, method):
        return self.busctl(sender, path, "call", interface, method)

    def node(self, sender, path):
        """(role, name, states, children) of one object."""
        role = self.call(sender, path, "org.a11y.atspi.Accessible", "GetRoleName")[0]
        words = self.call(sender, path, "org.a11y.atspi.Accessible", "GetState")[0]
        name = self.busctl(sender, path, "get-property", "org.a11y.atspi.Accessible", "Name")
        children = self.call(sender, path, "org.a11y.atspi.Accessible", "GetChildren")[0]
        states = {i for i in range(64) if words[i // 32] >> (i % 32) & 1}
        return role, name, states, [tuple(c) for c in children]

    def walk(self):
        """[(depth, role, name, focusable)] of every visible object of the app, in tree
        order, from the registry's root down (GTK 4.8's AT-SPI cache holds only the
        objects a client has seen, so it is walked), one level at a time, in parallel."""
        apps = self.call("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root",
                         "org.a11y.atspi.Accessible", "GetChildren")[0]
        nodes = {}
        level = [tuple(a) for a in apps]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            while level:
                results = list(pool.map(lambda ref: self.node(*ref), level))
                following = []
                for ref, (role, name, states, children) in zip(level, results):
                    nodes[ref] = (role, name, states, children)
                    if role == "application" or self.VISIBLE in states:
                        following += children
                level = following
        found = []

        def visit(ref, depth):
            role, name, states, children = nodes[ref]
            if role != "application" and self.VISIBLE not in states:
                return
            found.append((depth, role, name, self.FOCUSABLE in states))
            for child in children:
                visit(child, depth + 1)

        for app in apps:
            visit(tuple(app), 0)
        return found

    @staticmethod
    def unnamed(name):
        """GTK 4.8 gives an object without a name its type's name ("GtkImage")."""
        return not name.strip() or re.fullmatch(r"(Gtk|Adw|Atr)[A-Z]\w*", name) is not None

    def check_named(self, where):
        """Fails on any showing control (focusable, or of an interactive role) without a
        name, or named twice (a mnemonic's label read beside the label: "_Add Add")."""
        tree = self.walk()
        listing = "\n".join(f"{'  ' * d}{r}: {n!r}{' (focusable)' if f else ''}"
                            for d, r, n, f in tree)
        with open(os.path.join(self.s.tmp, f"a11y-{where}.txt"), "w") as f:
            f.write(listing + "\n")
        bad = [(r, n) for _, r, n, f in tree
               if (f or r in self.INTERACTIVE) and r not in self.CONTAINERS
               and (self.unnamed(n) or re.match(r"\S*_\S", n)
                    or re.fullmatch(r"(.+) \1", n))]
        assert not bad, f"{where}: controls without a name (or read twice): {bad}\n{listing}"
        return tree


def raise_main(s):
    """Session windows open over the main window (no window manager): bring it back."""
    s.xdo("windowraise", main_window(s))
    focus_main(s)


def colour_runs(screen, rgb, x0, x1, y):
    """The runs (start, end) of colour rgb on row y, joining runs split by up to 40 px of
    other colours (the white text on a badge or a button: a row through "Desktop" on a
    badge has a 26 px gap with GTK 4.18's text; a focus ring's sides are farther apart)."""
    want = bytes.fromhex(rgb.lstrip("#"))
    row = screen.pixels[(y * screen.width + x0) * 3:(y * screen.width + x1) * 3]
    runs, i = [], row.find(want)
    while i >= 0:
        if i % 3 == 0:
            x = x0 + i // 3
            if runs and x - runs[-1][1] <= 40:
                runs[-1][1] = x + 1
            else:
                runs.append([x, x + 1])
            i = row.find(want, i + 3)
        else:
            i = row.find(want, i + 1)
    return runs


def colour_patches(screen, rgb, box, min_width=20, min_height=8):
    """Blocks of colour rgb (badges, buttons) in box, top to bottom and left to right, as
    (x0, x1, y) with y a row across the block's middle: runs at least min_width wide that
    keep their extent for min_height rows (a focus ring's lines do not)."""
    bx0, by0, bx1, by1 = box
    rows = {y: colour_runs(screen, rgb, bx0, bx1, y) for y in range(by0, by1)}
    found = []
    for y in range(by0, by1 - min_height):
        for x0, x1 in rows[y]:
            if x1 - x0 < min_width or any(abs(f[0] - x0) < 8 and abs(f[3] - y) <= min_height * 4
                                          for f in found):
                continue
            if all(any(abs(a - x0) <= 4 and abs(b - x1) <= 4 for a, b in rows[y + k])
                   for k in range(1, min_height)):
                found.append((x0, x1, y + min_height // 2, y))
    return [(x0, x1, y) for x0, x1, y, _ in sorted(found, key=lambda f: (f[3], f[0]))]


def scenario_first_minute(s):
    """The newcomer's first minute, by keyboard and by mouse, at the default window size:
    the primary button is on screen without scrolling, Return adds the previewed workspace,
    Down from the search field reaches the first tile and Return opens it, one click opens
    a tile (a double click opens it once)."""
    s.start_broker()
    s.start_app(f"harbour.atrium.test:{s.port}",
                "--resolve", "gateway.harbour.atrium.test:443:127.0.0.1",
                "--resolve", "harbour-rdsh01.atrium.test:3389:127.0.0.1",
                env={"GTK_A11Y": "atspi"})
    focus = FocusWatch(s)
    box = window_box(s)
    s.key("Return")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.wait_colour(HARBOUR_HEADER_BG, (box[0], box[1], box[2], box[1] + 46), at_least=5000,
                  what="the tenant's header previewed")
    below_header = (box[0], header_bottom(s, box[0], box[1]) + 14, box[2], box[3])

    # Add Workspace (a suggested-action pill in the tenant's accent colour, previewed) is
    # inside the window at its default size, whole: no scrolling needed.
    buttons = s.wait_for(lambda: colour_patches(s.screen(), HARBOUR_ACCENT, below_header,
                                                min_width=100),
                         "Add Workspace whole on screen at the default size")
    assert len(buttons) == 1, f"more than one accent button below the header: {buttons}"
    focus.wait_focus("button", "(_Add Workspace )?Add Workspace", "the focus on Add Workspace")

    # Return adds it from the address entry too, not only from the button that took the
    # focus (Shift+Tab from Add, through the preview's rows and Look Up, to the entry).
    focus.move("shift+Tab", "text box", "Workspace address")
    s.key("Return")
    s.wait_line("atr-ui: page resources", what="Return in the address entry adding it")
    assert len(s.lines("atr-ui: enrol preview")) == 1, "Return looked the address up again"
    s.wait_line("atr-ui: resources grid shown=9 ")
    s.wait_colour(HARBOUR_ACCENT, below_header, at_least=300, what="desktop badges")
    badges = colour_patches(s.screen(), HARBOUR_ACCENT, below_header)
    assert len(badges) == 2, f"desktop badges on screen: {badges}"

    # One click on a tile opens it: Clinic Workstation, the second desktop badge.
    x0, x1, y = badges[1]
    s.xdo("mousemove", str((x0 + x1) // 2), str(y), "click", "1")
    s.wait_line("atr-launcher: open harbour.atrium.test HDG-Clinic-Desktop",
                what="a single click opening the tile")
    # The clicked tile took the focus, named for a screen reader by title and kind.
    focus.wait_focused_ever(TILE_ROLE, "Clinic Workstation, Desktop", "the clicked tile's focus")
    s.wait_for(lambda: len(s.window_id().split()) == 2, "the session window")
    # The session ends (no such host here) and its window shows that; raise the main
    # window only after, or a late present of the session window covers the grid again.
    s.wait_line("atr-launcher: failed harbour.atrium.test HDG-Clinic-Desktop")
    raise_main(s)

    # Down from the search field reaches the first tile (not the one focused last, the
    # clicked one); Return opens it.
    s.key("ctrl+f", "Down")
    focus.wait_focus(TILE_ROLE, "Harbour Desktop, Desktop", "Down to the first tile")
    s.key("Return")
    s.wait_line("atr-launcher: open harbour.atrium.test HDG-Desktop",
                what="Down, Return from the search field opening the first tile")
    s.wait_for(lambda: len(s.window_id().split()) == 3, "the second session window")
    s.wait_line("atr-launcher: failed harbour.atrium.test HDG-Desktop")
    raise_main(s)

    # A double click (the habit from other desktops) acts on a tile once, not twice: on a
    # desktop that is already open, that is one raise of its window and no second session.
    s.xdo("mousemove", str((x0 + x1) // 2), str(y), "click", "--repeat", "2",
          "--delay", "80", "1")
    s.wait_line("atr-launcher: raise harbour.atrium.test HDG-Clinic-Desktop",
                what="the open desktop's window raised")
    s.xdo("sleep", "1")
    opened = s.lines("atr-launcher: open ")
    assert len(opened) == 3, f"a double click opened the tile twice: {opened}"
    assert len(s.lines("atr-launcher: raise ")) == 1, "a double click raised twice"
    assert len(s.window_id().split()) == 3, "a double click started a second session"


def scenario_offline(s):
    s.start_broker()
    enrol_harbour(s)
    s.wait_line("atr-ui: resources grid shown=9 ")
    assert s.screen().count(ADW_WARNING_BG) == 0, "offline banner while online"
    s.stop_broker()
    s.key("F5")
    s.wait_line("atr-ui: offline banner shown")
    s.wait_colour(ADW_WARNING_BG, at_least=5000, what="the offline banner")
    # The saved list stays on screen.
    assert s.screen().count(HARBOUR_ACCENT, BELOW_HEADER(s)) >= 300, "tiles gone while offline"
    # Back online: Retry hides the banner again.
    s.start_broker()
    s.key("ctrl+r")
    s.wait_line("atr-ui: offline banner hidden")


def scenario_offline_start(s):
    """The tenant's theme and logo come from the cache when it cannot be reached at start."""
    settings = {"GSETTINGS_BACKEND": "keyfile"}
    s.start_broker()
    s.start_app(f"harbour.atrium.test:{s.port}", env=settings)
    s.key("Return")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ")
    s.stop_app()
    s.stop_broker()

    s.start_app(env=settings)
    s.wait_line("atr-ui: offline banner shown")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000, what="the cached theme")
    s.wait_line(f"atr-ui: logo https://harbour.atrium.test:{s.port}/", what="the cached logo")
    s.wait_colour(HARBOUR_LOGO, HEADER(s), at_least=100, what="the cached logo in the header")


def scenario_certificate(s):
    s.start_broker(cert="wronghost")
    s.start_app(f"harbour.atrium.test:{s.port}")
    s.key("Return")
    line = s.wait_line("atr-ui: enrol error:")[-1]
    assert "certificate" in line.lower(), line
    assert "harbour.atrium.test" in line, f"the reason does not name the host: {line}"
    # The error is on screen (libadwaita's error colour), and nothing was added.
    s.wait_colour(ADW_ERROR, at_least=100, what="the error text")
    assert not s.lines("atr-ui: page resources"), "a rejected workspace was added"


def scenario_sign_in(s):
    s.start_broker(auth="basic", user="alice", password="harbour-Secret-1")
    enrol_harbour(s, expect_publisher="(sign-in needed)")
    s.wait_line("atr-ui: page sign-in")
    s.wait_colour(HARBOUR_HEADER_BG, HEADER(s), at_least=5000)
    s.type("alice")
    s.key("Return")
    s.type("wrong-password")
    s.key("Return")
    line = s.wait_line("atr-ui: sign-in error:")[-1]
    assert "harbour-Secret-1" not in "\n".join(s.stderr_lines)
    assert "wrong-password" not in "\n".join(s.stderr_lines), "a password reached the log"
    s.type("harbour-Secret-1")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ", what=f"resources after sign-in ({line})")
    assert "harbour-Secret-1" not in "\n".join(s.stderr_lines), "a password reached the log"


def broker_sign_ins(s):
    """The tokens of the RD Web sign-ins the running broker answered (its stderr log)."""
    with open(os.path.join(s.tmp, "broker.log")) as f:
        return re.findall(r"^atrium-test-broker: sign-in \d+ token=(\S+)$", f.read(), re.M)


def files_containing(s, secret):
    """Plain files under the app's HOME holding @secret (the keyring's own are encrypted)."""
    found = []
    for dirpath, _, names in os.walk(s.home):
        for name in names:
            path = os.path.join(dirpath, name)
            if "keyrings" in path:
                continue   # the Secret Service's own (encrypted) store
            with open(path, "rb") as f:
                if secret.encode() in f.read():
                    found.append(path)
    return found


def scenario_remember(s):
    """Remember me: the password and the feed's sign-in token go to the Secret Service; the
    next start shows the list with the token, without signing in at the broker again."""
    settings = {"GSETTINGS_BACKEND": "keyfile"}
    s.start_broker(auth="rdweb", user="alice", password="harbour-Secret-1")
    s.start_app(f"harbour.atrium.test:{s.port}", env=settings, keyring=True)
    s.key("Return")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.key("Return")
    s.wait_line("atr-ui: page sign-in")
    s.type("alice")
    s.key("Return")
    s.type("harbour-Secret-1")
    s.key("alt+r", "alt+s")     # _Remember me, _Sign In
    s.wait_line("atr-ui: resources grid shown=9 ")
    s.wait_line("atr-ui: token remembered harbour.atrium.test", what="the token stored")
    assert not s.lines("atr-ui: toast"), s.lines("atr-ui: toast")
    s.stop_app()
    tokens = broker_sign_ins(s)
    assert len(tokens) == 1, f"sign-ins before the restart: {len(tokens)}"

    s.start_app(env=settings, keyring=True)
    s.wait_line("atr-ui: resources grid shown=9 ", what="the list without signing in again")
    assert not s.lines("atr-ui: page sign-in"), "asked to sign in although remembered"
    tokens = broker_sign_ins(s)
    assert len(tokens) == 1, f"the remembered token was not used: {len(tokens)} sign-ins"
    log = "\n".join(s.stderr_lines)
    assert "harbour-Secret-1" not in log, "a password reached the log"
    assert tokens[0] not in log, "the sign-in token reached the log"
    assert not files_containing(s, "harbour-Secret-1"), "the password is in plain files"
    assert not files_containing(s, tokens[0]), "the sign-in token is in plain files"
    s.stop_app()

    # A restarted broker has forgotten its tokens (expired): the app signs in again with the
    # remembered password, without asking, and remembers the new token.
    s.stop_broker()
    s.start_broker(auth="rdweb", user="alice", password="harbour-Secret-1")
    s.start_app(env=settings, keyring=True)
    s.wait_line("atr-ui: resources grid shown=9 ", what="the list after the token expired")
    s.wait_line("atr-ui: token remembered harbour.atrium.test", what="the new token stored")
    assert not s.lines("atr-ui: page sign-in"), "asked to sign in although remembered"
    renewed = broker_sign_ins(s)
    assert len(renewed) == 1 and renewed[0] != tokens[0], renewed
    log = "\n".join(s.stderr_lines)
    assert renewed[0] not in log and tokens[0] not in log, "a sign-in token reached the log"


def scenario_links(s):
    """Links from the command line: refused with a reason, confirmed first, then acted on."""
    settings = {"GSETTINGS_BACKEND": "keyfile"}
    s.start_broker()

    # A link carrying a password is refused whole, with the reason on screen.
    s.start_app("rdp://full%20address=s:pc.example.com&password=s:hunter2", env=settings)
    toast = s.wait_line("atr-ui: toast This link was not opened: ")[-1]
    assert "password" in toast, toast
    assert "hunter2" not in "\n".join(s.stderr_lines), "a secret from the link reached the log"
    assert not s.lines("atr-ui: link confirm"), "a refused link asked for confirmation"
    s.stop_app()

    # A .rdp file is always confirmed, showing the computer and gateway it would reach; its
    # "/" lines (FreeRDP options) never reach FreeRDP.
    rdp = os.path.join(s.tmp, "stranger.rdp")
    with open(rdp, "w") as f:
        f.write("full address:s:pc.example.com\r\ngatewayhostname:s:gw.example.com\r\n"
                "gatewayusagemethod:i:1\r\n/p:injected\r\n")
    s.start_app(rdp, env=settings)
    s.wait_line("atr-ui: link confirm domain=- host=pc.example.com gateway=gw.example.com ")
    s.wait_line("atr-ui: link confirm active")
    s.key("Return")
    s.wait_line("atr-ui: link cancelled")
    assert not s.lines("atr-launcher: session"), "a cancelled file was opened"
    s.stop_app()

    # A tenant that is not enrolled asks first; Cancel is the default answer.
    s.start_app("atrium://subscribe?tenant=harbour.atrium.test", env=settings)
    s.wait_line("atr-ui: link confirm domain=harbour.atrium.test ")
    s.wait_line("atr-ui: link confirm active")
    s.key("Return")
    s.wait_line("atr-ui: link cancelled")
    assert not s.lines("atr-ui: enrol look-up"), "a cancelled link was acted on"
    s.stop_app()

    # Confirmed (_Open), subscribe opens enrolment prefilled and looked up; Add saves it.
    feed = f"https://harbour.atrium.test:{s.port}/RDWeb/Feed/webfeed.aspx"
    s.start_app(f"ms-rd:subscribe?url={feed}", env=settings)
    s.wait_line("atr-ui: link confirm domain=harbour.atrium.test ")
    s.wait_line("atr-ui: link confirm active")
    s.key("alt+o")
    s.wait_line("atr-ui: link confirmed")
    s.wait_line(f"atr-ui: enrol look-up {feed}")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ")
    s.stop_app()

    # Enrolled now: a connect link goes straight to the resource, through the launcher.
    s.start_app("atrium://connect?tenant=harbour.atrium.test&resource=HDG-Excel", env=settings)
    s.wait_line("atr-launcher: open harbour.atrium.test HDG-Excel")
    assert not s.lines("atr-ui: link confirm"), "an enrolled tenant's link asked first"


def scenario_brand(s):
    """One tenant's brand at a time (#14, item 4): adding Ironworks while Harbour is the
    current workspace shows Ironworks' header alone, not "Ironworks Engineering / Harbour
    Dental Group"; a tenant with no theme of its own is never previewed as "Atrium", and
    its page shows nothing of the tenant seen before."""
    s.start_broker()
    s.start_app(f"harbour.atrium.test:{s.port}",
                "--resolve", f"broken.atrium.test:{s.port}:127.0.0.1")
    s.key("Return")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.key("Return")
    s.wait_line("atr-ui: page resources")
    s.wait_line("atr-ui: header title=Harbour Dental Group", what="Harbour's header")

    def header():
        return s.lines("atr-ui: header title=")[-1]

    # Ctrl+N while Harbour is current: the candidate's header, no Harbour in it.
    enrol_pages = len(s.lines("atr-ui: page enrol"))
    s.key("ctrl+n")
    s.wait_line("atr-ui: page enrol", count=enrol_pages + 1)
    s.type(f"ironworks.atrium.test:{s.port}")
    s.key("Return")
    s.wait_line("atr-ui: enrol preview ironworks.atrium.test")
    s.wait_for(lambda: header().startswith("atr-ui: header title=Ironworks Engineering"),
               "Ironworks' header while adding it")
    s.xdo("sleep", "1")
    assert header() == "atr-ui: header title=Ironworks Engineering subtitle=", header()
    shown = len(s.lines("atr-ui: header title="))
    organisation = s.lines("atr-ui: enrol organisation ")
    assert organisation and organisation[-1] == "atr-ui: enrol organisation Ironworks Engineering", \
        organisation

    # A tenant without a theme (its feed is broken too): never named "Atrium", and nothing
    # of Ironworks (or Harbour) left in the header.
    s.key("ctrl+n")
    s.type(f"broken.atrium.test:{s.port}")
    s.key("Return")
    s.wait_line("atr-ui: enrol error:")
    s.xdo("sleep", "1")
    assert "atr-ui: enrol organisation Atrium" not in s.lines("atr-ui: enrol organisation "), \
        s.lines("atr-ui: enrol organisation ")
    later = s.lines("atr-ui: header title=")[shown:]
    assert later and all(line == "atr-ui: header title=Atrium subtitle=" for line in later), later


def scenario_a11y(s):
    """A screen reader can name every control (#14, item 5): the accessibility tree of the
    enrol page (empty, then previewing), the sign-in page and the grid, walked over AT-SPI;
    any showing control that is focusable or interactive must have a name of its own (not
    GTK's type name, not read twice through its mnemonic)."""
    s.start_broker(auth="basic", user="alice", password="harbour-Secret-1")
    s.start_app(f"harbour.atrium.test:{s.port}", env={"GTK_A11Y": "atspi"})
    tree = A11yTree(s)
    tree.check_named("enrol")
    s.key("Return")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    tree.check_named("enrol-preview")
    s.key("Return")
    s.wait_line("atr-ui: page sign-in")
    tree.check_named("sign-in")
    s.type("alice")
    s.key("Return")
    s.type("harbour-Secret-1")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ")
    grid = tree.check_named("grid")
    named = {(r, n) for _, r, n, _ in grid}
    for control in (("button", "Refresh (F5)"), ("button", "Main Menu"),
                    ("search box", "Search desktops and apps"), ("grid", "Desktops and apps"),
                    ("image", "Harbour Dental Group")):
        assert control in named, f"no {control[0]} named {control[1]!r} on the grid page"


def check_counts(s):
    """The grid never shows more tiles than the tenant has resources."""
    for line in s.lines("atr-ui: resources "):
        m = re.search(r"shown=(\d+) of (\d+)", line)
        if m:
            assert int(m.group(1)) <= int(m.group(2)), f"more tiles than resources: {line}"


# --- #14 items 2, 3, 8, 10: signing out, retyping, removing, enrolment ---------------------

def scenario_sign_in_ntlm(s):
    """#14 item 3: one typo, then the right password seconds later, on NTLM (a connection
    signs in): accepted at once, and the refusal says what was wrong."""
    s.start_broker(auth="ntlm", user="alice", password="harbour-Secret-1")
    enrol_harbour(s, expect_publisher="(sign-in needed)")
    s.wait_line("atr-ui: page sign-in")
    s.type("alice")
    s.key("Return")
    s.type("wrong-password")
    s.key("Return")
    line = s.wait_line("atr-ui: sign-in error:")[-1]
    assert "Wrong user name or password" in line, line
    s.type("harbour-Secret-1")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ", what=f"resources after the retype ({line})")
    log = "\n".join(s.stderr_lines)
    assert "harbour-Secret-1" not in log and "wrong-password" not in log, "a password logged"


def scenario_sign_out(s):
    """#14 item 2: Sign Out after "Remember me" forgets the password and the feed token in
    the Secret Service: the next start asks to sign in, and the broker saw no new sign-in."""
    settings = {"GSETTINGS_BACKEND": "keyfile"}
    s.start_broker(auth="rdweb", user="alice", password="harbour-Secret-1")
    s.start_app(f"harbour.atrium.test:{s.port}", env=settings, keyring=True)
    s.key("Return")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.key("Return")
    s.wait_line("atr-ui: page sign-in")
    s.type("alice")
    s.key("Return")
    s.type("harbour-Secret-1")
    s.key("alt+r", "alt+s")     # _Remember me, _Sign In
    s.wait_line("atr-ui: resources grid shown=9 ")
    s.wait_line("atr-ui: token remembered harbour.atrium.test", what="the token stored")
    s.key("F10")                # the window's menu; O is "Sign _Out"
    s.key("o")
    s.wait_line("atr-ui: page sign-in", count=2, what="the sign-in page after Sign Out")
    try:                        # the Secret Service answers asynchronously
        s.wait_for(lambda: s.lines("atr-ui: credentials forgotten harbour.atrium.test"),
                   "the secrets cleared", timeout=10)
    except AssertionError:
        pass                    # the restart below says whether they are
    s.stop_app()
    assert len(broker_sign_ins(s)) == 1

    s.start_app(env=settings, keyring=True)
    s.wait_line("atr-ui: page sign-in", what="asked to sign in after Sign Out and a restart")
    assert len(broker_sign_ins(s)) == 1, "signed in again with a forgotten password"


def scenario_account(s):
    """#14 items 2, 8, 10: Escape leaves adding a workspace; removing one asks first, naming
    it, and Cancel keeps it; no Sign Out where no account was asked for."""
    s.start_broker()
    enrol_harbour(s)
    s.wait_line("atr-ui: resources grid shown=9 ")

    s.key("ctrl+n")
    s.wait_line("atr-ui: page enrol", what="adding a second workspace")
    s.key("Escape")
    s.wait_line("atr-ui: page resources", count=2, what="Escape back to the workspace")

    s.key("F10")                # the window's menu; R is "_Remove This Workspace"
    s.key("r")
    s.wait_for(lambda: s.lines("atr-ui: remove-tenant ") or len(s.lines("atr-ui: page enrol")) > 1,
               "the question or the removal")
    assert len(s.lines("atr-ui: page enrol")) == 1, "removed at once, without asking"
    s.wait_line("atr-ui: remove-tenant ask Harbour Dental Group", what="the question first")
    s.key("Escape")
    s.wait_line("atr-ui: remove-tenant answer cancel")
    assert not s.lines("atr-ui: remove-tenant harbour"), "removed although cancelled"
    assert len(s.lines("atr-ui: page enrol")) == 1, "left the workspace although cancelled"

    focus_main(s)               # the question's window had the keyboard
    s.key("F10")
    s.key("r")
    s.wait_line("atr-ui: remove-tenant ask Harbour Dental Group", count=2)
    s.key("alt+r")              # _Remove
    s.wait_line("atr-ui: remove-tenant harbour.atrium.test", what="the removal")
    s.wait_line("atr-ui: page enrol", count=2, what="enrolment after the last one went")

    # Harbour asked for no account: Sign Out was never offered.
    assert not s.lines("atr-ui: action win.sign-out enabled"), "Sign Out without an account"
    assert s.lines("atr-ui: action win.sign-out disabled"), "Sign Out offered"


def scenario_unreachable(s):
    """#14 item 10: a workspace that cannot be reached previews nothing under the error,
    nor its (bundled) brand."""
    s.start_broker()
    s.stop_broker()             # its port: nothing listens there now
    s.start_app(f"harbour.atrium.test:{s.port}")
    s.key("Return")
    s.wait_line("atr-ui: enrol error:")
    # Give a late theme (the bundled Harbour one) time to arrive: it must not be shown.
    import time
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        assert s.screen().count(HARBOUR_HEADER_BG, HEADER(s)) == 0, "tenant brand under error"
        time.sleep(0.3)
    s.wait_line("atr-ui: enrol preview cleared", what="the preview cleared")


SCENARIOS = {
    "enrol": scenario_enrol,
    "first-minute": scenario_first_minute,
    "offline": scenario_offline,
    "offline-start": scenario_offline_start,
    "certificate": scenario_certificate,
    "sign-in": scenario_sign_in,
    "remember": scenario_remember,
    "links": scenario_links,
    "brand": scenario_brand,
    "a11y": scenario_a11y,
    "sign-in-ntlm": scenario_sign_in_ntlm,
    "sign-out": scenario_sign_out,
    "account": scenario_account,
    "unreachable": scenario_unreachable,
}


def main():
    return atrui.run_scenario(SCENARIOS, atrui.Session, after=check_counts)


if __name__ == "__main__":
    sys.exit(main())
