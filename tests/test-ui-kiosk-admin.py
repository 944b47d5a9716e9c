#!/usr/bin/env python3
"""Kiosk mode (#6) in the real atrium app under Xvfb: links, the exit PIN and the clipboard.

Usage: test-ui-kiosk-admin.py SCENARIO   (links, pin, clipboard)
  links      a stranger link on the kiosk's command line, then links and a .rdp file from a
             second `atrium` (GApplication forwards them to the running kiosk): each refused
             with the reason on screen (a toast naming the host and "kiosk mode"), nothing
             opened, no enrolment, the kiosk still locked and fullscreen. A link to the
             kiosk's own tenant is refused too while nobody is signed in; a second `atrium`
             cannot change the kiosk's --trust.
  pin        exit_pin_sha256 set: Ctrl+Alt+Shift+E opens the prompt, a wrong PIN is counted
             and locks the prompt for the backoff, the right PIN unlocks, then Ctrl+Q quits
             (exit status 0). Without exit_pin_sha256 the shortcut opens nothing.
  clipboard  text the user copied inside the app (CLIPBOARD) and a selection held on PRIMARY
             are gone after "Sign Out" from the window's menu (xclip asks the X server, as
             the next user's programs would).
Reuses KioskSession (tests/ui/atrkiosk.py); kills only what it started.
"""
import hashlib
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
import atrui  # noqa: E402
from atrkiosk import PASSWORD, TENANT, KioskSession, assert_fullscreen  # noqa: E402

PIN = "2468"


def start(s, auth=True, **conf):
    if auth:
        s.start_broker(auth="basic", user="alice", password=PASSWORD)
    else:
        s.start_broker()
    etc = s.write_conf(enabled="true", tenant=f"{TENANT}:{s.port}", **conf)
    return etc


def windows(s):
    """The visible titled windows (the kiosk's, dialogs; not GTK's 1x1 helper windows)."""
    return s.window_id().split()


def second_atrium(s, *args):
    """A second `atrium` on the kiosk's bus and display: it hands its command line to the
    running kiosk and exits with the status the kiosk answered."""
    with open(s.bus_file) as f:
        bus = f.read().strip()
    env = s.app_env({"DBUS_SESSION_BUS_ADDRESS": bus,
                     "ATRIUM_SYSCONFDIR": os.path.join(s.tmp, "etc"),
                     "ATRIUM_KIOSK_TRUSTED_UID": str(os.getuid())})
    return subprocess.run([os.path.join(s.build, "client", "atrium"), *args], env=env,
                          capture_output=True, text=True, timeout=30)


def assert_locked(s, what):
    assert s.app.poll() is None, f"{what}: atrium exited"
    # The first refusal can come before the kiosk window has its fullscreen size.
    s.wait_for(lambda: s.geometry() == (s.width, s.height), f"{what}: a fullscreen window",
               timeout=10)
    assert_fullscreen(s, what)
    assert not s.lines("atr-ui: page enrol"), f"{what}: enrolment shown"
    assert not s.lines("atr-ui: enrol"), f"{what}: a link reached enrolment"
    assert not s.lines("atr-ui: link confirm"), f"{what}: a link asked instead of refusing"
    assert not s.lines("atr-launcher: "), f"{what}: a link reached the launcher"
    assert len(windows(s)) == 1, f"{what}: more than the kiosk's window: {windows(s)}"


def refused(s, count, host):
    """The count-th refusal: the debug line and the toast the kiosk window shows."""
    line = s.wait_line("atr-ui: link refused: ", count=count,
                       what=f"refusal #{count} ({host})")[count - 1]
    assert "kiosk mode" in line and host in line, f"refusal #{count} does not say why: {line}"
    toasts = s.wait_line("atr-ui: toast This link was not opened: ", count=count,
                         what=f"the toast of refusal #{count}")
    assert "kiosk mode" in toasts[count - 1] and host in toasts[count - 1], toasts[count - 1]
    return line


