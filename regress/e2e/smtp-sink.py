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

"""The real MX's SMTP server: accepts every message and records it as
one JSON line on stdout when the message is complete:
    {"time":..., "peer":"198.51.100.10", "helo":..., "from":..., "to":[...],
     "subject":...}
Usage: smtp-sink.py ADDRESS...   (listens on port 25 of each address)"""
import json
import socket
import socketserver
import sys
import threading
import time

lock = threading.Lock()


def record(obj):
    with lock:
        print(json.dumps(obj), flush=True)


class Session(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, text):
        self.wfile.write((text + "\r\n").encode())

    def handle(self):
        peer = self.client_address[0]
        helo, mfrom, rcpts = "", "", []
        self.reply("220 mx.nolist.test ESMTP e2e sink")
        for raw in self.rfile:
            line = raw.decode(errors="replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                helo = line[5:].strip()
                if verb == "EHLO":
                    self.reply("250-mx.nolist.test\r\n250-8BITMIME\r\n"
                               "250 PIPELINING")
                else:
                    self.reply("250 mx.nolist.test")
            elif verb == "MAIL":
                mfrom, rcpts = line.split(":", 1)[1].strip(), []
                self.reply("250 ok")
            elif verb == "RCPT":
                rcpts.append(line.split(":", 1)[1].strip())
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go ahead")
                subject = ""
                for body in self.rfile:
                    b = body.decode(errors="replace").rstrip("\r\n")
                    if b == ".":
                        break
                    if not subject and b.lower().startswith("subject:"):
                        subject = b[8:].strip()
                record({"time": round(time.time(), 6), "peer": peer,
                        "helo": helo, "from": mfrom, "to": rcpts,
                        "subject": subject})
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 ok")
            else:
                self.reply("502 not implemented")


class Server4(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class Server6(Server4):
    address_family = socket.AF_INET6


def main():
    for addr in sys.argv[1:]:
        cls = Server6 if ":" in addr else Server4
        srv = cls((addr, 25), Session)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print(json.dumps({"listening": sys.argv[1:]}), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
