#!/usr/bin/env python3
"""Static checks of the Flatpak manifest (issue #4). No runtime is needed and nothing is built.

Usage:
  check-flatpak-manifest.py --manifest FILE --source-root DIR --app-id ID --profile PROFILE
  check-flatpak-manifest.py ... --self-test

Checks, each reported with the key or file it is about:
  - the file parses as JSON;
  - `flatpak-builder --show-manifest` exits 0 and prints no WARNING (it only warns about
    unknown keys and source types, TOOLCHAIN.md section 5);
  - app-id equals the desktop file's ID and the metainfo's <id> and <launchable> (from the
    committed client/*.desktop.in and client/*.metainfo.xml.in), and meson's default-profile
    app ID (--app-id/--profile name what the build dir was configured with);
  - a GNOME runtime/SDK that ships GTK >= 4.8 and libadwaita >= 1.2, command `atrium`;
  - every archive/file source has a 64-hex sha256, every git source a 40-hex commit,
    dir sources stay inside the source tree;
  - finish-args hold the required permissions and none of the forbidden ones;
  - FreeRDP 3.32.1 is built from a source archive with server, manpages and tests off, and
    atrium is a meson module built from the local tree with -Dtests=false.
--self-test feeds broken variants of the manifest through the same checks and fails unless
every one of them is refused for the expected reason.
Exit code 0 when everything passes, 1 otherwise.
"""
import argparse
import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

REQUIRED_FINISH_ARGS = [
    "--socket=wayland",
    "--socket=fallback-x11",
    "--share=ipc",
    "--share=network",
    "--socket=pulseaudio",
    "--device=dri",
    "--talk-name=org.freedesktop.secrets",
]
# Whole-home or host access, and sockets that defeat the sandbox.
FORBIDDEN_FINISH_ARGS = re.compile(
    r"^--(filesystem=(home|host|host-os|host-etc|~|/)(:.*|/.*)?|device=all|socket=x11|"
    r"socket=session-bus|socket=system-bus|talk-name=org\.freedesktop\.Flatpak)$")
FREERDP_REQUIRED_OFF = ["WITH_SERVER", "WITH_MANPAGES", "BUILD_TESTING", "WITH_X11",
                        "WITH_CLIENT", "WITH_CUPS"]
FREERDP_VERSION = "3.32.1"
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX40 = re.compile(r"^[0-9a-f]{40}$")
# GTK 4.8 and libadwaita 1.2 arrived with GNOME 43; runtimes before 47 are past their end of
# life on Flathub (the manifest is on 50).
MIN_GNOME_RUNTIME = 47


class Problems:
    def __init__(self):
        self.items = []

    def add(self, msg):
        self.items.append(msg)

    def __bool__(self):
        return bool(self.items)


def cmake_options(config_opts):
    """{'WITH_SERVER': 'OFF', ...} from -DNAME[:TYPE]=VALUE arguments."""
    opts = {}
    for arg in config_opts:
        m = re.match(r"^-D([A-Za-z0-9_]+)(?::[A-Z]+)?=(.*)$", arg)
        if m:
            opts[m.group(1)] = m.group(2).upper()
    return opts


def walk_modules(modules, where, problems, out):
    for i, mod in enumerate(modules or []):
        label = f"{where}[{i}]"
        if isinstance(mod, str):
            problems.add(f"{label}: module '{mod}' is an include file; keep every module "
                         "inline so this check sees its sources")
            continue
        if not isinstance(mod, dict):
            problems.add(f"{label}: module is not an object")
            continue
        name = mod.get("name", "")
        out.append((f"modules/{name or label}", mod))
        walk_modules(mod.get("modules"), f"modules/{name}/modules", problems, out)