def scenario_links(s):
    etc = start(s)
    s.start_kiosk(etc, "rdp://full%20address=s:evil.example:3389")
    s.wait_line("atr-ui: page sign-in", what="the kiosk's home screen")
    refused(s, 1, "evil.example")
    assert_locked(s, "a stranger link on the command line")

    # From a second atrium, as a browser or file manager would hand them over.
    r = second_atrium(s, "ms-rd:subscribe?url=https://evil.example/feed")
    assert r.returncode == 0, f"second atrium: {r.returncode} {r.stderr}"
    refused(s, 2, "evil.example")
    rogue = os.path.join(s.source, "tests", "data", "rdp", "rogue-campaign.rdp")
    r = second_atrium(s, rogue)
    assert r.returncode == 0, f"second atrium (.rdp): {r.returncode} {r.stderr}"
    refused(s, 3, "rdp.attacker.example")
    # A bare address would be enrolment: refused as well.
    second_atrium(s, "ironworks.atrium.test")
    refused(s, 4, "kiosk mode")
    # The kiosk's own tenant, but nobody is signed in: refused, not kept for the next user.
    second_atrium(s, f"atrium://connect?tenant={TENANT}&resource=HDG-Excel")
    line = refused(s, 5, TENANT)
    assert "sign in" in line, line
    time.sleep(0.5)
    assert_locked(s, "links from a second atrium")

    # A second atrium cannot re-point the kiosk at other certificates.
    r = second_atrium(s, "--trust", os.path.join(s.certs, "evil-ca.pem"),
                      "atrium://connect?tenant=" + TENANT)
    assert r.returncode == 2 and "kiosk mode" in r.stderr, f"--trust taken: {r}"
    assert len(s.lines("atr-ui: link refused: ")) == 5, "a link of a refused command line ran"


def press_admin_exit(s):
    s.key("ctrl+alt+shift+e")


def type_pin(s, pin):
    """Types into the prompt's PIN entry (it has the focus) and answers with Return."""
    s.type(pin)
    s.key("Return")


def scenario_pin(s):
    digest = hashlib.sha256(PIN.encode()).hexdigest()
    etc = start(s, auth=False, exit_pin_sha256=digest)
    s.start_kiosk(etc)
    s.wait_line("atr-ui: page ", what="the kiosk's home screen")
    assert len(windows(s)) == 1

    # Ctrl+Q before the PIN: swallowed.
    s.key("ctrl+q")
    s.wait_line("atr-ui: kiosk swallowed key", what="Ctrl+Q swallowed")

    # The prompt; a wrong PIN is counted and locks the prompt for the backoff.
    press_admin_exit(s)
    s.wait_line("atr-ui: kiosk exit PIN prompt")
    s.wait_for(lambda: len(windows(s)) == 2, "the PIN prompt's window")
    type_pin(s, "1111")
    s.wait_line("atr-ui: kiosk wrong exit PIN failures=1")
    s.wait_for(lambda: len(windows(s)) == 1, "the prompt to close")
    press_admin_exit(s)
    s.wait_line("atr-ui: kiosk exit PIN prompt", count=2)
    s.wait_for(lambda: len(windows(s)) == 2, "the locked prompt's window")
    type_pin(s, PIN)   # the right PIN, but the prompt is locked: not taken
    time.sleep(0.5)
    assert not s.lines("atr-ui: kiosk unlocked"), "the locked prompt took a PIN"
    s.key("Escape")
    s.wait_for(lambda: len(windows(s)) == 1, "the locked prompt to close")

    # After the backoff (1 s for the first failure), the right PIN unlocks.
    time.sleep(1.5)
    press_admin_exit(s)
    s.wait_line("atr-ui: kiosk exit PIN prompt", count=3)
    s.wait_for(lambda: len(windows(s)) == 2, "the prompt's window")
    type_pin(s, PIN)
    s.wait_line("atr-ui: kiosk unlocked by the administrator")
    assert PIN not in "\n".join(s.stderr_lines), "the PIN reached the log"
    s.wait_for(lambda: len(windows(s)) == 1, "the prompt to close")

    # Ctrl+Q now really quits.
    s.key("ctrl+q")
    deadline = time.monotonic() + 15
    while s.app.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert s.app.poll() == 0, f"atrium did not quit with 0 after Ctrl+Q: {s.app.poll()}"

    # Without exit_pin_sha256 the shortcut opens nothing.
    pin_unset(s)


