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

# SMTP greeters for the check test: greeter.py LOG ADDR=GREETING ...
# listens on port 25 of each address, sends its greeting, logs every
# connection as "conn ADDR" to LOG, and waits for QUIT or the close.
# A greeting "slow:TEXT" goes out a byte every 0.4 s.
import socket
import sys
import threading
import time

log = open(sys.argv[1], "a", buffering=1)
lock = threading.Lock()


def serve(conn, addr, greeting):
    with lock:
        log.write("conn %s\n" % addr)
    try:
        conn.settimeout(5)
        if greeting.startswith("slow:"):
            for b in greeting[5:].encode():
                conn.sendall(bytes([b]))
                time.sleep(0.4)
        else:
            conn.sendall(greeting.encode() + b"\r\n")
        conn.recv(512)
    except OSError:
        pass
    conn.close()


def bound(addr):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, 25))
    s.listen(16)
    return s


def listen(s, addr, greeting):
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn, addr, greeting),
                         daemon=True).start()


threads = []
for arg in sys.argv[2:]:
    addr, greeting = arg.split("=", 1)
    t = threading.Thread(target=listen, args=(bound(addr), addr, greeting),
                         daemon=True)
    t.start()
    threads.append(t)
with lock:
    log.write("ready\n")
for t in threads:
    t.join()
