#!/usr/bin/env python3
"""Everyday use with the keyboard and a screen reader (#14, item 13 and the rest of the
issue's "must show"): the real app under Xvfb, the loopback broker and, where a desktop is
opened, a real RDP server (freerdp-shadow-cli3, tests/ui/atrshadow.py).

Usage: test-ui-keys.py SCENARIO
  keyboard     Keys only, no pointer event at all (xdotool key/type; the harness's parking
               of the pointer is refused too): enrol, sign in (the broker asks for an
               account), open the desktop by typing its name, fullscreen (Ctrl+Alt+Shift+F),
               Ctrl+Alt+Del with the host key (Ctrl+Alt+End: the RDP server's screen sees
               Control, Alt, Delete, and no End), leave fullscreen (F11),
               disconnect (Ctrl+Alt+Shift+D: the server sees the connection go).
  close        Closing the main window (WM_DELETE_WINDOW, as a window manager's close button)
               with a desktop open asks first, naming one session; Escape keeps the window
               and the connection; closing again and Quit ends the app and the connection.
               With no session open the window closes at once, without a question.
  help         "Get Help" where no browser can be opened: a message with the tenant's help
               link and help-desk number as text, not "Operation not supported".
  preferences  Preferences list the workspaces by name (not domain), and scaling is a clear
               choice ("Follow the display's scale" or a fixed percentage), no "0 follows".
  header       With two workspaces the switcher shows the current one's name: the header
               says it once, not again as the window title.
  switcher     The switcher's list items are named for a screen reader (the workspace names).
  hidden       With "Show All", resources hidden by default look different: dimmed, with a
               "Hidden" label, and "hidden" in the name a screen reader reads.
  tab          Tab enters the grid once and leaves it with the next Tab; arrows move inside.
Each scenario starts its own Xvfb, broker (and RDP server) and app; it stops exactly those.
"""
import importlib.util
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "ui"))
import atrui  # noqa: E402
from atrshadow import SHADOW_COLOUR, Shadow, near, write_tenant_root  # noqa: E402

# The AT-SPI helpers of test-ui-app.py (FocusWatch, A11yTree), shared rather than copied.
_spec = importlib.util.spec_from_file_location("test_ui_app", os.path.join(HERE, "test-ui-app.py"))
uiapp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(uiapp)

TENANT = "harbour.atrium.test"
PASSWORD = "harbour-Secret-1"
SUPPORT_LINK = "https://harbour.atrium.test/support"       # its theme.json
SUPPORT_TEXT = "Practice IT desk: +44 20 7946 0000"
POINTER = {"mousemove", "mousemove_relative", "click", "mousedown", "mouseup",
           "getmouselocation", "behave_screen_edge"}