def check_sources(mod_label, mod, manifest_dir, source_root, problems):
    for j, src in enumerate(mod.get("sources") or []):
        label = f"{mod_label}/sources[{j}]"
        if isinstance(src, str):
            problems.add(f"{label}: source '{src}' is an include file; keep sources inline")
            continue
        kind = src.get("type")
        if kind in ("archive", "file"):
            if "url" not in src and "path" not in src:
                problems.add(f"{label}: {kind} source has neither url nor path")
            if "url" in src and not src["url"].startswith("https://"):
                problems.add(f"{label}: url {src['url']!r} is not https://")
            sha = src.get("sha256")
            if sha is None:
                problems.add(f"{label}: {kind} source {src.get('url', src.get('path'))!r} "
                             "has no sha256")
            elif not isinstance(sha, str) or not HEX64.match(sha):
                problems.add(f"{label}: sha256 {sha!r} is not 64 lower-case hex digits")
        elif kind == "git":
            commit = src.get("commit")
            if not isinstance(commit, str) or not HEX40.match(commit):
                problems.add(f"{label}: git source {src.get('url')!r} is not pinned to a "
                             "40-hex commit")
        elif kind == "dir":
            path = os.path.realpath(os.path.join(manifest_dir, src.get("path", "")))
            root = os.path.realpath(source_root)
            if path != root and not path.startswith(root + os.sep):
                problems.add(f"{label}: dir path {src.get('path')!r} leaves the source tree")
        elif kind in ("patch", "script", "shell", "inline"):
            if kind == "patch" and "path" not in src and "paths" not in src:
                problems.add(f"{label}: patch source without a local path")
        else:
            problems.add(f"{label}: source type {kind!r} is not one this project uses "
                         "(archive, file, git, dir, patch, script, shell, inline)")


def expected_ids(source_root, problems):
    """The app ID the desktop file and metainfo declare (with @APP_ID@ left symbolic)."""
    client = os.path.join(source_root, "client")
    desktops = sorted(glob.glob(os.path.join(client, "*.desktop.in")))
    metainfos = sorted(glob.glob(os.path.join(client, "*.metainfo.xml.in")))
    found = {}
    if len(desktops) != 1:
        problems.add(f"{client}: expected one *.desktop.in, found {len(desktops)}")
    else:
        found["desktop"] = (desktops[0], os.path.basename(desktops[0])[:-len(".desktop.in")])
    if len(metainfos) != 1:
        problems.add(f"{client}: expected one *.metainfo.xml.in, found {len(metainfos)}")
    else:
        found["metainfo"] = (metainfos[0],
                             os.path.basename(metainfos[0])[:-len(".metainfo.xml.in")])
    return found


def check_ids(manifest, source_root, meson_app_id, profile, problems):
    app_id = manifest.get("app-id") or manifest.get("id")
    if not app_id:
        problems.add("app-id: missing")
        return
    if not re.match(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_-]*){2,}$", app_id):
        problems.add(f"app-id: {app_id!r} is not a reverse-DNS application ID")

    # meson's app ID for the profile the flatpak builds (default) must be the manifest's.
    default_id = meson_app_id
    if profile == "development":
        if not meson_app_id.endswith(".Devel"):
            problems.add(f"meson app_id {meson_app_id!r} (profile development) does not end "
                         "in .Devel")
        default_id = meson_app_id[:-len(".Devel")]
    if app_id != default_id:
        problems.add(f"app-id: {app_id!r} differs from meson's default-profile app ID "
                     f"{default_id!r} (meson.build)")

    found = expected_ids(source_root, problems)
    if "desktop" in found:
        path, name = found["desktop"]
        if name != app_id:
            problems.add(f"app-id: {app_id!r} differs from the desktop file's ID {name!r} "
                         f"({path})")
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("Icon="):
                    icon = line.strip()[5:].replace("@APP_ID@", app_id)
                    if icon != app_id:
                        problems.add(f"{path}:{n}: Icon={icon} is not the app ID {app_id}")
    if "metainfo" in found:
        path, name = found["metainfo"]
        if name != app_id:
            problems.add(f"app-id: {app_id!r} differs from the metainfo file name {name!r} "
                         f"({path})")
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            problems.add(f"{path}: not XML: {e}")
            return
        mid = (root.findtext("id") or "").strip().replace("@APP_ID@", app_id)
        if mid != app_id:
            problems.add(f"app-id: {app_id!r} differs from the metainfo <id> {mid!r} ({path})")
        launch = [(el.text or "").strip().replace("@APP_ID@", app_id)
                  for el in root.findall("launchable") if el.get("type") == "desktop-id"]
        if launch != [app_id + ".desktop"]:
            problems.add(f"{path}: <launchable type=\"desktop-id\"> is {launch}, expected "
                         f"['{app_id}.desktop']")


