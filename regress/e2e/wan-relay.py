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

"""A WAN in user space, as netem is not available: forwards every frame
between two interfaces, each after DELAY milliseconds, in order.
Usage: wan-relay.py IFACE_A IFACE_B DELAY_MS"""
import heapq
import select
import socket
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def open_raw(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.bind((ifname, 0))
    s.setblocking(False)
    return s


def main():
    a, b = open_raw(sys.argv[1]), open_raw(sys.argv[2])
    delay = float(sys.argv[3]) / 1000
    peer = {a: b, b: a}
    due = []
    seq = 0
    while True:
        timeout = max(0, due[0][0] - time.monotonic()) if due else None
        ready, _, _ = select.select([a, b], [], [], timeout)
        for s in ready:
            while True:
                try:
                    frame, addr = s.recvfrom(65535)
                except BlockingIOError:
                    break
                # our own transmissions come back as outgoing: skip
                if addr[2] == PACKET_OUTGOING:
                    continue
                seq += 1
                heapq.heappush(due, (time.monotonic() + delay, seq,
                                     peer[s], frame))
        now = time.monotonic()
        while due and due[0][0] <= now:
            _, _, out, frame = heapq.heappop(due)
            try:
                out.send(frame)
            except OSError:
                pass


if __name__ == "__main__":
    main()
