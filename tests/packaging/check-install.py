#!/usr/bin/env python3
"""`meson install` puts every file where a distribution expects it (issue #4).

Usage:
  check-install.py --build-dir DIR --prefix P --bindir B --datadir D --localedir L
                   --libexecdir X --app-id ID
  check-install.py --self-test

Runs `meson install --no-rebuild --destdir TMP` on the build dir, then looks under
TMP/PREFIX for the programs (atrium-cli's RDP helper in LIBEXECDIR/atrium), trusted.pem, the desktop file, the metainfo, the GSettings
schema, the scalable and symbolic icons and the German and French catalogues, and checks
that they agree with each other (Exec= names an installed program, Icon= an installed icon,
the metainfo's launchable the installed desktop file). Every missing or wrong file is listed
by its path; the exit code is 1 if any is. --self-test runs the same checks on synthetic
trees with one file removed or broken at a time and fails unless each is caught.
"""
import argparse
import glob
import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MO_MAGIC = (0x950412de, 0xde120495)
LANGUAGES = ("de", "fr")


def expected_files(layout, app_id):
    """(relative path or glob, what it is) under DESTDIR."""
    b, d, l = layout["bindir"], layout["datadir"], layout["localedir"]
    x = layout["libexecdir"]
    files = [
        (f"{b}/atrium", "the app"),
        (f"{b}/atrium-cli", "the command-line client"),
        (f"{x}/atrium/atrium-cli-rdp", "atrium-cli's helper for rdp-settings and probe"),
        (f"{d}/atrium/trusted.pem", "the bundled trust store"),
        (f"{d}/applications/{app_id}.desktop", "the desktop file"),
        (f"{d}/metainfo/{app_id}.metainfo.xml", "the AppStream metainfo"),
        (f"{d}/glib-2.0/schemas/*.gschema.xml", "the GSettings schema"),
        (f"{d}/icons/hicolor/scalable/apps/{app_id}.svg", "the scalable app icon"),
        (f"{d}/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg", "the symbolic app icon"),
    ]
    for lang in LANGUAGES:
        files.append((f"{l}/{lang}/LC_MESSAGES/atrium.mo", f"the {lang} translation"))
    return files


def read_desktop(path):
    keys = {}
    with open(path, encoding="utf-8") as f:
        section = None
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("["):
                section = line
            elif section == "[Desktop Entry]" and "=" in line and not line.startswith("#"):
                k, v = line.split("=", 1)
                keys.setdefault(k, v)
    return keys


