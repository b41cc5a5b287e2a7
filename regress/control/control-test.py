#!/usr/bin/env python3
# Copyright (c) 2026 The nolistd authors
#
# Permission to use, copy, modify, and distribute this software for any
# purpose with or without fee is hereby granted, provided that the above
# copyright notice and this permission notice appear in all copies.
#
# THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
# WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
# MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
# ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
# WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
# ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
# OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.

# The control socket end to end: control-driver serves control_new over a
# real tracker; nolistctl and raw clients talk to it.
#
#	control-test.py control-driver nolistctl
#
# Checks nolistctl's commands in text and JSON and the table changes they
# cause, then what a hostile or broken client can do: garbage, a request
# of 100 KB, a client that never finishes its request, 50 connections at
# once, and clients that never read a whitelist of 100,000 entries while
# others are served within a second. The driver must never die, and must
# exit 0 (with ASan, also free of leaks) at the end.
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

DRIVER, NOLISTCTL = sys.argv[1], sys.argv[2]
failures = 0
checks = 0


def check(ok, what):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print("FAIL: " + what, flush=True)


class Driver:
    def __init__(self, tmp, name, fill=0):
        self.sock = os.path.join(tmp, name + ".sock")
        self.changes = os.path.join(tmp, name + ".changes")
        self.stats = os.path.join(tmp, name + ".prom")
        self.log = open(os.path.join(tmp, name + ".log"), "w")
        self.proc = subprocess.Popen(
            [DRIVER, "-s", self.sock, "-c", self.changes,
             "-n", str(fill), "-S", self.stats],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        if line != "ready\n":
            sys.exit("driver did not start: %r" % line)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.log.close()
        return rc

    def changes_list(self):
        with open(self.changes) as f:
            return [json.loads(l) for l in f if l.strip()]


def ctl(d, *args, timeout=30):
    return subprocess.run([NOLISTCTL, "-s", d.sock] + list(args),
                          capture_output=True, text=True, timeout=timeout)


def raw(d, data, shut=False, timeout=10):
    """Send data, read the whole answer until the daemon closes."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(d.sock)
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    if shut:
        s.shutdown(socket.SHUT_WR)
    out = b""
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    except ConnectionResetError:
        pass
    s.close()
    return out


def timed_stats(d):
    t0 = time.monotonic()
    r = ctl(d, "show", "stats")
    return r, time.monotonic() - t0


def test_no_daemon(tmp):
    r = subprocess.run([NOLISTCTL, "-s", os.path.join(tmp, "none.sock"),
                        "show", "stats"], capture_output=True, text=True)
    check(r.returncode == 1, "no daemon: exit 1")
    check("none.sock: No such file or directory (is nolistd running?)"
          in r.stderr, "no daemon: message: " + r.stderr)
    r = subprocess.run([NOLISTCTL, "add", "192.0.2.300"],
                       capture_output=True, text=True)
    check(r.returncode == 1 and "bad address" in r.stderr,
          "client rejects a bad address before connecting: " + r.stderr)
    r = subprocess.run([NOLISTCTL, "frob"], capture_output=True, text=True)
    check(r.returncode == 1 and 'unknown command "frob"' in r.stderr,
          "client rejects an unknown command: " + r.stderr)
    r = subprocess.run([NOLISTCTL], capture_output=True, text=True)
    check(r.returncode == 1 and "usage:" in r.stderr, "usage")


def test_commands(d):
    r = ctl(d, "show", "stats")
    check(r.returncode == 0, "show stats exit 0")
    stats = dict(l.split(": ") for l in r.stdout.splitlines())
    for k, v in (("records", "1"), ("fake_mx", "1"), ("whitelisted", "1"),
                 ("table_size", "1"), ("direct_to_second_mx", "0"),
                 ("dns_queries", "0"), ("dns_failures", "0")):
        check(stats.get(k) == v, "show stats %s: %r" % (k, stats.get(k)))
    r = ctl(d, "-j", "show", "stats")
    js = json.loads(r.stdout)
    check(r.returncode == 0 and js["records"] == 1 and js["table_size"] == 1
          and len(js) == 24 and js["turned_away"] == 0
          and js["pools_live"] == 0, "show stats -j: " + r.stdout)
    # the test driver has no turned-away table: a clear error
    r = ctl(d, "show", "turned-away")
    check(r.returncode == 1 and "turned-away is not served here" in r.stderr,
          "show turned-away without a table: " + r.stderr)
    # no expand pool here: no live pools, in either form
    r = ctl(d, "show", "pools")
    check(r.returncode == 0 and r.stdout == "", "show pools: %r" % r.stdout)
    r = ctl(d, "-j", "show", "pools")
    check(r.returncode == 0 and json.loads(r.stdout) == [],
          "show pools -j: %r" % r.stdout)

    r = ctl(d, "add", "198.51.100.25")
    check(r.returncode == 0 and r.stdout == "added 198.51.100.25/32\n",
          "add: %r %r" % (r.stdout, r.stderr))
    r = ctl(d, "-j", "add", "2001:db8:5::/48")
    check(r.returncode == 0 and json.loads(r.stdout) ==
          {"op": "add", "addr": "2001:db8:5::/48"}, "add -j: " + r.stdout)
    ch = d.changes_list()
    check(len(ch) == 3 and ch[0]["reason"] == "fake-mx" and
          ch[1]["op"] == "add" and ch[1]["addr"] == "198.51.100.25/32" and
          ch[1]["reason"] == "manual" and ch[2]["addr"] == "2001:db8:5::/48"
          and ch[2]["reason"] == "manual", "changes after add: %r" % ch)

    r = ctl(d, "show", "whitelist")
    lines = r.stdout.splitlines()
    pat = re.compile(r"^(\S+) expires (\d+) \(in 3[56]d \d+h\) reason (\S+)$")
    got = {}
    for l in lines:
        m = pat.match(l)
        check(m is not None, "whitelist line: " + l)
        if m:
            got[m.group(1)] = (int(m.group(2)), m.group(3))
    check(r.returncode == 0 and set(got) == {
        "192.0.2.10/32", "198.51.100.25/32", "2001:db8:5::/48"},
        "show whitelist: " + r.stdout)
    check(got.get("192.0.2.10/32", (0, ""))[1] == "fake-mx" and
          got.get("198.51.100.25/32", (0, ""))[1] == "manual",
          "show whitelist reasons")
    expires = got.get("198.51.100.25/32", (0, ""))[0]
    check(abs(expires - (time.time() + 36 * 86400)) < 60,
          "manual entry expires after whitelist-time")

    r = ctl(d, "-j", "show", "whitelist")
    wl = json.loads(r.stdout)
    check(r.returncode == 0 and len(wl) == 3 and
          all(set(e) == {"addr", "expires", "reason"} for e in wl),
          "show whitelist -j: " + r.stdout)
    check({e["addr"]: e["expires"] for e in wl}.get("198.51.100.25/32")
          == expires, "JSON and text agree on the expiry")

    r = ctl(d, "delete", "198.51.100.25")
    check(r.returncode == 0 and r.stdout == "deleted 198.51.100.25/32\n",
          "delete: %r %r" % (r.stdout, r.stderr))
    ch = d.changes_list()
    check(ch[-1]["op"] == "delete" and ch[-1]["addr"] == "198.51.100.25/32"
          and ch[-1]["reason"] == "manual", "changes after delete")
    r = ctl(d, "delete", "198.51.100.25")
    check(r.returncode == 1 and r.stdout == "" and
          r.stderr == "nolistctl: not in the whitelist\n",
          "delete again: %r" % r.stderr)
    check(len(d.changes_list()) == 4, "a failed delete changes nothing")

    r = ctl(d, "flush")
    check(r.returncode == 0 and r.stdout == "flushed 2\n",
          "flush: " + r.stdout)
    ch = d.changes_list()
    check(len(ch) == 6 and all(c["op"] == "delete" and
                               c["reason"] == "manual" for c in ch[4:]) and
          {c["addr"] for c in ch[4:]} == {"192.0.2.10/32", "2001:db8:5::/48"},
          "changes after flush: %r" % ch[4:])
    r = ctl(d, "-j", "show", "whitelist")
    check(r.returncode == 0 and json.loads(r.stdout) == [],
          "empty whitelist -j: %r" % r.stdout)
    r = ctl(d, "show", "whitelist")
    check(r.returncode == 0 and r.stdout == "", "empty whitelist")
    r = ctl(d, "-j", "flush")
    check(r.returncode == 0 and json.loads(r.stdout) ==
          {"op": "flush", "count": 0}, "flush -j: " + r.stdout)
    r = ctl(d, "-j", "show", "stats")
    js = json.loads(r.stdout)
    check(js["table_size"] == 0 and js["whitelisted"] == 3,
          "stats after flush: " + r.stdout)


def test_garbage(d):
    cases = [
        (b"\x00\xff\x01garbage\n", b"error: request is not printable text\n"),
        (b"frob\n", b'error: unknown command "frob"\n'),
        (b"add 999.1.1.1\n", b'error: bad address "999.1.1.1"\n'),
        (b"add 192.0.2.1/40\n", b'error: bad address "192.0.2.1/40"\n'),
        (b"show\n",
         b"error: show what: whitelist, stats, sync, turned-away or pools\n"),
        (b"json\n", b"error: missing command\n"),
        (b"\n", b"error: empty request\n"),
        (b"show stats\r\n", b"error: request is not printable text\n"),
        (b"delete 2001:db8::77\n", b"error: not in the whitelist\n"),
    ]
    for data, want in cases:
        got = raw(d, data)
        check(got == want, "garbage %r: %r" % (data, got))
    # a second line is never read: one request per connection
    got = raw(d, b"json flush\nflush\nfrob\n")
    check(got == b'ok\n{"op":"flush","count":0}\n', "two lines: %r" % got)
    # no newline, but the client shut its side down
    got = raw(d, b"show stats", shut=True)
    check(got.startswith(b"ok\nrecords: "), "no newline: %r" % got[:40])
    # connect and leave at once
    for _ in range(20):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(d.sock)
        s.close()
    # 100 KB without a newline
    got = raw(d, b"A" * 100 * 1024)
    check(got == b"error: request too long\n", "100 KB: %r" % got[:80])
    # 512 bytes with the newline are a request, 513 are not
    got = raw(d, b" " * 502 + b"show stats\n")
    check(got == b"error: request too long\n", "513 bytes: %r" % got[:80])
    got = raw(d, b" " * 501 + b"show stats\n")
    check(got.startswith(b"ok\n"), "512 bytes: %r" % got[:40])
    check(d.alive(), "driver alive after garbage")


def test_slow(d):
    # a client that never finishes its request is told so, and others are
    # served meanwhile
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(20)
    s.connect(d.sock)
    s.sendall(b"show st")
    t0 = time.monotonic()
    r, took = timed_stats(d)
    check(r.returncode == 0 and took < 1, "served beside a slow client: %.3f"
          % took)
    out = b""
    while True:
        b = s.recv(4096)
        if not b:
            break
        out += b
    took = time.monotonic() - t0
    s.close()
    check(out == b"error: timeout\n", "slow client told: %r" % out)
    check(4 <= took <= 8, "slow client cut after %.1f s" % took)


def test_many(d):
    socks = []
    for _ in range(50):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(d.sock)
        socks.append(s)
    time.sleep(0.3)
    for s in socks:
        try:
            s.sendall(b"show stats\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
    ok = refused = other = 0
    for s in socks:
        out = b""
        try:
            while True:
                b = s.recv(4096)
                if not b:
                    break
                out += b
        except ConnectionResetError:
            pass
        s.close()
        if out.startswith(b"ok\nrecords: "):
            ok += 1
        elif out == b"error: too many connections\n":
            refused += 1
        else:
            other += 1
    check(ok == 16 and refused == 34 and other == 0,
          "50 at once: %d served, %d refused, %d other" % (ok, refused, other))
    # and 50 nolistctl processes at once: every one answered
    procs = [subprocess.Popen([NOLISTCTL, "-s", d.sock, "show", "stats"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(50)]
    served = 0
    for p in procs:
        out, err = p.communicate(timeout=30)
        if p.returncode == 0 and "records: " in out:
            served += 1
        else:
            check(p.returncode == 1 and
                  err == "nolistctl: too many connections\n",
                  "50 nolistctl: %r" % err)
    check(served >= 16, "50 nolistctl: %d served" % served)
    r, took = timed_stats(d)
    check(r.returncode == 0, "served after 50 at once")
    check(d.alive(), "driver alive after 50 at once")


def test_big(d, n):
    # the whole list, in text and JSON
    t0 = time.monotonic()
    r = ctl(d, "show", "whitelist")
    took = time.monotonic() - t0
    check(r.returncode == 0 and r.stdout.count("\n") == n + 1,
          "show whitelist: %d lines" % r.stdout.count("\n"))
    print("show whitelist of %d entries: %.2f s" % (n + 1, took))
    r = ctl(d, "-j", "show", "whitelist")
    check(r.returncode == 0 and len(json.loads(r.stdout)) == n + 1,
          "show whitelist -j")

    # clients that ask for it and never read
    stuck = []
    for req in (b"show whitelist\n", b"json show whitelist\n") * 4:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(d.sock)
        s.sendall(req)
        stuck.append(s)
    t0 = time.monotonic()
    worst = 0
    while time.monotonic() - t0 < 6:
        r, took = timed_stats(d)
        check(r.returncode == 0, "show stats beside readers that do not read")
        worst = max(worst, took)
        time.sleep(0.2)
    check(worst < 1, "show stats beside 8 stuck readers: worst %.3f s" % worst)
    print("show stats beside 8 stuck readers: worst %.3f s" % worst)
    r = ctl(d, "add", "203.0.113.9")
    check(r.returncode == 0, "add beside stuck readers")
    check(d.alive(), "driver alive beside stuck readers")

    # they are dropped once they make no progress for the write timeout,
    # having been sent only part of the list
    time.sleep(7)
    for s in stuck:
        s.settimeout(10)
        got = 0
        try:
            while True:
                b = s.recv(1 << 20)
                if not b:
                    break
                got += len(b)
        except (ConnectionResetError, socket.timeout):
            got = -1
        s.close()
        check(0 < got < 1024 * 1024, "stuck reader got %d bytes, then EOF"
              % got)
    check(d.alive(), "driver alive after stuck readers")

    # a reader that reads slowly but steadily gets the whole list
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(d.sock)
    s.sendall(b"show stats\n")
    out = b""
    while True:
        b = s.recv(1)
        if not b:
            break
        out += b
    s.close()
    check(out.startswith(b"ok\n") and out.endswith(b"table_size: %d\n"
                                                   % (n + 2)),
          "byte at a time: %r" % out[-30:])


def main():
    tmp = tempfile.mkdtemp(prefix="control-test.")
    drivers = []
    try:
        test_no_daemon(tmp)
        d = Driver(tmp, "small")
        drivers.append(d)
        test_commands(d)
        test_garbage(d)
        test_slow(d)
        test_many(d)
        # a stale socket file is replaced by the next start
        rc = d.stop()
        check(rc == 0, "small driver exit status %d" % rc)
        with open(d.stats) as f:
            prom = f.read()
        check("\nnolistd_whitelisted_total 3\n" in prom and
              "\nnolistd_table_size 0\n" in prom, "stats file: " + prom)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(d.sock)
        s.close()
        big = Driver(tmp, "small", 100000)
        drivers.append(big)
        check(big.alive(), "started over a stale socket")
        # a running one is not replaced
        r = subprocess.run([DRIVER, "-s", big.sock, "-c",
                            os.path.join(tmp, "third.changes")],
                           capture_output=True, text=True, timeout=10)
        check(r.returncode == 1 and "in use by a running nolistd" in r.stderr,
              "second daemon on a live socket: " + r.stderr)
        check(oct(os.stat(big.sock).st_mode & 0o777) == "0o660",
              "socket mode 0660")
        test_big(big, 100000)
        # stopped with connections under way: control_free frees them
        held = []
        for req in (b"show whitelist\n", b"show st"):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(big.sock)
            s.sendall(req)
            held.append(s)
        time.sleep(0.3)
        rc = big.stop()
        for s in held:
            s.close()
        check(rc == 0, "big driver exit status %d" % rc)
    finally:
        for d in drivers:
            if d.alive():
                d.proc.kill()
                d.proc.wait()
        if failures:
            for name in os.listdir(tmp):
                if name.endswith(".log"):
                    with open(os.path.join(tmp, name)) as f:
                        sys.stdout.write(name + ":\n" + f.read()[-4000:])
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d checks, %d failed" % (checks, failures))
    sys.exit(1 if failures else 0)


main()
