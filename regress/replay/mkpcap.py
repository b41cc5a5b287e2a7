#!/usr/bin/env python3
"""Writes the small captures the replay tests need and no real capture
holds: MKIND OUT, where KIND is ethernet (a link type nolistd refuses) or
garbage (not a capture at all)."""
import struct
import sys

kind, out = sys.argv[1], sys.argv[2]
if kind == "ethernet":
    hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
    frame = bytes(14)
    rec = struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame
    open(out, "wb").write(hdr + rec)
elif kind == "garbage":
    open(out, "wb").write(b"this is not a capture file\n" * 4)
else:
    sys.exit("unknown kind")
