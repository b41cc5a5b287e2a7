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

"""Build the fuzz seed corpora under regress/fuzz/corpus/ from the real
captures (../shared/captures and regress/captures: each pcap record one
seed), the configurations in the tree, and hand-made DNS answers.
Seeds are named by the SHA-1 of their bytes, as libFuzzer names its own.
Usage: mkseeds.py [SRCDIR]   (run again after adding captures)"""
import glob
import hashlib
import os
import struct
import sys

DLT_PFLOG, DLT_NFLOG = 117, 239

top = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                      os.path.join(os.path.dirname(__file__), "..", ".."))
shared = os.path.join(top, "..", "shared", "captures")
out = os.path.join(top, "regress", "fuzz", "corpus")


def save(target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def pcap_records(path):
    """(linktype, [frame bytes]) of a classic pcap file, either order."""
    with open(path, "rb") as f:
        buf = f.read()
    magic = buf[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return None, []
    linktype = struct.unpack(e + "I", buf[20:24])[0] & 0x0fffffff
    frames, off = [], 24
    while off + 16 <= len(buf):
        caplen = struct.unpack(e + "I", buf[off + 8:off + 12])[0]
        frames.append(buf[off + 16:off + 16 + caplen])
        off += 16 + caplen
    return linktype, frames


def captures():
    paths = sorted(glob.glob(os.path.join(shared, "*", "*.pcap")))
    paths += sorted(glob.glob(os.path.join(top, "regress", "captures",
                                           "*.pcap")))
    for path in paths:
        linktype, frames = pcap_records(path)
        if linktype in (DLT_PFLOG, DLT_NFLOG) and frames:
            yield linktype, frames


def tracker_stream(linktype, frames, settings):
    """fuzz_tracker's input: settings, then header, length, frame."""
    s = bytes(settings)
    for i, fr in enumerate(frames):
        hdr = (1 if linktype == DLT_NFLOG else 0) | ((i % 8) << 2)
        s += bytes([hdr]) + struct.pack(">H", len(fr)) + fr
    return s


def parser_seeds():
    for linktype, frames in captures():
        name = "pflog" if linktype == DLT_PFLOG else "nflog"
        for fr in frames:
            save(name, fr)
        # max-entries 1..16, prefixes varied, short whitelist times
        for settings in ((0x00, 0), (0x35, 3), (0xfa, 200)):
            save("tracker", tracker_stream(linktype, frames[:64], settings))


def config_seeds():
    pats = ["regress/configs/*.conf", "regress/captures/*.conf",
            "regress/replay/*.conf", "share/examples/nolistd.conf.*"]
    for p in pats:
        for path in sorted(glob.glob(os.path.join(top, p))):
            with open(path, "rb") as f:
                save("config", f.read())


# --- DNS answers for fuzz_dns (see its comment for the format) ---

def name(n):
    b = b""
    for label in n.rstrip(".").split("."):
        b += bytes([len(label)]) + label.encode()
    return b + b"\0"


def rr(owner, rtype, rdata, ttl=300):
    return name(owner) + struct.pack(">HHIH", rtype, 1, ttl,
                                     len(rdata)) + rdata


def answer(records, rcode=0, tc=0, auth=()):
    """Built mode: flags and counts; the harness adds ID and question."""
    flags = 0x8180 | rcode | (0x0200 if tc else 0)
    body = struct.pack(">HHHHH", flags, 1, len(records), len(auth), 0)
    return bytes([0]) + body + b"".join(records) + b"".join(auth)


def piece(b):
    return struct.pack(">H", len(b)) + b


A, NS, CNAME, SOA, PTR, AAAA = 1, 2, 5, 6, 12, 28
PTR4 = "10.100.51.198.in-addr.arpa"
PTR6 = ".".join(reversed("20010db8010000000000000000000010")) + ".ip6.arpa"
HOST = "mail.example.com"
SOA_RD = (name("ns.example.com") + name("hostmaster.example.com") +
          struct.pack(">IIIII", 1, 3600, 600, 86400, 300))


def dns_seeds():
    a4 = bytes([198, 51, 100, 10])
    a6 = bytes.fromhex("20010db8010000000000000000000010")
    other4 = bytes([198, 51, 100, 11])
    bot4 = bytes([203, 0, 113, 66])
    for v6, ptr in ((0, PTR4), (1, PTR6)):
        confirm = [
            answer([rr(ptr, PTR, name(HOST))]),
            answer([rr(HOST, A, a4), rr(HOST, A, other4)]),
            answer([rr(HOST, AAAA, a6)]),
        ]
        save("dns", bytes([v6]) + b"".join(piece(p) for p in confirm))
        # then a direct SYN from a host of the same domain: pool
        pool = confirm + [
            answer([rr("66.113.0.203.in-addr.arpa", PTR,
                       name("mx2.example.com"))]),
            answer([rr("mx2.example.com", A, bot4)]),
            answer([], auth=[rr("example.com", SOA, SOA_RD)]),
        ]
        save("dns", bytes([v6 | 2]) + b"".join(piece(p) for p in pool))
        # RFC 2317: a CNAME the server did not follow, then a chain
        for sep in ("/", "-"):
            zone = "10.0" + sep + "25." + ptr.split(".", 1)[1]
            cname = [
                answer([rr(ptr, CNAME, name(zone))]),
                answer([rr(zone, PTR, name(HOST))]),
                answer([rr(HOST, CNAME, name("h.example.net")),
                        rr("h.example.net", A, a4)]),
                answer([], rcode=3, auth=[rr("example.net", SOA, SOA_RD)]),
            ]
            save("dns", bytes([v6]) + b"".join(piece(p) for p in cname))
        # truncated over UDP: asked again over TCP
        tc = [answer([], tc=1), answer([rr(ptr, PTR, name(HOST))]),
              answer([rr(HOST, A, a4)]), answer([rr(HOST, AAAA, a6)])]
        save("dns", bytes([v6]) + b"".join(piece(p) for p in tc))
        # a whole packet, ID aside: a wrong question is ignored
        raw = struct.pack(">HHHHHH", 0, 0x8180, 1, 1, 0, 0)
        raw += name("example.org") + struct.pack(">HH", PTR, 1)
        raw += rr("example.org", PTR, name(HOST))
        save("dns", bytes([v6]) + piece(b"\1" + raw) +
             piece(answer([rr(ptr, PTR, name(HOST))])))


def main():
    parser_seeds()
    config_seeds()
    dns_seeds()


main()