def pin_unset(s):
    etc = s.write_conf(enabled="true", tenant=f"{TENANT}:{s.port}")
    s.start_kiosk(etc)
    s.wait_line("atr-ui: page ", what="the kiosk's home screen")
    press_admin_exit(s)
    # Keys are handled in order: once Alt+F4 is swallowed, the shortcut has been seen.
    s.key("alt+F4")
    s.wait_line("atr-ui: kiosk swallowed key", what="Alt+F4 after the shortcut")
    time.sleep(0.5)
    assert not s.lines("atr-ui: kiosk exit PIN prompt"), "a prompt without exit_pin_sha256"
    assert len(windows(s)) == 1, f"a window opened without exit_pin_sha256: {windows(s)}"
    assert s.app.poll() is None


def xclip(s, selection):
    r = subprocess.run(["xclip", "-o", "-selection", selection],
                       env={"DISPLAY": s.display, "PATH": os.environ["PATH"]},
                       capture_output=True, text=True, timeout=10)
    return r.stdout


def scenario_clipboard(s):
    etc = start(s)
    s.start_kiosk(etc)
    s.wait_line("atr-ui: page sign-in", what="the branded sign-in")

    s.type("alice")
    s.key("Return")
    s.type(PASSWORD)
    s.key("alt+s")
    s.wait_line("atr-ui: kiosk signed in")

    # The user copies text inside the app (the search entry's text, Ctrl+C): the app owns
    # CLIPBOARD. GTK releases an entry's PRIMARY by itself once the selection goes, which
    # would hide a missing clear; so PRIMARY is held by another client (xclip, as text
    # selected in another program would be) and only the app's clearing can take it.
    secret = "alice-copied-4711"
    s.key("ctrl+f")
    s.type(secret)
    s.key("ctrl+a", "ctrl+c")
    s.wait_for(lambda: secret in xclip(s, "clipboard"), "the copied text on CLIPBOARD")
    selected = "alice-selected-4712"
    holder = subprocess.Popen(["xclip", "-quiet", "-i", "-selection", "primary"],
                              env={"DISPLAY": s.display, "PATH": os.environ["PATH"]},
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    s.procs.append(holder)
    holder.stdin.write(selected.encode())
    holder.stdin.close()
    s.wait_for(lambda: selected in xclip(s, "primary"), "the selected text on PRIMARY")

    # Sign Out from the window's menu (F10 opens it; O is "Sign _Out").
    s.key("F10")
    time.sleep(0.5)
    s.key("o")
    s.wait_line("atr-ui: kiosk sign-out reason=signed-out")
    s.wait_line("atr-ui: kiosk wiped tenant=")
    s.wait_line("atr-ui: kiosk home")
    time.sleep(0.5)
    clip, primary = xclip(s, "clipboard"), xclip(s, "primary")
    assert secret not in clip, f"CLIPBOARD still holds the user's text: {clip!r}"
    assert selected not in primary and secret not in primary, \
        f"PRIMARY still holds the user's text: {primary!r}"
    assert s.app.poll() is None


SCENARIOS = {"links": scenario_links, "pin": scenario_pin, "clipboard": scenario_clipboard}


def main():
    return atrui.run_scenario(SCENARIOS, KioskSession, "kiosk-admin-")


if __name__ == "__main__":
    sys.exit(main())
