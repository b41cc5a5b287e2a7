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

"""Compare nolistd's reading of log captures with tcpdump's.

usage: tcpdump-compare.py NOLISTD SHARED [CAPTURE-DIR ...]
       tcpdump-compare.py --tcpdump-only FILE ...

For every capture in SHARED/captures/pflog, SHARED/captures/nflog and the
extra directories, run

    tcpdump -n -e -tt -r FILE
    NOLISTD -f CONF -r FILE -e -t print

and compare record by record: time, action, dir, rule, ifname, af, src,
sport, dst, dport, flags. tcpdump does not print everything we need, so
a small reader of the capture file fills in what it leaves out: the
NFLOG prefix and hook, and the direction of a 45-byte pflog header
(tcpdump 4.99 reads dir at offset 60 whatever the header's length).

A record tcpdump shows no IP addresses for must not come out of nolistd.
A record tcpdump cuts short ("[|tcp]") may or may not (nolistd needs
only the first 14 bytes of TCP), but if it does, it must agree on what
tcpdump did print. A capture file that ends in the middle of a record
("truncated dump file") must give the records before it, then an error
naming the file and exit status 1.

Exit status: 0 all agree, 1 a difference, 77 SHARED has no captures
(skipped, after the extra directories were compared).
"""

import glob
import ipaddress
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

SKIP = 77

CONF = "fake-mx 192.0.2.1\nreal-mx 192.0.2.2\n"

DLT_PFLOG = 117
DLT_NFLOG = 239

# pf's action words; tcpdump built on Linux knows only some of them and
# prints "unkn(N)" for the rest (see actions_for())
PF_COMMON = ["pass", "block", "scrub", "noscrub", "nat", "nonat", "binat",
             "nobinat", "rdr", "nordr", "synproxy-drop"]
PF_SHARED = PF_COMMON + ["defer", "match"]
PF_FREEBSD = PF_SHARED + ["afrt", "rt"]
PF_OPENBSD = PF_SHARED + ["divert", "rt", "afrt"]

FIELDS = ["time", "ifname", "action", "dir", "rule", "af", "src", "sport",
          "dst", "dport", "flags"]

RE_PFLOG = re.compile(r"^(\d+\.\d{6}) rule (\d+)(?:\.[^/]*)?/[^:]*: "
                      r"(\S+) (\S+) on (.*?): (.*)$")
RE_NFLOG = re.compile(r"^(\d+\.\d{6}) version \d+, resource ID \d+, "
                      r"family [^,]*, length \d+: (.*)$")
RE_TIME = re.compile(r"^(\d+\.\d{6}) ")
RE_IP = re.compile(r"^(\S+) > (\S+): ?(.*)$")
RE_PORTS = re.compile(r"(?:^|\s)(\d+) > (\d+): ")
RE_FLAGS = re.compile(r"Flags \[([^\]]*)\]")


# --- the capture file, read for what tcpdump does not print ---

