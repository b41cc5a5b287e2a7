#!/usr/bin/env python3
"""A receiving end that greets and closes: enough to tell that a connection
to the real MX got through. Usage: smtp-greeter.py ADDR [ADDR ...]"""
import selectors
import socket
import sys

sel = selectors.DefaultSelector()
for addr in sys.argv[1:]:
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, 25))
    ls.listen(16)
    sel.register(ls, selectors.EVENT_READ)
print("ready", flush=True)
while True:
    for key, _ in sel.select():
        c, _ = key.fileobj.accept()
        c.settimeout(5)
        try:
            c.sendall(b"220 mx.example.test ESMTP\r\n")
            c.recv(512)
            c.sendall(b"221 bye\r\n")
        except OSError:
            pass
        c.close()
