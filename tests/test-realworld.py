#!/usr/bin/env python3
# test-realworld.py — every input of tests/data/realworld/ through the built atrium-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The corpus holds inputs shaped like the ones in the field (FreeRDP's own test files, Azure
# Virtual Desktop and RD Web Access .rdp files, links from Microsoft's and Parallels'
# documentation, feeds as RD Web Access and raweb serve them); README.md there names the
# source of each. Every input NAME.ext has a NAME.expect beside it:
#
#   # comment
#   exit: 0                     the exit code (required)
#   out: host: ras.example.com  a line of the output, compared with runs of blanks collapsed
#   err: NUL byte               text the error output must contain
#   not: hunter2                text that must appear in neither output (secrets, hosts)
#   args: --enrolled HOST       more arguments for atrium-cli (shell-quoted)
#
# How each folder is run:
#   rdp/*.rdp    atrium-cli rdp-settings [ARGS] -- FILE
#   links/*.uri  atrium-cli uri [ARGS] -- LINK   (the file's text, one final newline dropped)
#   feeds/*.xml  served by the loopback test broker (atrium-test-broker, real TLS) as
#                https://NAME.atrium.test:PORT/RDWeb/Feed/webfeed.aspx, then
#                atrium-cli list --no-dns --trust CA --resolve … [ARGS] URL.
#                Extra keys: "path: /other/path" (where it is served), "content-type: T"
#                (what the broker says it is; empty: no Content-Type at all); "@ORIGIN@" and
#                "@HOST@" in out/err/not lines stand for https://NAME.atrium.test:PORT and
#                NAME.atrium.test.
#
# On top of what NAME.expect says, every run must end within 20 s (no hang), by exiting (no
# crash: a signal fails the case) with one of the documented codes 0–6, and without a GLib
# warning. Needs ATR_CLI, ATR_TEST_DATA and, for feeds, ATR_TEST_BROKER and ATR_TEST_CERTS.

import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT = 20
KINDS = {"rdp": ".rdp", "links": ".uri", "feeds": ".xml"}
KEYS = {"exit", "out", "err", "not", "args", "path", "content-type"}


def collapse(text):
    return " ".join(text.split())


def read_expect(path):
    expect = {"out": [], "err": [], "not": [], "args": []}
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key = key.strip()
            if not sep or key not in KEYS:
                raise ValueError(f"{path}:{number}: not a 'key: value' line with a known key")
            value = value.strip()
            if key in ("out", "err", "not"):
                expect[key].append(value)
            elif key == "args":
                expect["args"] += shlex.split(value)
            elif key == "exit":
                expect["exit"] = int(value)
            else:
                expect[key] = value
    if "exit" not in expect:
        raise ValueError(f"{path}: no 'exit:' line")
    return expect


def run(argv, env):
    try:
        proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "", f"no answer within {TIMEOUT} s (hang)"
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def judge(expect, code, out, err, subst=lambda s: s):
    """The reasons a run does not match its expectation (empty: it matches)."""
    if code is None:
        return [err]
    problems = []
    if code < 0:
        problems.append(f"killed by signal {signal.Signals(-code).name} (crash)")
    elif code > 6:
        problems.append(f"exit {code} is not one of the documented codes 0–6")
    if code != expect["exit"]:
        problems.append(f"exit {code}, expected {expect['exit']}")
    if re.search(r"\b(CRITICAL|WARNING)\b \*\*", err):
        problems.append("a GLib warning on stderr")
    lines = {collapse(line) for line in out.splitlines()}
    for want in expect["out"]:
        if collapse(subst(want)) not in lines:
            problems.append(f"no output line '{collapse(subst(want))}'")
    for want in expect["err"]:
        if collapse(subst(want)) not in collapse(err):
            problems.append(f"error output lacks '{subst(want)}'")
    for never in expect["not"]:
        if subst(never) in out or subst(never) in err:
            problems.append(f"'{subst(never)}' appears in the output")
    if problems:
        problems.append("stdout:\n" + out.rstrip() + "\n  stderr:\n" + err.rstrip())
    return problems


def cases(folder, ext):
    """(name, input, expect file) for every input and every expectation in @folder."""
    names = sorted({os.path.splitext(f)[0] for f in os.listdir(folder)
                    if f.endswith(ext) or f.endswith(".expect")})
    return [(n, os.path.join(folder, n + ext), os.path.join(folder, n + ".expect"))
            for n in names]