def check_tree(root, layout, app_id):
    """Problems found in an installed tree rooted at root (DESTDIR + prefix joined)."""
    problems = []
    found = {}
    for pattern, what in expected_files(layout, app_id):
        hits = sorted(glob.glob(os.path.join(root, pattern.lstrip("/"))))
        if not hits:
            problems.append(f"missing: {pattern} ({what})")
        else:
            found[pattern] = hits[0]

    b, d, l = layout["bindir"], layout["datadir"], layout["localedir"]
    x = layout["libexecdir"]
    for prog in (f"{b}/atrium", f"{b}/atrium-cli", f"{x}/atrium/atrium-cli-rdp"):
        p = found.get(prog)
        if p and not os.stat(p).st_mode & stat.S_IXUSR:
            problems.append(f"{prog}: not executable")

    pem = found.get(f"{d}/atrium/trusted.pem")
    if pem:
        with open(pem, encoding="ascii", errors="replace") as f:
            if "-----BEGIN CERTIFICATE-----" not in f.read():
                problems.append(f"{d}/atrium/trusted.pem: holds no PEM certificate")

    desktop = found.get(f"{d}/applications/{app_id}.desktop")
    if desktop:
        keys = read_desktop(desktop)
        exe = (keys.get("Exec") or "").split(" ")[0]
        if not exe or not os.path.exists(os.path.join(root, b.lstrip("/"), exe)):
            problems.append(f"{d}/applications/{app_id}.desktop: Exec={keys.get('Exec')} "
                            f"names no program installed in {b}")
        if keys.get("Icon") != app_id:
            problems.append(f"{d}/applications/{app_id}.desktop: Icon={keys.get('Icon')}, "
                            f"expected {app_id}")
        for k in ("Name[de]", "Name[fr]", "Comment[de]", "Comment[fr]"):
            if k not in keys:
                problems.append(f"{d}/applications/{app_id}.desktop: no {k} (translations "
                                "not merged)")

    metainfo = found.get(f"{d}/metainfo/{app_id}.metainfo.xml")
    if metainfo:
        try:
            mroot = ET.parse(metainfo).getroot()
            if (mroot.findtext("id") or "").strip() != app_id:
                problems.append(f"{d}/metainfo/{app_id}.metainfo.xml: <id> is "
                                f"{mroot.findtext('id')!r}, expected {app_id!r}")
            launch = [(e.text or "").strip() for e in mroot.findall("launchable")]
            if f"{app_id}.desktop" not in launch:
                problems.append(f"{d}/metainfo/{app_id}.metainfo.xml: no launchable "
                                f"{app_id}.desktop")
        except ET.ParseError as e:
            problems.append(f"{d}/metainfo/{app_id}.metainfo.xml: not XML: {e}")

    schema = found.get(f"{d}/glib-2.0/schemas/*.gschema.xml")
    if schema:
        try:
            sroot = ET.parse(schema).getroot()
            if sroot.tag != "schemalist" or sroot.find("schema") is None:
                problems.append(f"{schema[len(root):]}: no <schemalist><schema>")
        except ET.ParseError as e:
            problems.append(f"{schema[len(root):]}: not XML: {e}")

    for lang in LANGUAGES:
        mo = found.get(f"{l}/{lang}/LC_MESSAGES/atrium.mo")
        if mo:
            with open(mo, "rb") as f:
                head = f.read(20)
            if len(head) < 20 or struct.unpack("<I", head[:4])[0] not in MO_MAGIC:
                problems.append(f"{l}/{lang}/LC_MESSAGES/atrium.mo: not a gettext catalogue")
            elif struct.unpack("<I", head[8:12])[0] < 2:
                problems.append(f"{l}/{lang}/LC_MESSAGES/atrium.mo: no translated strings")
    return problems


def list_tree(top):
    out = []
    for dirpath, _dirs, files in os.walk(top):
        for name in files:
            out.append(os.path.relpath(os.path.join(dirpath, name), top))
    return sorted(out)


def run_install(a):
    layout = {k: os.path.relpath(getattr(a, k), a.prefix) for k in
              ("bindir", "datadir", "localedir", "libexecdir")}
    with tempfile.TemporaryDirectory(prefix="atr-install-") as dest:
        env = dict(os.environ)
        env.pop("DESTDIR", None)
        res = subprocess.run([a.meson, "install", "-C", a.build_dir, "--no-rebuild",
                              "--destdir", dest], capture_output=True, text=True, env=env,
                             timeout=300)
        if res.returncode != 0:
            print(f"meson install -C {a.build_dir} --destdir {dest}: exit {res.returncode}")
            print(res.stdout[-4000:])
            print(res.stderr[-4000:])
            return 1
        everything = list_tree(dest)
        prefix_rel = a.prefix.lstrip("/")
        outside = [p for p in everything if not p.startswith(prefix_rel + "/")]
        root = os.path.join(dest, prefix_rel)
        problems = check_tree(root, layout, a.app_id)
        for p in outside:
            problems.append(f"installed outside the prefix {a.prefix}: /{p}")
        print(f"meson install --destdir: {len(everything)} files under {a.prefix}:")
        for p in everything:
            print("  /" + p)
    for p in problems:
        print(p)
    print(f"install check: {'FAIL' if problems else 'OK'} ({len(problems)} problems)")
    return 1 if problems else 0


