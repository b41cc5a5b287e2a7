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