class Broker:
    """atrium-test-broker on 127.0.0.1 serving ROOT/<host>/<path>, as the other tests use it."""

    def __init__(self, root):
        certs = os.environ["ATR_TEST_CERTS"]
        self.port_file = os.path.join(root, "port")
        self.log = open(os.path.join(root, "broker.log"), "w")
        self.proc = subprocess.Popen(
            [os.environ["ATR_TEST_BROKER"], "--root", os.path.join(root, "tenants"),
             "--cert", os.path.join(certs, "good.crt"), "--key", os.path.join(certs, "good.key"),
             "--listen", "127.0.0.1:0", "--port-file", self.port_file],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + TIMEOUT
        self.port = None
        while self.port is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("atrium-test-broker did not start (see broker.log)")
            try:
                with open(self.port_file, encoding="ascii") as f:
                    text = f.read().strip()
                self.port = int(text) if text else None
            except (FileNotFoundError, ValueError):
                pass
            if self.port is None:
                time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def main():
    cli = os.environ["ATR_CLI"]
    corpus = os.path.join(os.environ["ATR_TEST_DATA"], "realworld")
    work = tempfile.TemporaryDirectory(prefix="atr-realworld-")
    env = dict(os.environ, LC_ALL="C.UTF-8", G_DEBUG="fatal-warnings",
               XDG_CACHE_HOME=os.path.join(work.name, "cache"),
               XDG_CONFIG_HOME=os.path.join(work.name, "config"),
               XDG_DATA_HOME=os.path.join(work.name, "data"))
    failed = []
    ran = 0

    for kind, ext in KINDS.items():
        folder = os.path.join(corpus, kind)
        if not os.path.isdir(folder):
            print(f"note: {kind}/ is not in the corpus yet: nothing to run there")
            continue
        todo = cases(folder, ext)
        if not todo:
            print(f"note: {kind}/ has no {ext} inputs yet: nothing to run there")
            continue

        broker = None
        if kind == "feeds":
            os.makedirs(os.path.join(work.name, "tenants"))
            for name, source, _ in todo:
                if not os.path.exists(source):
                    continue
                host = re.sub(r"[^a-z0-9-]", "-", name.lower()) + ".atrium.test"
                try:
                    expect = read_expect(os.path.join(folder, name + ".expect"))
                except (OSError, ValueError):
                    continue  # reported below
                path = expect.get("path", "/RDWeb/Feed/webfeed.aspx")
                target = os.path.join(work.name, "tenants", host, *path.strip("/").split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(source, "rb") as f, open(target, "wb") as t:
                    t.write(f.read())
                if "content-type" in expect:
                    with open(os.path.join(work.name, "tenants", host, ".broker.ini"), "w",
                              encoding="utf-8") as ini:
                        ini.write(f"[content-type]\n{path}={expect['content-type']}\n")
            broker = Broker(work.name)

        for name, source, expect_path in todo:
            label = f"{kind}/{name}"
            if not os.path.exists(source):
                failed.append((label, [f"{name}.expect has no {name}{ext}"]))
                continue
            try:
                expect = read_expect(expect_path)
            except OSError:
                failed.append((label, [f"no {name}.expect beside {name}{ext}"]))
                continue
            except ValueError as e:
                failed.append((label, [str(e)]))
                continue

            subst = lambda s: s  # noqa: E731
            if kind == "rdp":
                argv = [cli, "rdp-settings", *expect["args"], "--", source]
            elif kind == "links":
                with open(source, "rb") as f:
                    link = f.read().decode("utf-8", "surrogateescape")
                link = link[:-1] if link.endswith("\n") else link
                link = link[:-1] if link.endswith("\r") else link
                argv = [cli, "uri", *expect["args"], "--", link]
            else:
                host = re.sub(r"[^a-z0-9-]", "-", name.lower()) + ".atrium.test"
                origin = f"https://{host}:{broker.port}"
                path = expect.get("path", "/RDWeb/Feed/webfeed.aspx")
                argv = [cli, "list", "--no-dns", "--trust",
                        os.path.join(os.environ["ATR_TEST_CERTS"], "ca.pem"),
                        f"--resolve={host}:{broker.port}:127.0.0.1", *expect["args"],
                        origin + path]
                subst = lambda s, o=origin, h=host: (  # noqa: E731
                    s.replace("@ORIGIN@", o).replace("@HOST@", h))

            ran += 1
            problems = judge(expect, *run(argv, env), subst)
            if problems:
                failed.append((label, problems))
            else:
                print(f"ok {label}")

        if broker is not None:
            broker.stop()

    for label, problems in failed:
        print(f"FAIL {label}:\n  " + "\n  ".join(problems))
    print(f"{ran} inputs run, {len(failed)} failed")
    return 1 if failed or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
