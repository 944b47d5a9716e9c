#!/usr/bin/env python3
"""Writes a realistic schema-2.1 RD Web Access feed with N resources.

Usage: make-feed.py N OUT

Desktops and RemoteApps (one in ten is a desktop) in nested folders, three icons each
(IconRaw, Icon32, Icon64), file extensions, relative URLs with ?hash= query strings, and one
TerminalServer per twenty resources; the shape Windows RD Web Access 2016+ serves.
"""
import hashlib
import sys

FOLDERS = ["/", "/Office", "/Engineering", "/Engineering/CAD", "/Finance", "/Tools",
           "/Support/Remote", "/Labs"]
EXTENSIONS = [[], [".docx", ".doc"], [".xlsx", ".csv"], [".dwg"], [".pdf"], [".txt", ".log"]]


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("Usage: make-feed.py N OUT\n")
        return 2
    n = int(sys.argv[1])
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="utf-8"?>\n')
    w('<ResourceCollection PubDate="2024-01-15T09:12:44.0Z" SchemaVersion="2.1" '
      'xmlns="http://schemas.microsoft.com/ts/2007/05/tswf">\n')
    w('  <Publisher LastUpdated="2024-01-15T09:12:44.0Z" Name="Bench Workspace" '
      'ID="cb01.bench.example" Description="" SupportsReconnect="true" DisplayFolder="/">\n')
    w('    <SubFolders>\n')
    for f in FOLDERS[1:]:
        w('      <Folder Name="%s" />\n' % f)
    w('    </SubFolders>\n    <Resources>\n')
    for i in range(n):
        desktop = i % 10 == 0
        name = "Desktop%05d" % i if desktop else "App%05d" % i
        rid = "%s-Collection%02d-CmsRdsh" % (name, i % 20)
        digest = hashlib.sha1(rid.encode()).hexdigest()[:16]
        base = "/RDWeb/Pages/rdp/cpub-%s" % rid
        w('      <Resource ID="%s" Alias="%s" Title="%s %d" LastUpdated="2024-01-15T09:12:44.0Z" '
          'Type="%s" ShowByDefault="%s">\n'
          % (rid, name, "Desktop" if desktop else "Application", i,
             "Desktop" if desktop else "RemoteApp", "False" if i % 7 == 3 else "True"))
        w('        <Icons>\n')
        w('          <IconRaw FileType="Ico" FileURL="%s.ico?hash=%s" />\n' % (base, digest))
        w('          <Icon32 Dimensions="32x32" FileType="Png" FileURL="%s.png?hash=%s" />\n'
          % (base, digest))
        w('          <Icon64 Dimensions="64x64" FileType="Png" FileURL="%s.64.png?hash=%s" />\n'
          % (base, digest))
        w('        </Icons>\n')
        exts = EXTENSIONS[i % len(EXTENSIONS)] if not desktop else []
        if exts:
            w('        <FileExtensions>\n')
            for e in exts:
                w('          <FileExtension Name="%s" PrimaryHandler="True" />\n' % e)
            w('        </FileExtensions>\n')
        else:
            w('        <FileExtensions />\n')
        w('        <Folders>\n          <Folder Name="%s" />\n        </Folders>\n'
          % FOLDERS[i % len(FOLDERS)])
        w('        <HostingTerminalServers>\n          <HostingTerminalServer>\n')
        w('            <ResourceFile FileExtension=".rdp" URL="%s.rdp?hash=%s" />\n'
          % (base, digest))
        w('            <TerminalServerRef Ref="rdsh%02d.bench.example" />\n' % (i % 20))
        w('          </HostingTerminalServer>\n        </HostingTerminalServers>\n')
        w('      </Resource>\n')
    w('    </Resources>\n    <TerminalServers>\n')
    for t in range(max(1, (n + 19) // 20)):
        w('      <TerminalServer ID="rdsh%02d.bench.example" Name="rdsh%02d" '
          'LastUpdated="2024-01-15T09:12:44.0Z" />\n' % (t % 100, t % 100))
    w('    </TerminalServers>\n  </Publisher>\n</ResourceCollection>\n')
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
