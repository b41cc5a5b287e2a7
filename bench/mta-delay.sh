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

# Item 5: the delay nolisting adds to real mail. The end-to-end world
# (regress/e2e) with its user-space relay delaying the MX host's link by
# half the round trip each way, at round trips of 5, 20 and 80 ms; for
# each MTA and family: the SYNs to the real MX dropped, and submission to
# arrival against the same MTA to a domain without nolisting.
# Usage: mta-delay.sh BUILD-DIR; prints one JSON object.
set -u
B=$1
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '{'
sep=
for rtt in 5 20 80; do
	E2E_DELAY_MS=$((rtt / 2)) sh "$src/regress/e2e/e2e-test.sh" \
	    "$B/nolistd" "$B/nolistctl" "$src" > "$tmp/out.$rtt" 2>&1
	printf '%s"%s":' "$sep" "$rtt"
	awk '
	/^PASS [a-z]+-plain:/ {
		split($2, m, "-"); plain[m[1]] = $4
	}
	/^PASS [a-z]+-ipv[46]:/ && /delivered 1/ {
		name = $2; sub(":", "", name)
		for (i = 3; i < NF; i++) {
			if ($i == "drops") drops[name] = $(i + 1)
			if ($i == "submit_to_mail") mail[name] = $(i + 1)
		}
		order[++n] = name
	}
	END {
		printf "{"
		for (i = 1; i <= n; i++) {
			split(order[i], m, "-")
			added = (m[1] in plain) ? mail[order[i]] - plain[m[1]] : -1
			printf "%s\"%s\":{\"drops\":%d,\"submit_to_mail\":%.3f," \
			    "\"added\":%.3f}", (i > 1 ? "," : ""), order[i],
			    drops[order[i]], mail[order[i]], added
		}
		printf "}"
	}' "$tmp/out.$rtt"
	sep=,
done
printf '}\n'