def read_pcap(path):
    """(linktype, [frame bytes]) of a pcap file, or None (pcapng etc.)"""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return None
    for order in ("<", ">"):
        magic = struct.unpack(order + "I", data[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            break
    else:
        return None
    linktype = struct.unpack(order + "I", data[20:24])[0] & 0x0FFFFFFF
    frames, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack(order + "I", data[off + 8:off + 12])[0]
        if off + 16 + caplen > len(data):
            break
        frames.append((order, data[off + 16:off + 16 + caplen]))
        off += 16 + caplen
    return linktype, frames


def nflog_facts(order, frame):
    """the prefix, direction and action an NFLOG frame carries"""
    prefix, hook, off = "", None, 4
    family = frame[0] if frame else 0
    while off + 4 <= len(frame):
        length, typ = struct.unpack(order + "HH", frame[off:off + 4])
        if length < 4 or off + length > len(frame):
            break
        body = frame[off + 4:off + length]
        typ &= 0x3FFF
        if typ == 10:
            prefix = body.split(b"\0")[0][:127].decode("latin-1")
        elif typ == 1 and len(body) >= 4:
            hook = body[2]
        off += (length + 3) & ~3
    if family in (3, 5):
        direction = {0: "in", 1: "out"}.get(hook, "unknown")
    else:
        direction = {0: "in", 1: "in", 3: "out", 4: "out"}.get(hook,
                                                                 "unknown")
    action = ("pass" if prefix.startswith("pass") else
              "block" if prefix.startswith("block") else "unknown")
    return {"ifname": prefix, "dir": direction, "action": action,
            "rule": -1}


def actions_for(word, hdrlen):
    """what tcpdump's action word means for a header of this length"""
    m = re.match(r"^unkn\((\d+)\)$", word)
    if not m:
        return word
    n = int(m.group(1))
    table = (PF_OPENBSD if hdrlen == 100 else PF_FREEBSD if hdrlen == 69
             else PF_COMMON)
    return table[n] if n < len(table) else "unknown"


# --- tcpdump's lines ---

def split_endpoint(s):
    """'192.0.2.1.25' -> ('192.0.2.1', 25); '2001:db8::1' -> (.., None)"""
    try:
        ipaddress.ip_address(s)
        return s, None
    except ValueError:
        pass
    if "." in s:
        addr, port = s.rsplit(".", 1)
        try:
            ipaddress.ip_address(addr)
            if port.isdigit():
                return addr, int(port)
        except ValueError:
            pass
    return None, None


def parse_ip(text):
    """the fields tcpdump printed for an IP packet, or None if it printed
    none; 'cut' if it stopped short of the TCP flags"""
    m = RE_IP.match(text)
    if not m:
        return None
    src, sport = split_endpoint(m.group(1))
    dst, dport = split_endpoint(m.group(2))
    rest = m.group(3)
    if src is None or dst is None:
        return None
    if sport is None:
        pm = RE_PORTS.search(rest)
        if pm and ":" in src:
            sport, dport = int(pm.group(1)), int(pm.group(2))
    r = {"af": 6 if ":" in src else 4, "src": src, "dst": dst,
         "sport": sport or 0, "dport": dport or 0}
    fm = RE_FLAGS.search(rest)
    if fm:
        r["flags"] = "" if fm.group(1) == "none" else fm.group(1)
    elif "[|tcp]" in rest:
        r["cut"] = True
    else:
        r["flags"] = ""
    return r


def tcpdump_records(path):
    """[(time, fields or None, raw line)], error text, exit status"""
    p = subprocess.run(["tcpdump", "-n", "-e", "-tt", "-r", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, errors="replace")
    recs = []
    for line in p.stdout.splitlines():
        tm = RE_TIME.match(line)
        if not tm:
            continue        # hex dump lines
        fields = None
        m = RE_PFLOG.match(line)
        if m:
            rule = int(m.group(2))
            fields = parse_ip(m.group(6))
            if fields is not None:
                fields.update({"rule": -1 if rule == 0xFFFFFFFF else rule,
                               "action": m.group(3),
                               "dir": {"in": "in", "out": "out"}.get(
                                   m.group(4), "unknown"),
                               "ifname": m.group(5)})
        else:
            m = RE_NFLOG.match(line)
            if m:
                fields = parse_ip(m.group(2))
        recs.append((tm.group(1), fields, line))
    return recs, p.stderr, p.returncode


# --- nolistd's lines ---

def nolistd_records(nolistd, conf, path):
    p = subprocess.run([nolistd, "-f", conf, "-r", path, "-e", "-t",
                        "print"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True,
                       errors="replace")
    recs, bad = [], []
    for line in p.stdout.splitlines():
        try:
            obj = json.loads(line, parse_float=str)
        except ValueError:
            bad.append(line)
            continue
        if "ifname" in obj:
            if list(obj) != FIELDS:
                bad.append(line)
            recs.append(obj)
        elif "op" not in obj:
            bad.append(line)
    return recs, bad, p.stderr, p.returncode


# --- the comparison ---

class Compare:
    def __init__(self, nolistd, conf):
        self.nolistd = nolistd
        self.conf = conf
        self.failures = 0
        self.files = 0
        self.records = 0

    def fail(self, path, msg):
        self.failures += 1
        print("FAIL %s: %s" % (os.path.basename(path), msg))

    def expect(self, td_fields, tm, facts):
        """what nolistd should print for one tcpdump record"""
        want = dict(td_fields)
        want["time"] = tm
        if facts is not None:
            if "hdrlen" in facts:
                want["action"] = actions_for(want["action"],
                                             facts["hdrlen"])
                if facts["hdrlen"] == 45:
                    want["dir"] = facts["dir"]
            else:
                want.update(facts)
        return want

    def differs(self, want, got):
        return ["%s: tcpdump %r, nolistd %r" % (k, want[k], got.get(k))
                for k in FIELDS if k in want and want[k] != got.get(k)]

    def file(self, path):
        self.files += 1
        td, td_err, td_rc = tcpdump_records(path)
        got, bad, nl_err, nl_rc = nolistd_records(self.nolistd, self.conf,
                                                  path)
        for line in bad:
            self.fail(path, "not a record or change line: %s" % line)
        facts = self.facts(path, len(td))
        truncated = "truncated dump file" in td_err
        i = 0
        for n, (tm, fields, line) in enumerate(td):
            if fields is None:
                continue        # not IP to tcpdump: nolistd skips it
            cut = fields.pop("cut", False)
            want = self.expect(fields, tm, facts[n] if facts else None)
            if i < len(got) and got[i]["time"] == tm and (
                    not cut or not self.differs(want, got[i])):
                diff = self.differs(want, got[i])
                if diff:
                    self.fail(path, "record %d (%s): %s" %
                              (n + 1, line, "; ".join(diff)))
                i += 1
                self.records += 1
            elif not cut:
                self.fail(path, "record %d: tcpdump shows it, nolistd "
                          "does not: %s" % (n + 1, line))
        for extra in got[i:]:
            self.fail(path, "nolistd prints a record tcpdump has no IP "
                      "for: %s" % json.dumps(extra))
        if truncated:
            if nl_rc != 1 or path not in nl_err:
                self.fail(path, "truncated capture: want exit 1 and an "
                          "error naming the file; got %d: %s" %
                          (nl_rc, nl_err.strip()))
        elif td_rc != 0:
            self.fail(path, "tcpdump failed: %s" % td_err.strip())
        elif nl_rc != 0:
            self.fail(path, "nolistd exit %d: %s" % (nl_rc, nl_err.strip()))
        print("%s %s: %d tcpdump records, %d from nolistd%s" %
              ("ok  " if self.failures == 0 else "... ",
               os.path.basename(path), len(td), len(got),
               ", truncated file" if truncated else ""))

    def facts(self, path, count):
        """per record, what the file says and tcpdump does not print"""
        pc = read_pcap(path)
        if pc is None:
            return None
        linktype, frames = pc
        if len(frames) < count:
            self.fail(path, "tcpdump shows %d records, the file holds %d" %
                      (count, len(frames)))
            return None
        out = []
        for order, frame in frames:
            if linktype == DLT_NFLOG:
                out.append(nflog_facts(order, frame))
            elif linktype == DLT_PFLOG and frame:
                hdrlen = frame[0]
                d = frame[44] if hdrlen == 45 and len(frame) > 44 else None
                out.append({"hdrlen": hdrlen,
                            "dir": {1: "in", 2: "out"}.get(d, "unknown")})
            else:
                out.append(None)
        return out


def captures(d):
    return sorted(f for f in glob.glob(os.path.join(d, "*"))
                  if f.endswith((".pcap", ".pcapng")) and os.path.isfile(f))


def tcpdump_only(paths):
    for path in paths:
        recs, err, rc = tcpdump_records(path)
        print("== %s (tcpdump exit %d%s)" % (path, rc,
              ", truncated file" if "truncated dump file" in err else ""))
        for tm, fields, line in recs:
            print(tm, json.dumps(fields))
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--tcpdump-only":
        return tcpdump_only(argv[2:])
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    nolistd, shared = argv[1], argv[2]
    shared_dirs = [os.path.join(shared, "captures", "pflog"),
                   os.path.join(shared, "captures", "nflog")]
    files = [f for d in argv[3:] for f in captures(d)]
    have_shared = any(os.path.isdir(d) for d in shared_dirs)
    files += [f for d in shared_dirs for f in captures(d)]
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "nolistd.conf")
        with open(conf, "w") as f:
            f.write(CONF)
        cmp = Compare(nolistd, conf)
        for path in files:
            cmp.file(path)
    print("%d files, %d records compared, %d differences" %
          (cmp.files, cmp.records, cmp.failures))
    if cmp.failures:
        return 1
    if not have_shared:
        print("SKIPPED: no captures in %s: the real-world captures were "
              "not compared" % " or ".join(shared_dirs))
        return SKIP
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
