#!/usr/bin/env python3
"""Write the small test captures in this directory, byte by byte.

The captures in the wild cover two of pflog's four header variants and
no NFLOG prefix or hook worth the name; these fill the gaps for
regress/tcpdump-compare.py: every pflog header length (45, 61, 69, 100)
with every IPv6 family number (24, 28, 30), actions and directions,
IPv6 extension headers and fragments, snapshot-length cuts; NFLOG with
prefixes and hooks, in a file of each byte order (libpcap swaps the
attribute headers of a file written on the other one).

Deterministic: running it again gives the same bytes. Documentation
addresses only.

usage: gen-captures.py [directory]
"""

import os
import struct
import sys

T0 = 1732260000

SRC4 = bytes([198, 51, 100, 7])
FAKE4 = bytes([192, 0, 2, 1])
REAL4 = bytes([192, 0, 2, 2])
SRC6 = bytes.fromhex("20010db8000100000000000000000007")
FAKE6 = bytes.fromhex("20010db8000000000000000000000001")

TH_FIN, TH_SYN, TH_RST, TH_PUSH, TH_ACK = 0x01, 0x02, 0x04, 0x08, 0x10
TH_URG, TH_ECE, TH_CWR = 0x20, 0x40, 0x80


def cksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def tcp(sport, dport, flags, seq=0x01020304):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags,
                       65535, 0, 0)


def udp(sport, dport, payload=b"x"):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def icmp_echo():
    body = struct.pack("!BBHHH", 8, 0, 0, 0x1234, 1) + b"nolist"
    return body[:2] + struct.pack("!H", cksum(body)) + body[4:]


def ip4(proto, payload, src=SRC4, dst=FAKE4, frag=0x4000, options=b""):
    ihl = 5 + len(options) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 4 << 4 | ihl, 0,
                      ihl * 4 + len(payload), 0x4242, frag, 64, proto, 0,
                      src, dst) + options
    hdr = hdr[:10] + struct.pack("!H", cksum(hdr)) + hdr[12:]
    return hdr + payload


def ip6(next_header, payload, src=SRC6, dst=FAKE6):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), next_header,
                       64, src, dst) + payload