def make_fake_tree(root, layout, app_id):
    def put(rel, data, mode=0o644):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, mode)

    b, d, l = layout["bindir"], layout["datadir"], layout["localedir"]
    put(f"{b}/atrium", b"\x7fELF", 0o755)
    put(f"{b}/atrium-cli", b"\x7fELF", 0o755)
    put(f"{layout['libexecdir']}/atrium/atrium-cli-rdp", b"\x7fELF", 0o755)
    put(f"{d}/atrium/trusted.pem", b"-----BEGIN CERTIFICATE-----\nAA==\n"
        b"-----END CERTIFICATE-----\n")
    put(f"{d}/applications/{app_id}.desktop",
        f"[Desktop Entry]\nType=Application\nName=Atrium\nName[de]=Atrium\n"
        f"Name[fr]=Atrium\nComment=x\nComment[de]=x\nComment[fr]=x\nExec=atrium %u\n"
        f"Icon={app_id}\n".encode())
    put(f"{d}/metainfo/{app_id}.metainfo.xml",
        f"<component><id>{app_id}</id><launchable type=\"desktop-id\">{app_id}.desktop"
        f"</launchable></component>".encode())
    put(f"{d}/glib-2.0/schemas/{app_id}.gschema.xml",
        f"<schemalist><schema id=\"{app_id}\" path=\"/x/\"/></schemalist>".encode())
    put(f"{d}/icons/hicolor/scalable/apps/{app_id}.svg", b"<svg/>")
    put(f"{d}/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg", b"<svg/>")
    for lang in LANGUAGES:
        put(f"{l}/{lang}/LC_MESSAGES/atrium.mo",
            struct.pack("<IIIIIII", 0x950412de, 0, 5, 28, 68, 0, 0))


def self_test():
    layout = {"bindir": "bin", "datadir": "share", "localedir": "share/locale",
              "libexecdir": "libexec"}
    app_id = "org.atrium.Atrium"
    failed = 0
    with tempfile.TemporaryDirectory(prefix="atr-install-selftest-") as tmp:
        good = os.path.join(tmp, "good")
        make_fake_tree(good, layout, app_id)
        base = check_tree(good, layout, app_id)
        if base:
            print(f"FAIL the complete fake tree is refused: {base}")
            return 1
        print("ok   complete tree accepted")
        cases = [(pattern, "missing: " + pattern, None)
                 for pattern, _ in expected_files(layout, app_id)]
        cases += [
            ("bin/atrium", "not executable", lambda p: os.chmod(p, 0o644)),
            ("libexec/atrium/atrium-cli-rdp", "not executable", lambda p: os.chmod(p, 0o644)),
            ("share/atrium/trusted.pem", "holds no PEM", lambda p: open(p, "w").close()),
            (f"share/locale/fr/LC_MESSAGES/atrium.mo", "not a gettext catalogue",
             lambda p: open(p, "wb").write(b"0" * 40)),
            (f"share/applications/{app_id}.desktop", "Icon=",
             lambda p: open(p, "w").write("[Desktop Entry]\nExec=atrium\nIcon=other\n")),
            (f"share/applications/{app_id}.desktop", "names no program",
             lambda p: open(p, "w").write(f"[Desktop Entry]\nExec=nosuch\nIcon={app_id}\n")),
            (f"share/metainfo/{app_id}.metainfo.xml", "<id> is",
             lambda p: open(p, "w").write("<component><id>x</id></component>")),
        ]
        for i, (pattern, expect, breaker) in enumerate(cases):
            tree = os.path.join(tmp, f"case{i}")
            shutil.copytree(good, tree, symlinks=True)
            target = glob.glob(os.path.join(tree, pattern))[0]
            if breaker is None:
                os.remove(target)
            else:
                breaker(target)
            problems = check_tree(tree, layout, app_id)
            if any(expect in p for p in problems):
                print(f"ok   caught: {pattern}: {expect}")
            else:
                failed += 1
                print(f"FAIL not caught: {pattern} (wanted {expect!r}): {problems}")
    print(f"self-test: {failed} broken trees slipped through")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--meson", default="meson")
    ap.add_argument("--build-dir")
    ap.add_argument("--prefix")
    ap.add_argument("--bindir")
    ap.add_argument("--datadir")
    ap.add_argument("--localedir")
    ap.add_argument("--libexecdir")
    ap.add_argument("--app-id")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    for k in ("build_dir", "prefix", "bindir", "datadir", "localedir", "libexecdir", "app_id"):
        if not getattr(a, k):
            ap.error(f"--{k.replace('_', '-')} is required")
    return run_install(a)


if __name__ == "__main__":
    sys.exit(main())
