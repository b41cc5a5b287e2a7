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

"""Damaged captures through nolistd -r: each capture truncated at every
offset of its headers and at a dense sample of the rest, and copies with
random bytes changed. nolistd must exit 0 or 1, say why when 1, never
die of a signal or a sanitizer report, and from a truncated capture print
no record that the whole capture does not hold (a cut record is never
half-parsed into a new one). Wrong link types and garbage files are
regress/replay's.
Usage: malformed.py NOLISTD CONF CAPTURE...
Environment: MALFORMED_SEED (random seed, printed), MALFORMED_JOBS."""
import os
import random
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                   "runtime error:", "ERROR: UndefinedBehaviorSanitizer")
PER_FILE_CUTS = 32      # truncations, about, per capture
PER_FILE_FLIPS = 6


def record_offsets(buf):
    """Where each record header of a classic pcap begins."""
    if buf[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif buf[:4] in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return []
    offs, off = [], 24
    while off + 16 <= len(buf):
        offs.append(off)
        off += 16 + struct.unpack(e + "I", buf[off + 8:off + 12])[0]
    return offs


def cut_points(buf, rng):
    """The offsets where the file header's fields and the first record
    header's fields end, both ends of every other record header, and a
    random sample of the rest: about PER_FILE_CUTS runs per capture."""
    cuts = {0, 4, 6, 8, 12, 16, 20, 23}
    offs = record_offsets(buf)
    for i, off in enumerate(offs):
        if i == 0:
            cuts.update(range(off, off + 17))
        else:
            cuts.update((off, off + 1, off + 8, off + 12, off + 16))
    cuts = sorted(c for c in cuts if c < len(buf))
    if len(cuts) > PER_FILE_CUTS:
        cuts = cuts[:24] + rng.sample(cuts[24:], PER_FILE_CUTS - 24)
    rest = [c for c in range(len(buf)) if c not in cuts]
    cuts += rng.sample(rest, min(len(rest), PER_FILE_CUTS // 4))
    return sorted(cuts)


def run(nolistd, conf, path):
    p = subprocess.run([nolistd, "-r", path, "-e", "-t", "print",
                        "-f", conf], capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(errors="replace"), \
        p.stderr.decode(errors="replace")


def records(out):
    return [line for line in out.splitlines() if '"ifname":' in line]


def check(nolistd, conf, path, what, allowed):
    """Returns a failure message, or None."""
    rc, out, err = run(nolistd, conf, path)
    if any(m in err for m in SANITIZER_MARKS):
        return f"{what}: sanitizer report:\n{err[-3000:]}"
    if rc not in (0, 1):
        return f"{what}: exit {rc} (a signal when negative)\n{err[-2000:]}"
    if rc == 1 and path not in err:
        return f"{what}: exit 1 without a message naming the file: {err!r}"
    for line in out.splitlines():
        if not line.startswith("{") or not line.endswith("}"):
            return f"{what}: not a JSON line: {line!r}"
    if allowed is not None:
        for line in records(out):
            if line not in allowed:
                return f"{what}: a record the capture does not hold: {line}"
    return None


def main():
    nolistd, conf, caps = sys.argv[1], sys.argv[2], sys.argv[3:]
    seed = int(os.environ.get("MALFORMED_SEED", random.randrange(1 << 30)))
    jobs = int(os.environ.get("MALFORMED_JOBS", os.cpu_count() or 2))
    print(f"MALFORMED_SEED={seed}")
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="nl-malformed-")
    # a small whitelist: each run starts faster under ASan, and evicts
    with open(conf) as f:
        text = f.read()
    conf = os.path.join(tmp, "nolistd.conf")
    with open(conf, "w") as f:
        f.write(text + "\nmax-entries 64\n")
    work, fails, n = [], [], 0
    for cap in caps:
        with open(cap, "rb") as f:
            buf = f.read()
        # some of the shared captures are themselves cut short
        msg = check(nolistd, conf, cap, cap, None)
        if msg is not None:
            fails.append(msg)
            continue
        rc, out, err = run(nolistd, conf, cap)
        allowed = set(records(out))
        base = os.path.basename(cap)
        for cut in cut_points(buf, rng):
            path = os.path.join(tmp, f"{base}.cut{cut}")
            with open(path, "wb") as f:
                f.write(buf[:cut])
            work.append((path, f"{cap} cut at {cut}", allowed))
        for i in range(PER_FILE_FLIPS):
            damaged = bytearray(buf)
            for _ in range(rng.randint(1, 4)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            path = os.path.join(tmp, f"{base}.flip{i}")
            with open(path, "wb") as f:
                f.write(damaged)
            work.append((path, f"{cap} with bytes changed ({path})", None))
    with ThreadPoolExecutor(jobs) as ex:
        for msg in ex.map(lambda w: check(nolistd, conf, *w), work):
            n += 1
            if msg is not None:
                fails.append(msg)
    for msg in fails[:20]:
        print("FAIL:", msg)
    print(f"{n} damaged captures from {len(caps)}, {len(fails)} failures")
    if not fails:
        subprocess.run(["rm", "-rf", tmp])
    else:
        print(f"damaged files kept in {tmp}")
    sys.exit(1 if fails else 0)


main()
