#!/bin/sh
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

# The main job on a fresh Debian 12 machine: install what the build
# needs, build, and replay a real NFLOG capture of real MTAs (Postfix,
# Exim, OpenSMTPD, a pooled sender and a bot) through nolistd in
# dry-run, printing every record (-e) and every decision (print backend),
# then what they add up to (demo-summary.awk). The tests' servers and
# tools are regress/run.sh's business, not this.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh regress/deps.sh build
echo "demo.sh: building in build/"
log=$(mktemp /tmp/nolist-demo.XXXXXX)
trap 'rm -f "$log"' EXIT
if ! { cmake -S . -B build && cmake --build build -j "$(nproc 2>/dev/null ||
    echo 2)"; } >"$log" 2>&1; then
	echo "demo.sh: the build failed; the end of its output:" >&2
	tail -n 30 "$log" >&2
	exit 1
fi
echo "demo.sh: nolistd -v -f regress/captures/nolisting.conf" \
    "-r regress/captures/e2e-mta-nflog.pcap -e -t print"
build/nolistd -v -f regress/captures/nolisting.conf \
    -r regress/captures/e2e-mta-nflog.pcap -e -t print >"$log" 2>&1 || {
	cat "$log"
	echo "demo.sh: nolistd failed" >&2
	exit 1
}
cat "$log"
awk -f regress/demo-summary.awk "$log"
