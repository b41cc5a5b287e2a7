#!/usr/bin/env python3
"""Walks an MX list the way an MTA does: each MX in order, the next one on a
reset or a timeout, and an SMTP greeting and QUIT on the first that answers.
Usage: smtp-walk.py SOURCE MX [MX ...]"""
import socket
import sys


def try_mx(source, mx, timeout):
    fam = socket.AF_INET6 if ":" in mx else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    try:
        s.connect((mx, 25))
        banner = s.recv(512)
        s.sendall(b"QUIT\r\n")
        s.recv(512)
        return banner.decode(errors="replace").strip()
    except OSError as e:
        print(f"{source} -> {mx}: {e.__class__.__name__}", file=sys.stderr)
        return None
    finally:
        s.close()


def main():
    source, mxs = sys.argv[1], sys.argv[2:]
    for mx in mxs:
        got = try_mx(source, mx, 6.0)
        if got is not None:
            print(f"{source} -> {mx}: {got}")
            return 0
    print(f"{source}: no MX answered")
    return 1


sys.exit(main())
