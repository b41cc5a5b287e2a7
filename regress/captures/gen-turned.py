#!/usr/bin/env python3
"""Write turned-away.pcap: NFLOG records with the patterns of issue 18.

- 198.51.100.25, a mailer that tries only the first MX: a SYN and its
  retransmit to the fake MX, and again 5 and 10 minutes later;
- 203.0.113.7, a bot: one SYN to the fake MX, never seen again;
- 198.51.100.10, a real MTA: the fake MX, then the real MX 2 s later
  (blocked once, passed on the retransmit);
- 2001:db8:100::25, the first-MX-only mailer over IPv6, twice, 6
  minutes apart;
- 203.0.113.99, a last SYN to the fake MX at 20 minutes, which moves
  the replay's clock past every window.

The prefixes are share/nftables/nolistd.nft's. Deterministic: running it
again gives the same bytes. Documentation addresses only.

usage: gen-turned.py [file]
"""

import ipaddress
import os
import struct
import sys

T0 = 1795336400
FAKE4, REAL4 = "192.0.2.1", "192.0.2.2"
FAKE6 = "2001:db8::1"


def cksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def syn(sport):
    return struct.pack("!HHIIBBHHH", sport, 25, 0x01020304, 0, 5 << 4, 0x02,
                       65535, 0, 0)


def ip(src, dst, payload):
    s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    if s.version == 6:
        return 10, struct.pack("!IHBB16s16s", 6 << 28, len(payload), 6, 64,
                               s.packed, d.packed) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0x4242,
                      0x4000, 64, 6, 0, s.packed, d.packed)
    hdr = hdr[:10] + struct.pack("!H", cksum(hdr)) + hdr[12:]
    return 2, hdr + payload


def tlv(typ, data):
    h = struct.pack("<HH", 4 + len(data), typ)
    return h + data + bytes(-len(data) % 4)


def nflog(src, dst, prefix, sport):
    family, pkt = ip(src, dst, syn(sport))
    f = struct.pack("!BBH", family, 0, 25)
    f += tlv(1, struct.pack("!HBB", 0x0800 if family == 2 else 0x86DD, 1, 0))
    f += tlv(10, prefix.encode() + b"\0")
    f += tlv(4, struct.pack("!I", 2))
    return f + tlv(9, pkt)


RECORDS = [
    # seconds after T0, source, destination, prefix, source port
    (0.0, "198.51.100.25", FAKE4, "block-fake-mx", 41000),
    (1.0, "198.51.100.25", FAKE4, "block-fake-mx", 41000),
    (5.0, "203.0.113.7", FAKE4, "block-fake-mx", 50123),
    (20.0, "198.51.100.10", FAKE4, "block-fake-mx", 42000),
    (20.0005, "198.51.100.10", REAL4, "block-real-mx", 42001),
    (21.0, "198.51.100.10", REAL4, "pass-real-mx", 42001),
    (30.0, "2001:db8:100::25", FAKE6, "block-fake-mx", 43000),
    (300.0, "198.51.100.25", FAKE4, "block-fake-mx", 41001),
    (390.0, "2001:db8:100::25", FAKE6, "block-fake-mx", 43001),
    (600.0, "198.51.100.25", FAKE4, "block-fake-mx", 41002),
    (601.0, "198.51.100.25", FAKE4, "block-fake-mx", 41002),
    (1200.0, "203.0.113.99", FAKE4, "block-fake-mx", 50999),
]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "turned-away.pcap")
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 239))
        for t, src, dst, prefix, sport in RECORDS:
            frame = nflog(src, dst, prefix, sport)
            sec, usec = T0 + int(t), round((t - int(t)) * 1e6)
            f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
            f.write(frame)


if __name__ == "__main__":
    main()
