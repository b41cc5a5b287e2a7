#!/usr/bin/env python3
"""Writes the small captures the replay tests need and no real capture
holds: MKIND OUT, where KIND is ethernet (a link type nolistd refuses),
garbage (not a capture at all), nsec (nolisting-nflog.pcap with
nanosecond timestamps), hugecap and hugesnap (a record longer than
libpcap takes) or oversnap (a record longer than the file's snaplen)."""
import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))

kind, out = sys.argv[1], sys.argv[2]
if kind == "ethernet":
    hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
    frame = bytes(14)
    rec = struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame
    open(out, "wb").write(hdr + rec)
elif kind == "nsec":
    data = open(os.path.join(here, "../captures/nolisting-nflog.pcap"),
                "rb").read()
    out_b = bytearray(struct.pack("<I", 0xa1b23c4d) + data[4:24])
    off = 24
    while off + 16 <= len(data):
        sec, usec, caplen, length = struct.unpack_from("<IIII", data, off)
        out_b += struct.pack("<IIII", sec, usec * 1000 + 999, caplen, length)
        out_b += data[off + 16:off + 16 + caplen]
        off += 16 + caplen
    open(out, "wb").write(bytes(out_b))
elif kind in ("hugecap", "hugesnap", "oversnap"):
    # a record over libpcap's limit, with a snaplen under and over it;
    # and a record longer than the file's snaplen, which libpcap cuts
    snap = {"hugecap": 65535, "hugesnap": 400000, "oversnap": 64}[kind]
    size = 100 if kind == "oversnap" else 300000
    data = open(os.path.join(here, "../captures/nolisting-nflog.pcap"),
                "rb").read()
    hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snap, 239)
    first = data[24:24 + 16 + struct.unpack_from("<I", data, 32)[0]]
    rec = struct.pack("<IIII", 1, 0, size, size) + bytes(size)
    open(out, "wb").write(hdr + first + rec + first)
elif kind == "garbage":
    open(out, "wb").write(b"this is not a capture file\n" * 4)
else:
    sys.exit("unknown kind")