def ext6(next_header, length=8):
    """a hop-by-hop or destination options header of PadN"""
    opt = bytes([1, length - 4]) + bytes(length - 4)
    return bytes([next_header, length // 8 - 1]) + opt


def frag6(next_header, offset, more):
    return struct.pack("!BBHI", next_header, 0, offset << 3 | more, 0x77)


class Pcap:
    """a pcap file of one link type in one byte order"""

    def __init__(self, path, linktype, order="<", snaplen=65535):
        self.order = order
        self.f = open(path, "wb")
        self.f.write(struct.pack(order + "IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0,
                                 snaplen, linktype))
        self.n = 0

    def add(self, frame, caplen=None):
        caplen = len(frame) if caplen is None else caplen
        self.n += 1
        self.f.write(struct.pack(self.order + "IIII", T0 + self.n,
                                 self.n * 1001 % 1000000, caplen,
                                 len(frame)))
        self.f.write(frame[:caplen])

    def close(self):
        self.f.close()


def pflog_hdr(length, af, action, direction, rulenr, ifname, little=True):
    """pf's log header of the given length byte, padded to 4"""
    o = "<" if little else ">"
    h = struct.pack("!BBBB16s16sII", length, af, action, 0,
                    ifname.encode(), b"", rulenr, 0xFFFFFFFF)
    if length == 45:
        h += bytes([direction])
    else:
        h += struct.pack(o + "IiIi", 0xFFFFFFFE, 4242, 0, 1234)
        h += bytes([direction])
        if length == 69:
            h += bytes(3) + struct.pack(o + "I", 0xDEADBEEF) + bytes(1)
        elif length == 100:
            h += bytes([0, af, 0]) + bytes(36)
    h += bytes(length - len(h))
    assert len(h) == length
    return h + bytes(-length % 4)


def gen_pflog(path):
    pc = Pcap(path, 117, "<", 512)
    # each variant, each family number, a spread of actions and dirs
    actions = [0, 1, 2, 3, 8, 10, 11, 12, 13, 15, 1, 0]
    n = 0
    for length in (45, 61, 69, 100):
        for af in (2, 24, 28, 30):
            pkt = (ip4(6, tcp(40000 + n, 25, TH_SYN)) if af == 2 else
                   ip6(6, tcp(40000 + n, 25, TH_SYN)))
            rule = 0xFFFFFFFF if n % 5 == 4 else n
            name = "abcdefghijklmnop" if n % 7 == 6 else "pflog%d" % (n % 3)
            pc.add(pflog_hdr(length, af, actions[n % len(actions)], n % 3,
                             rule, name, little=(n % 2 == 0)) + pkt)
            n += 1

    def add(pkt, af=2, action=1, direction=1, cut=0, length=100):
        frame = pflog_hdr(100, af, action, direction, 3, "em0") + pkt
        frame = bytes([length]) + frame[1:]
        pc.add(frame, len(frame) - cut)

    # transports and flags
    add(ip4(17, udp(5353, 53)))
    add(ip4(1, icmp_echo()))
    add(ip4(6, tcp(1025, 25, TH_SYN | TH_ECE | TH_CWR)))
    add(ip4(6, tcp(25, 1025, TH_SYN | TH_ACK)), direction=2)
    add(ip4(6, tcp(1025, 25, 0xFF)))
    add(ip4(6, tcp(1025, 25, 0)))
    add(ip4(6, tcp(1025, 25, TH_SYN), dst=REAL4), action=0)
    add(ip4(6, tcp(1025, 25, TH_SYN), options=b"\x01\x01\x01\x00"))
    # a later fragment has no ports; the first one has
    add(ip4(6, tcp(1025, 25, TH_SYN), frag=0x2000))
    add(ip4(6, bytes(24), frag=0x2000 | 3))
    add(ip6(0, ext6(60) + ext6(6, 16) + tcp(1026, 25, TH_SYN)), af=24)
    add(ip6(44, frag6(6, 0, 1) + tcp(1027, 25, TH_SYN)), af=28)
    add(ip6(44, frag6(6, 100, 0) + bytes(16)), af=30)
    add(ip6(17, udp(546, 547)), af=24)
    add(ip6(58, bytes([128, 0, 0, 0, 0, 1, 0, 1])), af=24)
    # cut by the snapshot length: after the flags, and before them
    add(ip4(6, tcp(1028, 25, TH_SYN) + bytes(20)), cut=26)
    add(ip4(6, tcp(1029, 25, TH_SYN)), cut=8)
    add(ip6(6, tcp(1030, 25, TH_SYN) + bytes(20)), af=24, cut=26)
    add(ip6(6, tcp(1031, 25, TH_SYN)), af=24, cut=8)
    # not IP (Linux's AF_INET6 means nothing to pf), and a length no
    # system writes
    add(ip6(6, tcp(1032, 25, TH_SYN)), af=10)
    add(ip4(6, tcp(1033, 25, TH_SYN)), length=44)
    pc.close()


def tlv(order, typ, data):
    h = struct.pack(order + "HH", 4 + len(data), typ)
    return h + data + bytes(-len(data) % 4)


def nflog_frame(order, family, pkt, prefix=None, hook=None, hwproto=0x0800):
    f = struct.pack("!BBH", family, 0, 7)
    if hook is not None:
        f += tlv(order, 1, struct.pack("!HBB", hwproto, hook, 0))
    f += tlv(order, 2, struct.pack("!I", 0))                 # mark
    if prefix is not None:
        f += tlv(order, 10, prefix.encode() + b"\0")
    f += tlv(order, 4, struct.pack("!I", 2))                 # indev
    f += tlv(order, 3, struct.pack("!QQ", 0, 0))             # timestamp
    return f + tlv(order, 9, pkt)


def gen_nflog(path, order):
    pc = Pcap(path, 239, order, 65535)
    add = pc.add
    add(nflog_frame(order, 2, ip4(6, tcp(40001, 25, TH_SYN)),
                    "block fake-mx: ", 0))
    add(nflog_frame(order, 2, ip4(6, tcp(40002, 25, TH_SYN), dst=REAL4),
                    "pass real-mx: ", 1))
    add(nflog_frame(order, 10, ip6(6, tcp(40003, 25, TH_SYN)),
                    "block6", 4, 0x86DD))
    add(nflog_frame(order, 10, ip6(6, tcp(25, 40003, TH_SYN | TH_ACK),
                                   src=FAKE6, dst=SRC6), "out", 3, 0x86DD))
    add(nflog_frame(order, 2, ip4(17, udp(5353, 53))))
    add(nflog_frame(order, 2, ip4(1, icmp_echo()), "nolistd", 2))
    add(nflog_frame(order, 10, ip6(0, ext6(6) + tcp(40004, 25, TH_SYN)),
                    "passive", 0, 0x86DD))
    # an attribute shorter than its own header
    add(struct.pack("!BBH", 2, 0, 7) + struct.pack(order + "HH", 2, 10) +
        bytes(8))
    pc.close()


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    gen_pflog(os.path.join(d, "nolist_pflog_variants.pcap"))
    gen_nflog(os.path.join(d, "nolist_nflog_le.pcap"), "<")
    gen_nflog(os.path.join(d, "nolist_nflog_be.pcap"), ">")


if __name__ == "__main__":
    main()
