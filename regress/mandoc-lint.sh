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

#
# Every manual page in share/man must be clean under mandoc -Tlint at
# the warning level: any message at all fails the test.
#
# usage: mandoc-lint.sh [srcdir]

srcdir=${1:-${SRCDIR:-.}}

if ! command -v mandoc >/dev/null 2>&1; then
	echo "skipped: mandoc is not installed"
	exit 77
fi

n=0
status=0
for page in "$srcdir"/share/man/*.[1-9]; do
	[ -f "$page" ] || continue
	n=$((n + 1))
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	rc=$?
	if [ -n "$out" ] || [ "$rc" -ne 0 ]; then
		printf '%s: exit %d\n%s\n' "$page" "$rc" "$out"
		status=1
	fi
done

if [ "$n" -eq 0 ]; then
	echo "no manual pages in $srcdir/share/man"
	exit 1
fi
echo "$n pages checked"
exit $status
