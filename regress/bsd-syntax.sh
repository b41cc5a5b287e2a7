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

# bsd-syntax.sh -- syntax-check every C file of the BSD build with clang
# against OpenBSD and FreeBSD header trees, since that code cannot run here.
#
# usage: bsd-syntax.sh [SYSROOT-DIR]
#   SYSROOT-DIR holds openbsd/ and freebsd/, as made by
#   ../shared/tools/make-bsd-sysroot.sh; default $NOLIST_BSD_SYSROOTS,
#   then /work/sysroots. Exits 77 (skipped) without sysroots or clang.
#
# The files are those Makefile.bsd and CMakeLists.txt name for the BSD
# build (regress/bsd-sources.sh keeps the two equal), and the unit test
# programs Makefile.bsd builds for the regress. Headers of ports
# (libevent2, ldns, libpsl, hiredis) are not in a base system's tree:
# they are taken from SYSROOT/<os>/usr/local/include where present, else
# from this host's /usr/include, which declares the same interfaces. The
# sync client is checked both with and without NOLIST_SYNC. Only the
# headers each port installs stand in: FreeBSD's devel/libevent installs
# the old <event.h> too, OpenBSD's devel/libevent2 does not (there
# <event.h> is base's libevent 1.4).
set -u

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/.." && pwd)
roots=${1:-${NOLIST_BSD_SYSROOTS:-/work/sysroots}}
CLANG=${CLANG:-clang}
PORTS_freebsd="event2 event.h evutil.h ldns libpsl.h openssl hiredis"
PORTS_openbsd="event2 ldns libpsl.h openssl hiredis"
CFLAGS="-std=gnu11 -Wall -Wextra -Wshadow -Wpointer-arith
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2
	-DNL_DEFAULT_INTERFACE=\"pflog1\" -DNL_DEFAULT_BACKEND=NL_BACKEND_PF
	-DNL_DEFAULT_STATE_FILE=\"/var/db/nolistd.state\""

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "skipped: no clang"
	exit 77
fi
targets=
[ -d "$roots/openbsd/usr/include" ] &&
    targets="$targets x86_64-unknown-openbsd7.6:openbsd"
[ -d "$roots/freebsd/usr/include" ] &&
    targets="$targets x86_64-unknown-freebsd14:freebsd"
if [ -z "$targets" ]; then
	echo "skipped: no BSD sysroots in $roots"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the union of both lists: a file in either one is built somewhere
{
	sh "$here/bsd-sources.sh" -l "$srcdir"
	sh "$here/bsd-sources.sh" -T "$srcdir"
	awk '
	{
		line = $0
		while (line ~ /\\$/) {
			sub(/\\$/, " ", line)
			if ((getline nxt) <= 0)
				break
			line = line nxt
		}
		if (line !~ /^(LIBNOLIST|NOLISTD|NOLISTD_BSD|NOLISTCTL|NOLIST_COMPAT)_SRCS[ \t]*[+?:]?=/)
			next
		sub(/^[^=]*=/, "", line)
		n = split(line, w, /[ \t]+/)
		for (i = 1; i <= n; i++)
			if (w[i] ~ /\.c$/)
				print w[i]
	}' "$srcdir/Makefile.bsd"
} | sort -u > "$tmp/files"
# the sync client's files a second time, as NOLIST_SYNC=yes builds them
grep -x 'daemon/sync[a-z]*\.c' "$tmp/files" | sed 's/$/+sync/' > "$tmp/sync"
cat "$tmp/sync" >> "$tmp/files"
if [ ! -s "$tmp/files" ]; then
	echo "no sources found in Makefile.bsd or CMakeLists.txt" >&2
	exit 1
fi

# ports' headers: the sysroot's own, else this host's
ports_overlay() { # OS_ROOT DIR HEADERS
	mkdir -p "$2"
	for h in $3; do
		# openssl is in base (ldns.h includes it): a sysroot
		# assembled without it borrows the host's like a port's
		if [ -e "$1/usr/include/$h" ]; then
			continue
		elif [ -e "$1/usr/local/include/$h" ]; then
			ln -s "$1/usr/local/include/$h" "$2/$h"
		elif [ "$h" = openssl ] && [ -d /usr/include/openssl ]; then
			# Debian keeps opensslconf.h in the multiarch tree
			mkdir -p "$2/openssl"
			for f in /usr/include/openssl/* \
			    /usr/include/*-linux-gnu/openssl/*; do
				[ -e "$f" ] && ln -sf "$f" "$2/openssl/"
			done
			echo "$h" >> "$2.standins"
		elif [ -e "/usr/include/$h" ]; then
			ln -s "/usr/include/$h" "$2/$h"
			echo "$h" >> "$2.standins"
		fi
	done
}

nfail=0 nok=0
for t in $targets; do
	triple=${t%%:*}
	os=${t#*:}
	root=$roots/$os
	eval "ports=\$PORTS_$os"
	ports_overlay "$root" "$tmp/ports-$os" "$ports"
	if [ -s "$tmp/ports-$os.standins" ]; then
		echo "$os: host headers stand in for ports:" \
		    $(cat "$tmp/ports-$os.standins")
	fi
	while read -r f; do
		case $f in
		*+sync) f=${f%+sync} defs=-DNOLIST_SYNC ;;
		*) defs= ;;
		esac
		if [ ! -f "$srcdir/$f" ]; then
			echo "FAIL $os $f: no such file"
			nfail=$((nfail + 1))
			continue
		fi
		case $f in
		regress/*) tests=-I"$srcdir/regress/unit" ;;
		*) tests= ;;
		esac
		# shellcheck disable=SC2086
		if "$CLANG" --target="$triple" --sysroot="$root" -fsyntax-only \
		    $CFLAGS $defs $tests -I"$srcdir/lib" -I"$srcdir/daemon" \
		    -I"$srcdir/nolistctl" \
		    -I"$srcdir/pfctl-glue" -isystem "$tmp/ports-$os" \
		    -isystem "$root/usr/local/include" \
		    "$srcdir/$f" > "$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then
			nok=$((nok + 1))
		else
			echo "FAIL $os $f $defs:"
			sed 's/^/    /' "$tmp/out"
			nfail=$((nfail + 1))
		fi
	done < "$tmp/files"
done
echo "$nok passed, $nfail failed ($(wc -l < "$tmp/files" | tr -d ' ')" \
    "files;$targets)"
[ $nfail -eq 0 ]