def check_runtime(manifest, problems):
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.add(f"runtime: {manifest.get('runtime')!r}, expected 'org.gnome.Platform' "
                     "(GTK 4 and libadwaita come from it)")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.add(f"sdk: {manifest.get('sdk')!r}, expected 'org.gnome.Sdk'")
    version = str(manifest.get("runtime-version", ""))
    if not re.match(r"^\d+$", version) or int(version) < MIN_GNOME_RUNTIME:
        problems.add(f"runtime-version: {version!r}, expected a released GNOME runtime >= "
                     f"{MIN_GNOME_RUNTIME} (GTK >= 4.8, libadwaita >= 1.2)")
    if manifest.get("command") != "atrium":
        problems.add(f"command: {manifest.get('command')!r}, expected 'atrium'")


def check_finish_args(manifest, problems):
    args = manifest.get("finish-args")
    if not isinstance(args, list):
        problems.add("finish-args: missing or not a list")
        return
    for need in REQUIRED_FINISH_ARGS:
        if need not in args:
            problems.add(f"finish-args: {need} is missing")
    for arg in args:
        if FORBIDDEN_FINISH_ARGS.match(arg):
            problems.add(f"finish-args: {arg} is not allowed (no home/host file system, "
                         "no plain x11, no full device or bus access)")


def check_modules(manifest, manifest_dir, source_root, problems):
    mods = []
    walk_modules(manifest.get("modules"), "modules", problems, mods)
    by_name = {}
    for label, mod in mods:
        check_sources(label, mod, manifest_dir, source_root, problems)
        by_name.setdefault(mod.get("name"), (label, mod))

    if "freerdp" not in by_name:
        problems.add("modules: no 'freerdp' module (the GNOME runtime has no FreeRDP)")
    else:
        label, mod = by_name["freerdp"]
        if mod.get("buildsystem") not in ("cmake", "cmake-ninja"):
            problems.add(f"{label}: buildsystem {mod.get('buildsystem')!r}, expected cmake")
        archives = [s for s in mod.get("sources") or []
                    if isinstance(s, dict) and s.get("type") == "archive"]
        if not any(FREERDP_VERSION in s.get("url", "") for s in archives):
            problems.add(f"{label}: no source archive of FreeRDP {FREERDP_VERSION}")
        opts = cmake_options(mod.get("config-opts") or [])
        for name in FREERDP_REQUIRED_OFF:
            if opts.get(name) not in ("OFF", "FALSE", "0", "NO"):
                problems.add(f"{label}: config-opts must set -D{name}=OFF "
                             f"(now {opts.get(name, 'unset')})")

    if "atrium" not in by_name:
        problems.add("modules: no 'atrium' module")
    else:
        label, mod = by_name["atrium"]
        if mod is not (manifest.get("modules") or [None])[-1]:
            problems.add(f"{label}: atrium must be the last top-level module")
        if mod.get("buildsystem") != "meson":
            problems.add(f"{label}: buildsystem {mod.get('buildsystem')!r}, expected meson")
        opts = mod.get("config-opts") or []
        if "-Dtests=false" not in opts:
            problems.add(f"{label}: config-opts lack -Dtests=false")
        if any(o.startswith("-Dprofile=") and o != "-Dprofile=default" for o in opts):
            problems.add(f"{label}: config-opts select a non-default profile; the app ID "
                         "would not match the manifest's")
        dirs = [s for s in mod.get("sources") or []
                if isinstance(s, dict) and s.get("type") == "dir"]
        root = os.path.realpath(source_root)
        if not any(os.path.realpath(os.path.join(manifest_dir, s.get("path", ""))) == root
                   for s in dirs):
            problems.add(f"{label}: no dir source pointing at the source tree ({root})")


