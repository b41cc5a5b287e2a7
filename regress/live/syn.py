#!/usr/bin/env python3
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
