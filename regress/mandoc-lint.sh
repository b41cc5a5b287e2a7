#!/bin/sh
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
