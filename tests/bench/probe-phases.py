#!/usr/bin/env python3
"""probe-phases.py — split one RDP client run into phases (bench-probe.sh, ATR_BENCH_PHASES=1)

  probe-phases.py strace FILE
      FILE from `strace -f -tt -T -e trace=execve,openat,connect,read,write,recvfrom,sendto,
      poll,ppoll,exit_group CLIENT…`: prints ms from the first execve to each milestone (each
      exec, main() — the first locale.alias a program opens, from setlocale() —, OpenSSL's
      legacy provider, which FreeRDP loads for NTLM right before it dials, the TCP connect)
      and for the connection's socket (the one connect()ed to AF_INET): how long the
      connecting thread was blocked in poll/read between its first and last I/O (waiting for
      the server: no client can make that shorter), how long it was busy, the first round
      trip (X.224 request to confirm: the server's per-connection set-up), and the time from
      the last socket I/O to the exit.

  probe-phases.py perf FILE HZ RUNS
      FILE from `perf script -F comm,tid,ip,sym,dso` of `perf record -F HZ -g` over RUNS runs:
      CPU ms per run and thread name, by phase (the first category whose function is on the
      sample's stack; the dynamic loader's own symbol lookups have no frame pointers, so a
      sample whose leaf is one of them counts as loading too).

Numbers under strace are slower than without it (every traced call stops the process): use
them for the split, and bench-probe.sh's own runs for the totals.
"""
import collections
import re
import sys


def ms(line):
    h, m, s = line.split()[1].split(':')
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000


def strace_phases(path):
    lines = [l for l in open(path).read().splitlines() if l.strip()]
    marks = {}
    sock = sock_pid = None
    io = []          # (ms, 'R' | 'W')
    blocked = []     # (ms, duration ms) of the connecting thread's poll/read
    pending = {}     # pid -> (call, fd) of an unfinished read/write
    n_main = 0
    for line in lines:
        fields = line.split(None, 2)
        if len(fields) < 3:
            continue
        pid, rest, t = fields[0], fields[2], ms(line)
        if rest.startswith('<... '):
            m = re.match(r'<\.\.\. (\w+) resumed>.*= (-?\d+)[^<]*(?:<(\d+\.\d+)>)?$', rest)
            if not m:
                continue
            call = m.group(1)
            if pid == sock_pid and m.group(3) and call in ('poll', 'ppoll', 'read', 'recvfrom'):
                blocked.append((t, float(m.group(3)) * 1000))
            if pid in pending:
                pcall, fd = pending.pop(pid)
                if fd == sock and int(m.group(2)) > 0:
                    io.append((t, 'R' if pcall in ('read', 'recvfrom') else 'W'))
            continue
        m = re.match(r'(\w+)\((\d+)?', rest)
        if not m:
            continue
        call = m.group(1)
        if call == 'execve':
            name = re.search(r'execve\("([^"]+)"', rest).group(1).rsplit('/', 1)[-1]
            if name not in ('bash', 'sh', 'env', 'strace'):
                marks.setdefault('exec ' + name, t)
        elif not marks:
            continue   # the shell that started the client
        elif call == 'openat' and 'locale.alias' in rest:
            marks.setdefault('main() #%d' % n_main, t)
            n_main += 1
        elif call == 'openat' and 'ossl-modules/legacy.so' in rest:
            marks.setdefault('OpenSSL legacy provider (NTLM)', t)
        elif call == 'connect' and 'AF_INET' in rest and sock is None:
            sock, sock_pid = int(m.group(2)), pid
            marks['TCP connect'] = t
        elif call == 'exit_group':
            marks['exit_group'] = t
        if call in ('poll', 'ppoll', 'read', 'recvfrom') and pid == sock_pid and \
                'unfinished' not in rest:
            d = re.search(r'<(\d+\.\d+)>$', rest)
            if d:
                blocked.append((t, float(d.group(1)) * 1000))
        if call in ('read', 'write', 'recvfrom', 'sendto') and m.group(2):
            fd = int(m.group(2))
            if 'unfinished' in rest:
                pending[pid] = (call, fd)
                continue
            r = re.search(r'= (-?\d+)', rest)
            if r and sock is not None and fd == sock and int(r.group(1)) > 0:
                io.append((t, 'R' if call in ('read', 'recvfrom') else 'W'))
    start = min(marks.values())
    end = ms(lines[-1])
    print(f"{path}: {end - start:.0f} ms from the client's exec to the exit")
    for name, t in sorted(marks.items(), key=lambda kv: kv[1]):
        print(f"  {t - start:8.1f}  {name}")
    if not io:
        return
    first, last = io[0][0], io[-1][0]
    waited = sum(d for t, d in blocked if first - 0.5 <= t <= last + 0.5)
    first_rtt = next((t for t, k in io if k == 'R'), first) - first
    print(f"  socket: first I/O {first - start:.1f}, last {last - start:.1f} ({last - first:.1f} ms, "
          f"{len(io)} reads/writes)")
    print(f"    blocked waiting for the server {waited:.1f} ms (first round trip, X.224: "
          f"{first_rtt:.1f} ms); busy {last - first - waited:.1f} ms")
    print(f"  last socket I/O to exit: {end - last:.1f} ms")


