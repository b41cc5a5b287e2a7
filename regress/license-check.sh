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

# license-check.sh -- every source file carries LICENSE's ISC notice:
# C, shell, awk, python, cmake and make files, man pages, the rulesets
# and service files. Captures, corpora and configurations are data.
#
# usage: license-check.sh [SRCDIR]
set -u
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 1
mark="Permission to use, copy, modify, and distribute this software"
[ -f LICENSE ] && grep -q "$mark" LICENSE ||
    { echo "FAIL: no LICENSE with the ISC notice"; exit 1; }
if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
	files=$(git ls-files)
else
	files=$(find . -type f ! -path './build*' | sed 's,^\./,,')
fi
ok=0 bad=0
for f in $files; do
	case $f in
	regress/captures/*|bench/results/*|*/corpus/*|*/regressions/*) continue ;;
	*.c|*.h|*.sh|*.awk|*.py|*.cmake|*.nft|*.anchor|*.service|*.[58]) ;;
	CMakeLists.txt|Makefile.bsd|*/Makefile|*/run|share/rc.d/*/*) ;;
	share/pf/pf.conf.example) ;;
	*) continue ;;
	esac
	if grep -q "$mark" "$f"; then
		ok=$((ok + 1))
	else
		echo "FAIL: $f has no license notice"
		bad=$((bad + 1))
	fi
done
[ $ok -gt 100 ] || { echo "FAIL: only $ok source files found"; bad=$((bad + 1)); }
echo "$ok passed, $bad failed"
[ $bad -eq 0 ]
