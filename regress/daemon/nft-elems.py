#!/usr/bin/env python3
"""Print the elements of an nft set as "address expires-in-seconds", one a
line, from `nft -j list set` on stdin (expires is "-" without a timeout).
Usage: nft -j list set inet nolistd mx_white4 | nft-elems.py"""
import json
import sys

doc = json.load(sys.stdin)
for obj in doc.get("nftables", []):
    s = obj.get("set")
    if not s:
        continue
    for e in s.get("elem", []):
        exp = "-"
        if isinstance(e, dict) and "elem" in e:
            exp = e["elem"].get("expires", "-")
            e = e["elem"]["val"]
        if isinstance(e, dict) and "prefix" in e:
            e = "%s/%d" % (e["prefix"]["addr"], e["prefix"]["len"])
        print(e, exp)
