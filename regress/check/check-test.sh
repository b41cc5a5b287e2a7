#!/bin/bash
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

# nolistctl check against a small world in a network namespace of its
# own: nsd on the namespace's 127.0.0.1:53 serves zones that each break
# one rule, and port 25 of documentation addresses resets (assigned here,
# nothing listens), times out (not assigned; a static neighbour sends the
# SYN out of a veth to a MAC nobody has), or greets (greeter.py).
#
#	check-test.sh nolistctl
set -u

CHECK=$1	# nolistctl: the script runs "$CHECK check ..."
HERE=$(cd "$(dirname "$0")" && pwd)
NSD=$(command -v nsd || echo /usr/sbin/nsd)

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIPPED: needs root for network namespaces"
	exit 77
fi
if [ ! -x "$NSD" ]; then
	echo "SKIPPED: nsd not installed (apt-get install nsd)"
	exit 77
fi
if ! command -v python3 > /dev/null; then
	echo "SKIPPED: python3 not installed"
	exit 77
fi

NS=nlck-$$
WORK=$(mktemp -d /tmp/nolist-check.XXXXXX)
chmod 755 "$WORK"
PIDS=
cleanup() {
	# what runs in the namespace is this test's own: greeter and nsd
	for p in $PIDS $(ip netns pids "$NS" 2>/dev/null); do
		kill "$p" 2>/dev/null
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null
	done
	ip netns del "$NS" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! ip netns add "$NS" 2>/dev/null; then
	echo "SKIPPED: cannot create network namespaces here"
	exit 77
fi
in_ns() {
	ip netns exec "$NS" "$@"
}

# --- the network: every address of the tests on one veth ---
ip -n "$NS" link set lo up
ip -n "$NS" link add ck0 type veth peer name ck1
ip -n "$NS" link set ck0 up
ip -n "$NS" link set ck1 up
for a in 1 2 4 5 6 7 8 9; do
	ip -n "$NS" addr add 192.0.2.$a/24 dev ck0
done
ip -n "$NS" addr add 2001:db8::1/64 dev ck0 nodad
ip -n "$NS" addr add 2001:db8::2/64 dev ck0 nodad
# the fake MX that times out: its SYN leaves for a MAC nobody has
ip -n "$NS" neigh add 192.0.2.3 lladdr 02:00:00:00:00:03 dev ck0 \
    nud permanent
ip -n "$NS" neigh add 2001:db8::3 lladdr 02:00:00:00:00:03 dev ck0 \
    nud permanent
# an address that must never be probed
ip -n "$NS" addr add 10.1.2.3/8 dev ck0

# --- the SMTP servers ---
LOG=$WORK/greeter.log
: > "$LOG"
# started without in_ns, so that $! is the greeter itself
ip netns exec "$NS" python3 "$HERE/greeter.py" "$LOG" \
    "192.0.2.2=220 mx.good.test ESMTP" \
    "2001:db8::2=220 mx.good.test ESMTP" \
    "192.0.2.4=421 fake.banner.test too busy" \
    "192.0.2.5=220 wrongname.example ESMTP" \
    "192.0.2.6=220 mx.noptr.test ESMTP" \
    "192.0.2.7=220 mx.badptr.test ESMTP" \
    "192.0.2.8=220 mx.listed.test ESMTP" \
    "192.0.2.9=slow:220 mx.slow.test ESMTP" \
    "10.1.2.3=220 private.never ESMTP" \
    "127.0.0.1=220 loopback.never ESMTP" > "$WORK/greeter.out" 2>&1 &
PIDS="$PIDS $!"
for i in $(seq 1 50); do
	grep -q ready "$LOG" && break
	sleep 0.1
done
if ! grep -q ready "$LOG"; then
	echo "FAIL: greeter did not start"
	exit 1
fi

# --- the zones ---
SOA='@ 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 30'
GOODMX='10 fake.good.test.
@	MX	20 mx.good.test.'
MAIL='@	TXT	"v=spf1 a:mx.good.test -all"
_dmarc	TXT	"v=DMARC1; p=reject"'

zone() {
	# zone DOMAIN: records on stdin, relative to DOMAIN
	{
		echo "\$ORIGIN $1."
		cat
	} >> "$WORK/test.zone"
}

cat > "$WORK/test.zone" <<EOF
\$ORIGIN test.
\$TTL 3600
$SOA
@		NS	ns
ns		A	127.0.0.1
EOF

# all well: a fake MX at the best and the worst preference
zone good.test <<EOF
@	MX	10 fake.good.test.
@	MX	20 mx.good.test.
@	MX	30 fake2.good.test.
fake	A	192.0.2.1
fake	AAAA	2001:db8::1
fake2	A	192.0.2.1
fake2	AAAA	2001:db8::1
mx	A	192.0.2.2
mx	AAAA	2001:db8::2
$MAIL
EOF
# the best MX answers: no nolisting
zone nofake.test <<EOF
@	MX	10 mx.good.test.
@	MX	20 mx.none.nofake.test.
$MAIL
EOF
# the fake MX times out
zone timeout.test <<EOF
@	MX	10 fake.timeout.test.
@	MX	20 mx.good.test.
fake	A	192.0.2.3
fake	AAAA	2001:db8::3
$MAIL
EOF
# the fake MX's IPv6 address has no route from here
zone unreach.test <<EOF
@	MX	10 fake.unreach.test.
@	MX	20 mx.good.test.
fake	A	192.0.2.1
fake	AAAA	2001:db8:ffff::1
$MAIL
EOF
# the fake MX greets with 421
zone banner.test <<EOF
@	MX	10 fake.banner.test.
@	MX	20 mx.good.test.
fake	A	192.0.2.4
fake	AAAA	2001:db8::1
$MAIL
EOF
# the MX greets a byte at a time: the probe's deadline is for all of it
zone slow.test <<EOF
@	MX	10 mx.slow.test.
mx	A	192.0.2.9
$MAIL
EOF
# an MX that is a CNAME
zone cname.test <<EOF
@	MX	$GOODMX
@	MX	30 alias.cname.test.
alias	CNAME	mx.good.test.
$MAIL
EOF
# an MX without addresses, and one that names an address
zone noaddr.test <<EOF
@	MX	$GOODMX
@	MX	30 gone.noaddr.test.
@	MX	40 192.0.2.2.
$MAIL
EOF
# the fake MX at a private address, and at loopback
zone private.test <<EOF
@	MX	10 fake.private.test.
@	MX	20 mx.good.test.
@	MX	10 lo.private.test.
fake	A	10.1.2.3
lo	A	127.0.0.1
$MAIL
EOF
# the real MX has IPv6, the fake does not
zone nov6.test <<EOF
@	MX	10 fake.nov6.test.
@	MX	20 mx.good.test.
fake	A	192.0.2.1
$MAIL
EOF
# real MX without PTR; one whose PTR does not come back; one whose
# greeting names another host
zone rdns.test <<EOF
@	MX	10 fake.good.test.
@	MX	20 mx.noptr.test.
@	MX	20 mx.badptr.test.
@	MX	20 mx.wrongbanner.test.
$MAIL
EOF
zone noptr.test <<EOF
mx	A	192.0.2.6
EOF
zone badptr.test <<EOF
mx	A	192.0.2.7
liar	A	192.0.2.99
EOF
zone wrongbanner.test <<EOF
mx	A	192.0.2.5
EOF
# a real MX on a block list
zone listed.test <<EOF
@	MX	10 fake.good.test.
@	MX	20 mx.listed.test.
mx	A	192.0.2.8
$MAIL
EOF
# the block lists: bl.test lists 192.0.2.8, refused.test refuses all
zone bl.test <<EOF
8.2.0.192	A	127.0.0.2
8.2.0.192	TXT	"listed for the test"
EOF
zone refused.test <<EOF
*	A	127.255.255.254
EOF
# SPF and DMARC, each wrong once
zone nospf.test <<EOF
@	MX	$GOODMX
_dmarc	TXT	"v=DMARC1; p=none"
EOF
zone badspf.test <<EOF
@	MX	$GOODMX
@	TXT	"v=spf1 ip4:192.0.2.300 -all"
_dmarc	TXT	"v=DMARC1; p=reject"
EOF
zone twospf.test <<EOF
@	MX	$GOODMX
@	TXT	"v=spf1 -all"
@	TXT	"v=spf1 mx -all"
_dmarc	TXT	"v=DMARC1; p=reject"
EOF
zone plusall.test <<EOF
@	MX	$GOODMX
@	TXT	"v=spf1 mx " "+all"
_dmarc	TXT	"v=DMARC1; p=reject"
EOF
zone nodmarc.test <<EOF
@	MX	$GOODMX
@	TXT	"v=spf1 a:mx.good.test -all"
EOF
zone baddmarc.test <<EOF
@	MX	$GOODMX
@	TXT	"v=spf1 a:mx.good.test -all"
_dmarc	TXT	"v=DMARC1; p=maybe"
EOF
zone nullmx.test <<EOF
@	MX	0 .
$MAIL
EOF
zone nomx.test <<EOF
@	A	192.0.2.2
$MAIL
EOF

cat > "$WORK/rev4.zone" <<EOF
\$ORIGIN 2.0.192.in-addr.arpa.
\$TTL 3600
$SOA
@	NS	ns.test.
1	PTR	fake.good.test.
2	PTR	mx.good.test.
5	PTR	mx.wrongbanner.test.
7	PTR	liar.badptr.test.
8	PTR	mx.listed.test.
EOF
cat > "$WORK/rev6.zone" <<EOF
\$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa.
\$TTL 3600
$SOA
@	NS	ns.test.
2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0	PTR	mx.good.test.
EOF

. "$HERE/../lib/nsd.sh"
nsd_conf "$WORK" 127.0.0.1 test:test 2.0.192.in-addr.arpa:rev4 \
    8.b.d.0.1.0.0.2.ip6.arpa:rev6 > "$WORK/nsd.conf"
ip netns exec "$NS" "$NSD" -d -c "$WORK/nsd.conf" > "$WORK/nsd.out" 2>&1 &
PIDS="$PIDS $!"
for i in $(seq 1 50); do
	in_ns ss -Hlnu "sport = :53" | grep -q . && break
	sleep 0.1
done
if ! in_ns ss -Hlnu "sport = :53" | grep -q .; then
	echo "FAIL: nsd did not start:"
	cat "$WORK/nsd.out" "$WORK/nsd.log" 2>/dev/null
	exit 1
fi

# --- the checks ---
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

OUT=
RC=
run() {
	OUT=$(in_ns "$CHECK" check -r 127.0.0.1 -w 2 -b bl.test,clean.test "$@" \
	    2> "$WORK/stderr")
	RC=$?
	if [ -s "$WORK/stderr" ]; then
		fail "$*: stderr: $(cat "$WORK/stderr")"
	fi
}

# has STATUS CHECK SUBJECT [MESSAGE-REGEX]: a line of the last run
has() {
	local re="^$1 +$2 +$(sed 's/[.[*^$]/\\&/g' <<< "$3"): .*${4:-}"
	if grep -Eq "$re" <<< "$OUT"; then
		echo "ok: $1 $2 $3 ${4:-}"
	else
		fail "no line /$re/ in:"
		sed 's/^/	/' <<< "$OUT"
	fi
}

hasnt() {
	if grep -Eq "^[a-z]+ +$1 " <<< "$OUT"; then
		fail "a $1 line in:"
		sed 's/^/	/' <<< "$OUT"
	else
		echo "ok: no $1"
	fi
}

status() {
	if [ "$RC" -eq "$1" ]; then
		echo "ok: $2 exits $1"
	else
		fail "$2 exits $RC, not $1:"
		sed 's/^/	/' <<< "$OUT"
	fi
}

run good.test
sed 's/^/	| /' <<< "$OUT"
status 0 good.test
has ok mx good.test \
    "3 MX records: 10 fake.good.test, 20 mx.good.test, 30 fake2.good.test"
has ok mx-host fake.good.test "fake"
has ok mx-host mx.good.test "real"
has ok mx-best good.test "fake MX fake.good.test at the best preference 10"
has ok mx-real good.test "real MX mx.good.test"
has ok mx-worst good.test "fake2.good.test at the worst preference 30"
has ok fake-ipv6 good.test
has ok fake-reset 192.0.2.1 "TCP reset in [0-9]+ ms"
has ok fake-reset 2001:db8::1 "TCP reset"
has warning address 192.0.2.1 "documentation address"
has ok real-ptr 192.0.2.2 "PTR mx.good.test resolves back"
has ok real-ptr 2001:db8::2 "PTR mx.good.test resolves back"
has ok real-smtp 192.0.2.2 "greets as mx.good.test"
has ok real-smtp 2001:db8::2 "greets as mx.good.test"
has ok dnsbl "192.0.2.2 bl.test" "not listed"
has ok dnsbl "2001:db8::2 clean.test" "not listed"
has ok spf good.test
has ok dmarc _dmarc.good.test
if grep -q '^fail' <<< "$OUT"; then
	fail "good.test has failures"
fi

# the same as JSON, and JSON that says the same
run -j good.test
status 0 "good.test -j"
if python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["domain"] == "good.test" and d["fail"] == 0
keys = ["check", "subject", "status", "message", "fix"]
for c in d["checks"]:
	assert list(c) == keys, c
	assert c["status"] in ("ok", "warning", "fail")
	assert (c["fix"] == "") == (c["status"] == "ok"), c
assert any(c["check"] == "fake-reset" and c["status"] == "ok"
    for c in d["checks"])
assert d["ok"] + d["warning"] == len(d["checks"])
' <<< "$OUT"; then
	echo "ok: json"
else
	fail "json: $OUT"
fi

run nofake.test
status 1 nofake.test
has fail mx-best nofake.test \
    "mx.good.test at the best preference 10 answers SMTP"
has fail mx-real nofake.test
has fail mx-host mx.none.nofake.test "no A or AAAA"

run timeout.test
status 0 timeout.test
has ok mx-best timeout.test "fake MX fake.timeout.test"
has warning fake-reset 192.0.2.3 "did not answer in 2 s"
has warning fake-reset 2001:db8::3 "did not answer in 2 s"

run unreach.test
status 0 unreach.test
has ok mx-best unreach.test "fake MX fake.unreach.test"
has warning fake-reset 2001:db8:ffff::1 "could not reach port 25 from here"
has ok fake-reset 192.0.2.1 "TCP reset"

run banner.test
status 0 banner.test
has warning fake-reset 192.0.2.4 \
    "SMTP server answers instead of a reset: \"421 fake.banner.test"
has ok fake-reset 2001:db8::1 "TCP reset"
has ok mx-host fake.banner.test "refuses"

run cname.test
status 1 cname.test
has fail mx-host alias.cname.test "alias \(CNAME\) of mx.good.test"

run noaddr.test
status 1 noaddr.test
has fail mx-host gone.noaddr.test "no A or AAAA records \(no such name\)"
has fail mx-host 192.0.2.2 "names an address"

run private.test
status 1 private.test
has fail address 10.1.2.3 "fake MX fake.private.test: a private address"
has fail address 127.0.0.1 "fake MX lo.private.test: a loopback address"
hasnt fake-reset
if grep -Eq 'conn (10\.1\.2\.3|127\.0\.0\.1)' "$LOG"; then
	fail "a private or loopback address was probed"
else
	echo "ok: private and loopback addresses not probed"
fi

run nov6.test
status 1 nov6.test
has fail fake-ipv6 fake.nov6.test "real MX mx.good.test has IPv6"

run rdns.test
status 1 rdns.test
has fail real-ptr 192.0.2.6 "no PTR record"
has fail real-ptr 192.0.2.7 "PTR liar.badptr.test does not resolve back"
has ok real-ptr 192.0.2.5 "PTR mx.wrongbanner.test"
has warning real-smtp 192.0.2.5 "greets as \"wrongname.example\""
has ok real-smtp 192.0.2.7 "greets as mx.badptr.test"
has ok mx-real rdns.test "mx.noptr.test, mx.badptr.test, mx.wrongbanner.test"

run listed.test
status 1 listed.test
has fail dnsbl "192.0.2.8 bl.test" "listed \(127.0.0.2\)"
has ok dnsbl "192.0.2.8 clean.test" "not listed"
OUT=$(in_ns "$CHECK" check -r 127.0.0.1:53 -w 2 -b "refused.test none" listed.test)
RC=$?
status 0 "listed.test -b refused.test"
has warning dnsbl "192.0.2.8 refused.test" \
    "refused the query \(127.255.255.254\)"
OUT=$(in_ns "$CHECK" check -r 127.0.0.1 -w 2 -b none listed.test)
RC=$?
status 0 "listed.test -b none"
hasnt dnsbl

run nospf.test
status 1 nospf.test
has fail spf nospf.test "no SPF record"
has ok dmarc _dmarc.nospf.test "monitoring only"
run badspf.test
status 1 badspf.test
has fail spf badspf.test "does not parse: bad address in \"ip4:192.0.2.300\""
run twospf.test
status 1 twospf.test
has fail spf twospf.test "2 SPF records"
run plusall.test
status 1 plusall.test
has fail spf plusall.test "\"v=spf1 mx \+all\" allows every host"
run nodmarc.test
status 0 nodmarc.test
has warning dmarc _dmarc.nodmarc.test "no DMARC record"
run baddmarc.test
status 1 baddmarc.test
has fail dmarc _dmarc.baddmarc.test "bad policy p=maybe"

run nullmx.test
status 1 nullmx.test
has fail mx nullmx.test "null MX"
run nomx.test
status 1 nomx.test
has fail mx nomx.test "no records"
run missing.test
status 1 missing.test
has fail mx missing.test "no such name"
has fail spf missing.test "no SPF record"

# a dead name server: every lookup times out, nothing hangs
start=$(date +%s)
OUT=$(in_ns "$CHECK" check -r 127.0.0.2 -w 1 good.test 2>&1)
RC=$?
status 1 "dead name server"
has fail mx good.test "no answer from the name servers"
if [ $(( $(date +%s) - start )) -le 15 ]; then
	echo "ok: dead name server bounded in time"
else
	fail "dead name server took $(( $(date +%s) - start )) s"
fi

# a greeting that trickles in: -w bounds the whole probe, not each byte
# (the greeting's 22 bytes take 9 s)
start=$(date +%s%N)
OUT=$(in_ns "$CHECK" check -r 127.0.0.1 -w 1 -b none slow.test 2>&1)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ $ms -le 3000 ]; then
	echo "ok: slow greeting bounded by -w 1 ($ms ms)"
else
	fail "slow greeting with -w 1 took $ms ms"
fi

# usage errors
for args in "" "-w 0 good.test" "-r nonsense good.test" \
    "-r 127.0.0.1:53 -r 127.0.0.2:54 good.test" "-b bad..list good.test" \
    "good.test extra" "bad_name!"; do
	# shellcheck disable=SC2086
	if in_ns "$CHECK" check $args > /dev/null 2>&1; then
		fail "\"$args\" accepted"
	else
		echo "ok: \"$args\" refused"
	fi
done

# every probe went to an address of the domain under test
if grep -Ev '^(ready|conn (192\.0\.2\.[2456789]|2001:db8::2))$' "$LOG"; then
	fail "probes to addresses no MX gave"
else
	echo "ok: probes only to MX addresses" \
	    "($(grep -c conn "$LOG") connections)"
fi

if [ $fails -ne 0 ]; then
	echo "$fails failed"
	exit 1
fi
echo "all passed"