def run_show_manifest(path, problems):
    tool = shutil.which("flatpak-builder")
    if tool is None:
        problems.add("flatpak-builder is not installed (scripts/install-deps.sh)")
        return None
    with tempfile.TemporaryDirectory(prefix="atr-flatpak-") as home:
        env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, "data"),
                   XDG_CACHE_HOME=os.path.join(home, "cache"))
        env.pop("G_DEBUG", None)   # report warnings as text, not as a crash
        res = subprocess.run([tool, "--show-manifest", path], capture_output=True,
                             text=True, env=env, cwd=home, timeout=60)
    if res.returncode != 0:
        problems.add(f"flatpak-builder --show-manifest {path}: exit {res.returncode}: "
                     f"{res.stderr.strip()}")
        return None
    for line in res.stderr.splitlines():
        if "warning" in line.lower():
            problems.add(f"flatpak-builder --show-manifest {path}: {line.strip()}")
    try:
        return json.loads(res.stdout)
    except json.JSONDecodeError as e:
        problems.add(f"flatpak-builder --show-manifest {path}: output is not JSON: {e}")
        return None


def check_text(text, builder_path, manifest_dir, source_root, meson_app_id, profile):
    """All checks on one manifest text; builder_path is a file holding the same text."""
    problems = Problems()
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as e:
        problems.add(f"{builder_path}: not valid JSON: line {e.lineno} column {e.colno}: "
                     f"{e.msg}")
        return problems
    if not isinstance(manifest, dict):
        problems.add(f"{builder_path}: top level is not an object")
        return problems
    run_show_manifest(builder_path, problems)
    check_ids(manifest, source_root, meson_app_id, profile, problems)
    check_runtime(manifest, problems)
    check_finish_args(manifest, problems)
    check_modules(manifest, manifest_dir, source_root, problems)
    return problems


