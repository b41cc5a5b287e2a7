#!/bin/sh
# The main job on a fresh Debian 12 machine: install what is needed,
# build, and replay a real NFLOG capture of real MTAs (Postfix, Exim,
# OpenSMTPD, a pooled sender and a bot) through nolistd in
# dry-run, printing every record (-e) and every decision (print backend).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh regress/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
exec build/nolistd -v -f regress/captures/nolisting.conf \
    -r regress/captures/e2e-mta-nflog.pcap -e -t print
