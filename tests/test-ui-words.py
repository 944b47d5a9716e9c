#!/usr/bin/env python3
"""UI tests (#14, item 11): the error pages in German and French, with no English left.

Usage: test-ui-words.py SCENARIO   (see SCENARIOS at the end)
The real app under Xvfb in the locale de_DE.UTF-8 or fr_FR.UTF-8 with LANGUAGE=de or fr
(see locale_env) against the loopback test broker: a workspace that does not answer, one whose certificate
is for another host, and a desktop behind an RD Gateway whose name is not found. What each
page shows comes from the app's ATR_DEBUG_UI lines ("enrol error text: TITLE / TEXT",
"session: page text: TITLE / TEXT / DETAIL", the failure's "toast") and must hold no
English words; with ATR_UI_SHOT_DIR each page is saved there as error-PAGE-LANG.png.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
import atrui  # noqa: E402

# Words of English prose that neither German nor French uses ("a", "in", "was", "so",
# "Name", "host", "port" and "Gateway" are words there too, so they are not listed).
ENGLISH = {
    "the", "could", "not", "with", "refused", "rejected", "failed", "cannot", "reached",
    "found", "which", "is", "are", "of", "and", "this", "been", "by", "to", "for", "from",
    "unable", "error", "connection", "certificate", "timed", "out", "trust", "store",
    "issued", "match", "that", "it", "your", "check", "try", "again", "network",
    "no", "workspace", "did", "answer", "itself", "contacted", "opened", "gateway",
    "reach", "be", "or", "has", "have", "subject", "does",
}
# Codes and names that stay as they are: host names and URLs, FreeRDP's and the trust
# store's code names (ERRCONNECT_…, host-mismatch), quoted names, numbers.
CODE = re.compile(r"\S*[._:/@=]\S*|\S+-\S+|“[^”]*”|„[^“]*“|«[^»]*»|\([A-Z0-9_]+\)|\d+")


def english_words(text):
    plain = CODE.sub(" ", text)
    words = re.findall(r"[A-Za-zÀ-ÿ’']+", plain)
    # "Gateway" is German too; English prose is what the lower-case words give away.
    return sorted({w for w in words if w.lower() in ENGLISH and w not in ("Gateway",)})


def check_language(what, text, lang):
    found = english_words(text)
    print(f"{what} ({lang}): {text}")
    assert not found, f"{what} in {lang} shows English ({', '.join(found)}): {text}"
    assert text.strip(), f"{what} in {lang} is empty"


def shot(s, name):
    shots = os.environ.get("ATR_UI_SHOT_DIR")
    if shots:
        import time
        time.sleep(1.0)
        window = min(s.window_id().split(), key=int) if name != "gateway" else \
            max(s.window_id().split(), key=int)
        import subprocess
        subprocess.run(["import", "-silent", "-window", window,
                        os.path.join(shots, f"error-{name}-{s.lang}.png")],
                       env={"DISPLAY": s.display}, check=True)


def locale_env(s):
    """The app's environment for s.lang. glibc 2.41 (Debian 13) ignores LANGUAGE in the
    C.UTF-8 locale as it does in C (2.36, Debian 12's, honoured it), so the app runs in a real
    locale of that language, as a user's session would: compiled with localedef (package
    locales) into this session's own folder and found through LOCPATH, so nothing on the
    system changes."""
    name = {"de": "de_DE", "fr": "fr_FR"}[s.lang]
    path = os.path.join(s.tmp, "locale")
    out = os.path.join(path, f"{name}.UTF-8")
    os.makedirs(path, exist_ok=True)
    # -c: some locale sources draw warnings (exit 1) yet compile; the folder is the proof.
    done = subprocess.run(["localedef", "-c", "-i", name, "-f", "UTF-8", out],
                          capture_output=True, text=True)
    assert os.path.isfile(os.path.join(out, "LC_MESSAGES", "SYS_LC_MESSAGES")), \
        f"localedef could not build {name}.UTF-8 (package locales): {done.stderr.strip()}"
    return {"LOCPATH": path, "LANG": f"{name}.UTF-8", "LANGUAGE": s.lang}


def start(s, *args):
    """Starts the app with the address prefilled and looks it up with Return, pressed again
    when a busy machine delivered the first one before the page had the keyboard."""
    s.start_app(*args, env=locale_env(s))
    import time
    for _ in range(3):
        s.key("Return")
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            if s.lines("atr-ui: enrol error text: ") or s.lines("atr-ui: enrol preview "):
                return
            time.sleep(0.1)
    raise AssertionError("Return never looked the address up")


def unreachable(s):
    s.start_broker()
    s.stop_broker()             # its port: nothing listens there now
    start(s, f"harbour.atrium.test:{s.port}")
    text = s.wait_line("atr-ui: enrol error text: ")[-1].split(": ", 2)[2]
    check_language("the unreachable workspace's page", text, s.lang)
    shot(s, "unreachable")


def certificate(s):
    s.start_broker(cert="wronghost")
    start(s, f"harbour.atrium.test:{s.port}")
    text = s.wait_line("atr-ui: enrol error text: ")[-1].split(": ", 2)[2]
    assert "harbour.atrium.test" in text, f"the reason does not name the host: {text}"
    check_language("the refused certificate's page", text, s.lang)
    shot(s, "certificate")


def gateway(s):
    s.start_broker()
    # The tenant's .rdp names gateway.harbour.atrium.test, which FreeRDP does not find.
    start(s, f"harbour.atrium.test:{s.port}",
          "--resolve", "harbour-rdsh01.atrium.test:3389:127.0.0.1")
    s.wait_line("atr-ui: enrol preview harbour.atrium.test")
    s.key("Return")
    s.wait_line("atr-ui: resources grid shown=9 ")
    s.type("Clinic")
    s.wait_line("atr-ui: resources grid shown=1 ")
    s.key("Return")
    page = s.wait_line("atr-ui: session: page text: ", what="the session's end page")[-1]
    page = page.split(": ", 3)[3]
    toast = s.wait_line("atr-ui: toast ", what="the failure's toast")[-1]
    toast = toast[len("atr-ui: toast "):]
    check_language("the gateway failure's page", page, s.lang)
    check_language("the gateway failure's toast", toast, s.lang)
    assert "gateway.harbour.atrium.test" in page, f"the page does not name the gateway: {page}"
    shot(s, "gateway")


SCENARIOS = {}
for lang in ("de", "fr"):
    for name, run in (("unreachable", unreachable), ("certificate", certificate),
                      ("gateway", gateway)):
        SCENARIOS[f"{name}-{lang}"] = (lambda run, lang: lambda s: (setattr(s, "lang", lang),
                                                                    run(s)))(run, lang)


def main():
    return atrui.run_scenario(SCENARIOS, lambda name: atrui.Session(name, width=1100,
                                                                    height=720))


if __name__ == "__main__":
    sys.exit(main())