def env_path(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set (run through meson test)")
    return value


class ProbeShadow(Shadow):
    """The RDP server's screen is atr-x11-probe (one colour, reporting every key it gets),
    instead of xlogo: what the session sent arrives there."""

    def _cover(self, display):
        self.probe_log = os.path.join(self.dir, "probe.log")
        self.procs.append(subprocess.Popen(
            [env_path("ATR_X11_PROBE"), self.colour.lstrip("#")],
            env={"DISPLAY": display}, stdout=open(self.probe_log, "w"),
            stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 20
        while "ready" not in open(self.probe_log).read():
            if time.monotonic() > deadline:
                raise RuntimeError("atr-x11-probe did not start")
            time.sleep(0.05)

    def keys(self):
        return re.findall(r"^key (\S+)$", open(self.probe_log).read(), re.M)

    def connections(self):
        """Established TCP connections to the server's port (both directions are listed)."""
        needle = re.compile(rf"^\s*\d+: 0100007F:{self.port:04X} \S+ 01 ", re.M)
        with open("/proc/net/tcp") as f:
            return len(needle.findall(f.read()))


class KeysSession(atrui.Session):
    """A session whose xdotool refuses every pointer command: the keyboard-only test cannot
    move or click the pointer even by mistake (the harness parks it after start: refused)."""

    def __init__(self, name):
        super().__init__(name, width=1280, height=800)
        self.shadow = None
        self.refused = []
        self.keys_only = False

    def xdo(self, *args):
        if self.keys_only and args and args[0] in POINTER:
            self.refused.append(args)
            return ""
        return super().xdo(*args)

    def windows(self):
        return self.window_id().split()

    def main_window(self):
        return min(self.windows(), key=int)

    def geometry(self, wid):
        out = self.xdo("getwindowgeometry", wid)
        m = re.search(r"Geometry: (\d+)x(\d+)", out)
        return (int(m.group(1)), int(m.group(2))) if m else None

    def close(self):
        if self.shadow is not None:
            self.shadow.close()
        super().close()


def with_desktop(s, auth=False):
    """The RDP server and the tenant whose HDG-Desktop points at it, served by the broker.
    The app is started with the trust the server's certificate chain needs (its leaf only:
    the CA and the intermediate, as test-ui-kiosk-session does; the last --trust wins)."""
    s.shadow = ProbeShadow(s.tmp, s.certs)
    port = s.shadow.start()
    root = write_tenant_root(s.source, s.tmp, port, tenant=TENANT)
    if auth:
        s.start_broker(auth="basic", user="alice", password=PASSWORD, root=root)
    else:
        s.start_broker(root=root)
    return ["--trust", os.path.join(s.certs, "trusted-with-intermediate.pem")]


def open_desktop(s):
    """Ctrl+F, the desktop's name and Return on the grid: the session window, connected."""
    s.key("ctrl+f")
    s.type("Harbour Desktop")
    s.wait_line("atr-ui: resources grid shown=1 ", what="the search for the desktop")
    s.key("Return")
    s.wait_line("atr-launcher: open ", what="the desktop opened")
    assert " HDG-Desktop" in s.lines("atr-launcher: open ")[-1], s.lines("atr-launcher: open ")
    s.wait_for(lambda: s.lines("atr-ui: session: connected to 127.0.0.1"), "the session",
               timeout=30)
    s.wait_for(lambda: len(s.windows()) == 2, "the session window")
    s.wait_for(lambda: near(s.screen(), SHADOW_COLOUR) >= 200 * 200, "the remote screen")
    s.wait_for(lambda: s.shadow.connections() > 0, "the connection at the server")
    return max(s.windows(), key=int)


# --- keyboard only -------------------------------------------------------------------------

def scenario_keyboard(s):
    s.keys_only = True
    trust = with_desktop(s, auth=True)
    # No window manager: this does its fullscreen (_NET_WM_STATE) and nothing else.
    wm_log = os.path.join(s.tmp, "wm-state.log")
    s.procs.append(subprocess.Popen([env_path("ATR_X11_WM_STATE")], env={"DISPLAY": s.display},
                                    stdout=open(wm_log, "w"), stderr=subprocess.STDOUT))
    s.wait_for(lambda: "ready" in open(wm_log).read(), "atr-x11-wm-state")
    s.start_app(*trust)

    # Enrol: type the address, Return looks it up, Return adds it.
    s.type(f"{TENANT}:{s.port}")
    s.key("Return")
    s.wait_line(f"atr-ui: enrol preview {TENANT}", what="the look-up")
    s.key("Return")
    # Sign in: the broker asks for an account.
    s.wait_line("atr-ui: page sign-in", what="the sign-in page")
    s.type("alice")
    s.key("Return")
    s.type(PASSWORD)
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ", what="the grid after signing in")

    # Open the desktop; fullscreen with the host key (Ctrl+Alt+Shift+F).
    wid = open_desktop(s)
    # No window manager gives a new window the keyboard here: xdotool does (no pointer).
    s.xdo("windowfocus", "--sync", wid)
    s.key("x")                      # the view has the keyboard: a letter reaches the desktop
    s.wait_for(lambda: "x" in s.shadow.keys(), "x at the remote desktop")
    s.key("ctrl+alt+shift+f")
    s.wait_line("atr-ui: session: fullscreen on", what="fullscreen")
    s.wait_for(lambda: s.geometry(wid) == (s.width, s.height), "the session in fullscreen")

    # Ctrl+Alt+End sends Ctrl+Alt+Del.
    before = len(s.shadow.keys())
    s.key("ctrl+alt+End")
    s.wait_for(lambda: "Delete" in s.shadow.keys()[before:], "Ctrl+Alt+Del at the server")
    sent = s.shadow.keys()[before:]
    pressed = sent[:sent.index("Delete")]
    assert "Control_L" in pressed and ("Alt_L" in pressed or "Meta_L" in pressed), sent
    assert "End" not in sent, f"the host key itself reached the remote desktop: {sent}"

    # Leave fullscreen.
    s.key("F11")
    s.wait_line("atr-ui: session: fullscreen off", what="fullscreen left")
    s.wait_for(lambda: s.geometry(wid) != (s.width, s.height), "a window, not fullscreen")
    assert s.shadow.connections() > 0, "the session ended on leaving fullscreen"

    # Disconnect with the host key: the server sees the connection go; the app stays.
    s.key("ctrl+alt+shift+d")
    s.wait_line("atr-ui: session: disconnected", what="the session's end on screen")
    s.wait_for(lambda: s.shadow.connections() == 0, "the connection closed at the server")
    assert s.app.poll() is None, "the app ended with the session"
    assert PASSWORD not in "\n".join(s.stderr_lines), "the password reached the log"
    assert s.refused == [("mousemove", str(s.width - 1), str(s.height - 1))], \
        f"pointer commands were attempted: {s.refused}"


# --- closing with sessions open ------------------------------------------------------------

def close_main(s):
    out = subprocess.run([env_path("ATR_X11_CLOSE"), s.main_window()],
                         env={"DISPLAY": s.display}, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def scenario_close(s):
    trust = with_desktop(s)
    keyfile = {"GSETTINGS_BACKEND": "keyfile"}      # the workspace stays for the restart
    s.start_app(f"{TENANT}:{s.port}", *trust, env=keyfile)
    press_until(s, "Return", f"atr-ui: enrol preview {TENANT}")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ")
    open_desktop(s)
    main = s.main_window()

    close_main(s)
    s.wait_line("atr-ui: quit: asking, 1 session(s) open", what="the question first")
    assert main in s.windows(), "the main window closed without asking"
    s.key("Escape")
    s.wait_line("atr-ui: quit: cancel", what="Cancel")
    time.sleep(1)
    assert main in s.windows(), "Cancel closed the main window"
    assert s.app.poll() is None and s.shadow.connections() > 0, "Cancel ended the session"

    close_main(s)
    s.wait_line("atr-ui: quit: asking, 1 session(s) open", count=2)
    s.key("alt+q")                  # _Quit
    s.wait_line("atr-ui: quit: quit")
    s.wait_for(lambda: s.app.poll() is not None, "the app to end")
    s.wait_for(lambda: s.shadow.connections() == 0, "the connection closed at the server")
    s.app = None

    # No session open: the window closes at once.
    s.start_app(*trust, env=keyfile)
    s.wait_line("atr-ui: resources grid shown=9 ")
    close_main(s)
    s.wait_for(lambda: s.app.poll() is not None, "the app to end at once")
    assert not s.lines("atr-ui: quit: asking"), s.lines("atr-ui: quit: asking")


# --- item 13 --------------------------------------------------------------------------------

def press_until(s, key, line, tries=3):
    """Presses @key until the app logs @line: the window is up before its address entry has
    the keyboard, longer with the accessibility bus on a loaded machine."""
    for _ in range(tries):
        s.key(key)
        try:
            return s.wait_for(lambda: s.lines(line), line, timeout=8)
        except AssertionError:
            pass
    raise AssertionError(f"{key} ×{tries} did not lead to {line!r}")


def enrol(s, *more, env=None):
    """Harbour enrolled from the command line (and Ironworks by keys when asked)."""
    s.start_broker()
    s.start_app(f"{TENANT}:{s.port}", env=env)
    press_until(s, "Return", f"atr-ui: enrol preview {TENANT}")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ")
    for tenant in more:
        pages = len(s.lines("atr-ui: page enrol"))
        s.key("ctrl+n")
        s.wait_line("atr-ui: page enrol", count=pages + 1)
        s.type(f"{tenant}:{s.port}")
        s.key("Return")
        s.wait_line(f"atr-ui: enrol preview {tenant}")
        s.key("Return")
        s.wait_line("atr-ui: resources grid shown=3 ", what=f"{tenant}'s grid")


def windows_of(tree):
    """{window name: [(role, name)]} from A11yTree.walk(): the objects under each window."""
    found, current = {}, None
    for depth, role, name, _ in tree:
        if depth == 1:
            current = found.setdefault(name, [])
        elif current is not None:
            current.append((role, name))
    return found


def without_browser(s):
    """XDG_DATA_DIRS with the system's icons, schemas and MIME data but no applications (so
    no browser, whatever this machine has), and of the session bus's services only the
    accessibility bus (so no portal either)."""
    share = os.path.join(s.tmp, "share")
    os.makedirs(os.path.join(share, "dbus-1", "services"))
    for name in ("icons", "glib-2.0", "mime", "themes"):
        if os.path.exists(os.path.join("/usr/share", name)):
            os.symlink(os.path.join("/usr/share", name), os.path.join(share, name))
    os.symlink("/usr/share/dbus-1/services/org.a11y.Bus.service",
               os.path.join(share, "dbus-1", "services", "org.a11y.Bus.service"))
    return {"XDG_DATA_DIRS": share, "GTK_USE_PORTAL": "0"}


def scenario_help(s):
    enrol(s, env={"GTK_A11Y": "atspi", **without_browser(s)})
    tree = uiapp.A11yTree(s)
    s.key("F10")                    # the main menu; H is "Get _Help"
    s.key("h")
    s.wait_line(f"atr-ui: help message link={SUPPORT_LINK} support={SUPPORT_TEXT}",
                what="the help message instead of a browser")
    texts = s.wait_for(lambda: (lambda t: SUPPORT_LINK in t and t)(
        {n for _, _, n, _ in tree.walk()}), "the help link on screen")
    assert SUPPORT_TEXT in texts, f"the help desk's number is not on screen: {sorted(texts)}"
    assert not [t for t in texts if "not supported" in t.lower()], texts
    assert s.app.poll() is None, "the app ended"


def scenario_preferences(s):
    enrol(s, "ironworks.atrium.test", env={"GTK_A11Y": "atspi"})
    tree = uiapp.A11yTree(s)
    s.key("ctrl+comma")
    s.wait_for(lambda: len(s.windows()) == 2, "Preferences")
    prefs = [objs for name, objs in windows_of(tree.walk()).items()
             if any(n == "Open at start" for _, n in objs)]
    assert len(prefs) == 1, "no Preferences window in the accessibility tree"
    names = {n for _, n in prefs[0]}
    assert "Ironworks Engineering" in names, f"the workspace is not listed by name: {names}"
    assert f"ironworks.atrium.test:{s.port}" not in names, "listed by its domain"
    assert "Follow the display’s scale" in names, names
    assert not [n for n in names if "0 follows" in n], names


def scenario_header(s):
    enrol(s, "ironworks.atrium.test", env={"GTK_A11Y": "atspi"})
    tree = uiapp.A11yTree(s)
    s.wait_line("atr-ui: header title=", what="the header")
    # The header bar: the innermost object holding both of its buttons (Refresh at the
    # start, the main menu at the end), with everything under it. (GTK 4.8 also names the
    # title's object "AdwWindowTitle"; GTK 4.18 leaves it unnamed.)
    walked = tree.walk()

    def ancestors(i):
        chain, depth = [], walked[i][0]
        for j in range(i - 1, -1, -1):
            if walked[j][0] < depth:
                chain.append(j)
                depth = walked[j][0]
        return chain

    refresh = next(i for i, (_, r, n, _) in enumerate(walked)
                   if r == "button" and n == "Refresh (F5)")
    menu = next(i for i, (_, r, n, _) in enumerate(walked)
                if r == "button" and n == "Main Menu")
    start = next(j for j in ancestors(refresh) if j in ancestors(menu))
    header = [walked[start]]
    for node in walked[start + 1:]:
        if node[0] <= walked[start][0]:
            break
        header.append(node)
    labels = [n for _, r, n, _ in header if r == "label"]
    assert labels.count("Ironworks Engineering") == 1, \
        f"the tenant's name is in the header {labels.count('Ironworks Engineering')} times: " \
        + "\n".join(f"{'  ' * d}{r}: {n!r}" for d, r, n, _ in header)


def scenario_switcher(s):
    enrol(s, "ironworks.atrium.test", env={"GTK_A11Y": "atspi"})
    tree = uiapp.A11yTree(s)
    tree.move("shift+Tab", "(toggle )?button|combo box", "Switch workspace", limit=12)
    s.key("space")
    s.wait_for(lambda: any(r == "list item" for _, r, _, _ in tree.walk()),
               "the switcher's list")
    items = [n for _, r, n, _ in tree.check_named("switcher") if r == "list item"]
    assert sorted(items) == ["Harbour Dental Group", "Ironworks Engineering"], items


def scenario_hidden(s):
    enrol(s, env={"GTK_A11Y": "atspi"})
    tree = uiapp.A11yTree(s)
    s.key("ctrl+f", "Tab", "Tab", "space")      # the search, the folder, Show All
    s.wait_line("atr-ui: resources grid shown=11 ")
    walked = tree.walk()
    cells = [n for _, r, n, _ in walked if re.fullmatch(uiapp.TILE_ROLE, r)]
    hidden = [n for n in cells if n.endswith(", hidden")]
    assert len(cells) == 11 and len(hidden) == 2, f"tiles: {cells}"
    labels = [n for _, r, n, _ in walked if r == "label" and n == "Hidden"]
    assert len(labels) == 2, f"{len(labels)} tiles say Hidden"


def scenario_tab(s):
    enrol(s, env={"GTK_A11Y": "atspi"})
    focus = uiapp.FocusWatch(s)
    s.key("ctrl+f")                 # the search, then the folder, Show All, the grid
    focus.move("Tab", uiapp.TILE_ROLE, ".*", limit=4)
    first = focus.describe(*focus.focused()[-1])
    s.key("Right")
    focus.wait_focus(uiapp.TILE_ROLE, "Clinic Workstation, Desktop", "Right inside the grid")
    assert first[1] == "Harbour Desktop, Desktop", first
    before = len(focus.focused())
    s.key("Tab")
    s.wait_for(lambda: len(focus.focused()) > before, "the focus to move on Tab")
    after = focus.describe(*focus.focused()[-1])
    assert not re.fullmatch(uiapp.TILE_ROLE, after[0]), f"Tab stayed in the grid: {after}"
    # Shift+Tab comes back to the grid, and Shift+Tab again leaves it backwards.
    s.key("shift+Tab")
    focus.wait_focus(uiapp.TILE_ROLE, ".*", "Shift+Tab back into the grid")
    s.key("shift+Tab")
    focus.wait_focus("(toggle )?button", "Show All", "Shift+Tab out of the grid to Show All")


SCENARIOS = {
    "keyboard": scenario_keyboard,
    "close": scenario_close,
    "help": scenario_help,
    "preferences": scenario_preferences,
    "header": scenario_header,
    "switcher": scenario_switcher,
    "hidden": scenario_hidden,
    "tab": scenario_tab,
}


if __name__ == "__main__":
    sys.exit(atrui.run_scenario(SCENARIOS, KeysSession, prefix="keys-"))
