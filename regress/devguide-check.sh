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

# devguide-check.sh -- DEVELOPERS.md's packet path names functions and
# files: each `name` there must still be defined in the file it is named
# with, so that the paragraph stays true when code moves.
#
# usage: devguide-check.sh SRCDIR
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
doc=$top/DEVELOPERS.md

# the section's text as one line: names and files in backquotes
text=$(awk '/^## The packet path/ { p = 1; next } /^## / { p = 0 } p' \
    "$doc" | tr '\n' ' ')
[ -n "$text" ] || { echo "FAIL: no packet-path section in $doc"; exit 1; }

# pairs of `function` (`file`), as the paragraph writes them
pairs=$(printf '%s\n' "$text" | awk '{
	s = $0
	while (match(s, /`[a-z_0-9]+` \(`[a-z/._-]+\.c`/)) {
		m = substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
		gsub(/[`(]/, "", m)
		print m
	}
}')
ok=0 bad=0
while read -r fn file; do
	[ -n "$fn" ] || continue
	if grep -q "^$fn(" "$top/$file" 2>/dev/null; then
		ok=$((ok + 1))
	else
		echo "FAIL: DEVELOPERS.md names $fn in $file; it is not there"
		bad=$((bad + 1))
	fi
done <<PAIRS
$pairs
PAIRS
# and every other backquoted name is defined somewhere
for fn in $(printf '%s\n' "$text" | grep -o '`[a-z][a-z_0-9]*_[a-z_0-9]*`' |
    tr -d '`' | sort -u); do
	if grep -rq "^$fn(" "$top/lib" "$top/daemon" "$top/pfctl-glue"; then
		ok=$((ok + 1))
	else
		echo "FAIL: DEVELOPERS.md names $fn; no file defines it"
		bad=$((bad + 1))
	fi
done
[ $ok -gt 10 ] || { echo "FAIL: only $ok names found"; bad=$((bad + 1)); }
echo "$ok passed, $bad failed"
[ $bad -eq 0 ]
