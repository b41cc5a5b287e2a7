#!/usr/bin/env python3
"""Rewrites a pcap file as pcapng (SHB, one IDB, EPBs), so the replay can
be checked to read both formats the same. Usage: pcap2pcapng.py IN OUT"""
import struct
import sys


def block(btype, body):
    pad = (-len(body)) % 4
    total = 12 + len(body) + pad
    return (struct.pack("<II", btype, total) + body + b"\0" * pad +
            struct.pack("<I", total))


def main():
    data = open(sys.argv[1], "rb").read()
    magic, = struct.unpack("<I", data[:4])
    if magic != 0xa1b2c3d4:
        sys.exit("only little-endian microsecond pcap is handled")
    snaplen, linktype = struct.unpack("<II", data[16:24])
    out = [block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)),
           block(1, struct.pack("<HHI", linktype, 0, snaplen))]
    off = 24
    while off + 16 <= len(data):
        sec, usec, caplen, length = struct.unpack("<IIII", data[off:off+16])
        pkt = data[off+16:off+16+caplen]
        off += 16 + caplen
        ts = sec * 1000000 + usec
        out.append(block(6, struct.pack("<IIIII", 0, ts >> 32,
                                        ts & 0xffffffff, caplen, length) +
                         pkt))
    open(sys.argv[2], "wb").write(b"".join(out))


main()
