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

"""One TCP connect from SOURCE to DEST port 25 with a timeout, printing
the wall-clock time just before the SYN and the outcome:
    <time> refused|connected|timeout <seconds taken>
Usage: syn.py SOURCE DEST TIMEOUT"""
import socket
import sys
import time

src, dst, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
fam = socket.AF_INET6 if ":" in dst else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.bind((src, 0))
s.settimeout(timeout)
t0 = time.time()
try:
    s.connect((dst, 25))
    outcome = "connected"
except ConnectionRefusedError:
    outcome = "refused"
except OSError:
    outcome = "timeout"
print(f"{t0:.6f} {outcome} {time.time() - t0:.6f}", flush=True)
s.close()