CATEGORIES = [
    ('codec contexts and primitives self-test', ('freerdp_client_codecs_prepare',
                                                 'freerdp_client_codecs_new',
                                                 'freerdp_client_codecs_reset', 'primitives_get')),
    ('GDI set-up', ('gdi_init', 'gdi_init_ex')),
    ('FreeRDP context and settings', ('freerdp_client_context_new', 'freerdp_context_new_ex',
                                      'freerdp_context_new')),
    ('freerdp_connect (TLS, NLA, activation)', ('freerdp_connect',)),
    ('X11', ('XOpenDisplay', '_XReply', 'XSync')),
    ('dynamic loading', ('_dl_start_user', '_dl_sysdep_start', 'dl_main', '_dl_start',
                         '_dl_relocate_object', '_dl_map_object', '_dl_catch_exception')),
    ('library constructors', ('_dl_init', 'call_init', 'hwy::platform::TimerResolution')),
    ('exit', ('__run_exit_handlers', '_dl_fini', '__x64_sys_exit_group', 'do_group_exit')),
    ('exec', ('__x64_sys_execve', 'bprm_execve')),
]
LOADER_LEAVES = ('do_lookup_x', 'check_match', '_dl_lookup_symbol_x', 'strcmp',
                 '_dl_map_object_from_fd', '_dl_name_match_p', '_dl_cache_libcmp')


def perf_phases(path, hz, runs):
    per = collections.defaultdict(collections.Counter)
    comm, stack = None, []

    def flush():
        if comm is None or comm in ('bash', 'sh', 'perf', 'env', 'seq'):
            return
        name = 'other'
        for cat, keys in CATEGORIES:
            if any(k in stack for k in keys):
                name = cat
                break
        else:
            if stack and stack[0] in LOADER_LEAVES:
                name = 'dynamic loading'
        per[comm][name] += 1

    for line in open(path):
        if not line.strip():
            flush()
            comm, stack = None, []
        elif not line[0].isspace():
            flush()
            comm, stack = line.split()[0], []
        else:
            fields = line.split()
            if len(fields) >= 2:
                stack.append(fields[1].split('+')[0])
    flush()
    for comm, counts in sorted(per.items()):
        total = sum(counts.values())
        print(f"  {comm}: {total / hz * 1000 / runs:.0f} ms CPU per run")
        for name, n in counts.most_common():
            print(f"    {n / hz * 1000 / runs:7.1f}  {name}")


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'strace':
        strace_phases(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == 'perf':
        perf_phases(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
