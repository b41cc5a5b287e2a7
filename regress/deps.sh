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

# Installs what is missing on Debian 12 (root), so a second run costs
# nothing.
#   deps.sh build   what the build needs (regress/demo.sh)
#   deps.sh         that, what the tests need, and the end-to-end test's
#                   MTAs (regress/e2e/setup.sh); regress/run.sh
# No server among them is left running or enabled at boot (regress/pkg.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pkg.sh"

BUILD="build-essential cmake pkg-config libpcap-dev libevent-dev
libldns-dev libssl-dev libnftnl-dev libmnl-dev libpsl-dev libcap-ng-dev
libhiredis-dev libseccomp-dev"
TEST="clang libclang-rt-14-dev tcpdump nftables iproute2 mandoc python3
nsd unbound ldnsutils redis-server faketime"

case ${1:-all} in
build)	want=$BUILD ;;
all)	want="$BUILD $TEST" ;;
*)	echo "usage: deps.sh [build]" >&2; exit 2 ;;
esac

missing=$(pkg_missing $want)
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: missing packages:$missing (run as root)" >&2
		exit 1
	fi
	echo "deps.sh: installing$missing"
	pkg_apt update
	pkg_install_quiet install $missing
fi
[ "${1:-all}" = build ] && exit 0
# the end-to-end test's MTAs (Postfix installed, Exim and OpenSMTPD
# unpacked beside it): a no-op once done, and only where root can do it
if [ "$(id -u)" -eq 0 ]; then
	sh "$here/e2e/setup.sh"
fi