def mutations(m):
    """(name, expected text in a problem, mutated manifest or raw text)."""
    def mod(manifest, name):
        return next(x for x in manifest["modules"] if x.get("name") == name)

    def mutate(fn):
        c = copy.deepcopy(m)
        fn(c)
        return c

    yield ("unknown key", "warning",
           mutate(lambda c: c.update({"finsh-args": []})))
    yield ("unknown source type", "warning",
           mutate(lambda c: mod(c, "freerdp")["sources"].append({"type": "nosuch"})))
    yield ("archive without sha256", "has no sha256",
           mutate(lambda c: mod(c, "freerdp")["sources"][0].pop("sha256")))
    yield ("short sha256", "is not 64 lower-case hex",
           mutate(lambda c: mod(c, "freerdp")["sources"][0].update(
               sha256=mod(c, "freerdp")["sources"][0]["sha256"][:63])))
    yield ("non-hex sha256", "is not 64 lower-case hex",
           mutate(lambda c: mod(c, "freerdp")["sources"][0].update(sha256="z" * 64)))
    yield ("nested file without sha256", "has no sha256",
           mutate(lambda c: mod(c, "freerdp").setdefault("modules", []).append(
               {"name": "dep", "buildsystem": "simple", "build-commands": ["true"],
                "sources": [{"type": "file", "url": "https://example.org/x.tar.gz"}]})))
    yield ("unpinned git", "not pinned to a 40-hex commit",
           mutate(lambda c: mod(c, "freerdp")["sources"].__setitem__(
               0, {"type": "git", "url": "https://github.com/FreeRDP/FreeRDP.git",
                   "tag": "2.11.7"})))
    yield ("home access", "--filesystem=home is not allowed",
           mutate(lambda c: c["finish-args"].append("--filesystem=home")))
    yield ("host access", "--filesystem=host:ro is not allowed",
           mutate(lambda c: c["finish-args"].append("--filesystem=host:ro")))
    yield ("no secret service", "--talk-name=org.freedesktop.secrets is missing",
           mutate(lambda c: c["finish-args"].remove("--talk-name=org.freedesktop.secrets")))
    yield ("plain x11", "--socket=fallback-x11 is missing",
           mutate(lambda c: c["finish-args"].__setitem__(
               c["finish-args"].index("--socket=fallback-x11"), "--socket=x11")))
    yield ("other app id", "differs from the desktop file's ID",
           mutate(lambda c: c.update({"app-id": "org.atrium.Other"})))
    yield ("old runtime", "runtime-version",
           mutate(lambda c: c.update({"runtime-version": "42"})))
    yield ("tests built", "lack -Dtests=false",
           mutate(lambda c: mod(c, "atrium")["config-opts"].remove("-Dtests=false")))
    yield ("devel profile", "non-default profile",
           mutate(lambda c: mod(c, "atrium")["config-opts"].append("-Dprofile=development")))
    yield ("server built", "-DWITH_SERVER=OFF",
           mutate(lambda c: mod(c, "freerdp").__setitem__("config-opts", [
               o for o in mod(c, "freerdp")["config-opts"] if "WITH_SERVER" not in o]
               + ["-DWITH_SERVER:BOOL=ON"])))
    yield ("wrong freerdp", "no source archive of FreeRDP 3.32.1",
           mutate(lambda c: mod(c, "freerdp")["sources"][0].update(
               url="https://github.com/FreeRDP/FreeRDP/archive/refs/tags/2.11.7.tar.gz")))
    yield ("end-of-life runtime", "runtime-version",
           mutate(lambda c: c.update({"runtime-version": "46"})))
    yield ("dir outside tree", "leaves the source tree",
           mutate(lambda c: mod(c, "atrium")["sources"][0].update(path="../..")))
    yield ("syntax error", "not valid JSON", json.dumps(m)[:-2])


def self_test(text, manifest_dir, source_root, meson_app_id, profile):
    base = check_text(text, os.path.join(manifest_dir, "org.atrium.Atrium.json"),
                      manifest_dir, source_root, meson_app_id, profile)
    if base:
        print("self-test: the real manifest must pass first:")
        for p in base.items:
            print("  " + p)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="atr-flatpak-selftest-") as tmp:
        for name, expect, variant in mutations(json.loads(text)):
            body = variant if isinstance(variant, str) else json.dumps(variant, indent=2)
            path = os.path.join(tmp, "org.atrium.Atrium.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
            problems = check_text(body, path, manifest_dir, source_root, meson_app_id,
                                  profile)
            hit = [p for p in problems.items if expect.lower() in p.lower()]
            if hit:
                print(f"ok   refused: {name}: {hit[0]}")
            else:
                failed += 1
                print(f"FAIL accepted or refused for another reason: {name} "
                      f"(wanted {expect!r}): {problems.items}")
    print(f"self-test: {failed} of the broken manifests slipped through")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--app-id", required=True, help="meson's app_id for this build dir")
    ap.add_argument("--profile", required=True, help="meson's profile option")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    manifest = os.path.abspath(a.manifest)
    manifest_dir = os.path.dirname(manifest)
    try:
        with open(manifest, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        print(f"{manifest}: {e.strerror}")
        return 1
    if a.self_test:
        return self_test(text, manifest_dir, a.source_root, a.app_id, a.profile)
    problems = check_text(text, manifest, manifest_dir, a.source_root, a.app_id, a.profile)
    for p in problems.items:
        print(p)
    print(f"{manifest}: {'FAIL' if problems else 'OK'} ({len(problems.items)} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
