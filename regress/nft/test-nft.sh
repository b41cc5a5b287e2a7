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

# The nft backend against the running kernel, in a network namespace of
# its own: adds, deletes, timeouts, renewals, batches of 10,000, list,
# a flushed set and a reloaded ruleset detected by check() and healed by
# replace(), and the errors for a missing table or set.
#
# usage: test-nft.sh nft-driver
set -u

driver=${1:?usage: test-nft.sh nft-driver}
srcdir=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ns=nlt-$$
tmp=$(mktemp -d /tmp/nlt-nft.XXXXXX) || exit 1
failures=0

skip() {
	echo "SKIP: $*"
	rm -rf "$tmp"
	exit 77
}

[ "$(id -u)" -eq 0 ] || skip "needs root for ip netns and nft"
command -v ip >/dev/null 2>&1 || skip "ip(8) is not installed"
command -v nft >/dev/null 2>&1 || skip "nft(8) is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
ip netns add "$ns" 2>"$tmp/err" || skip "ip netns add: $(cat "$tmp/err")"
trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# each group of checks starts with begin and ends with ok
begin() {
	group_failures=$failures
}

ok() {
	if [ "$failures" -eq "$group_failures" ]; then
		echo "ok: $*"
	else
		echo "not ok: $*"
	fi
}

in_ns() {
	ip netns exec "$ns" "$@"
}

# The driver reads its commands from stdin: drive [options] <<EOF
drive() {
	in_ns "$driver" "$@" 2>"$tmp/driver.err"
}

# One line per element of a set: "prefix timeout expires" (seconds).
elems() {
	in_ns nft -j list set "$1" "$2" "$3" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for o in d["nftables"]:
    if "set" not in o:
        continue
    s = o["set"]
    full = "32" if s["type"] == "ipv4_addr" else "128"
    for e in s.get("elem", []):
        t = x = "-"
        if isinstance(e, dict) and "elem" in e:
            t = e["elem"].get("timeout", "-")
            x = e["elem"].get("expires", "-")
            e = e["elem"]["val"]
        if isinstance(e, str):
            v = e + "/" + full
        elif "prefix" in e:
            v = "%s/%d" % (e["prefix"]["addr"], e["prefix"]["len"])
        else:
            v = "%s-%s" % tuple(e["range"])
        print(v, t, x)
'
}

count() {
	elems "$@" | wc -l | tr -d ' '
}

has() {
	elems "$1" "$2" "$3" | grep "^$4 " >/dev/null
}

# expires of one element, in seconds
expires() {
	elems "$1" "$2" "$3" | awk -v p="$4" '$1 == p { print $3 }'
}

# the rc= of the driver's line for one action (the n-th, default first)
rc_of() {
	grep "^$1 " "$2" | sed -n "${3:-1}p" | sed 's/.*rc=\([-0-9]*\).*/\1/'
}

ms_of() {
	grep "^$1 " "$2" | sed -n "${3:-1}p" | sed 's/.*ms=\([0-9.]*\).*/\1/'
}

# --- the ruleset: the shipped one, with the interval sets that
# nolistd.conf(5) asks for when "prefix" is shorter than a host, since
# most of what follows adds /24 and /64 prefixes ---
rules=$tmp/rules.nft
sed 's/^\([[:space:]]*flags\) timeout$/\1 interval, timeout/' \
    "$srcdir/share/nftables/nolistd.nft" > "$rules"
[ "$(grep -c 'flags interval, timeout$' "$rules")" -eq 2 ] ||
    { fail "the shipped ruleset no longer has two plain timeout sets"; exit 1; }
in_ns nft -f "$rules" || { fail "cannot load $rules"; exit 1; }

T="inet nolistd mx_white4"
T6="inet nolistd mx_white6"

# --- add /32 /24 /128 /64, list, delete ---
begin
drive >"$tmp/out" <<'EOF'
add 192.0.2.10/32 3600
add 198.51.100.0/24 3600
add 2001:db8::10/128 3600
add 2001:db8:0:1::/64 3600
apply
list
del 198.51.100.0/24
del 2001:db8::10
apply
EOF
[ "$(rc_of apply "$tmp/out")" = 0 ] || fail "apply of 4 adds: $(cat "$tmp/out" "$tmp/driver.err")"
for p in 192.0.2.10/32 198.51.100.0/24 2001:db8::10/128 2001:db8:0:1::/64; do
	grep -qx "$p" "$tmp/out" || fail "list lacks $p"
done
[ "$(grep -c / "$tmp/out")" -eq 4 ] || fail "list: $(grep / "$tmp/out")"
[ "$(rc_of apply "$tmp/out" 2)" = 0 ] || fail "apply of 2 deletes"
has $T 192.0.2.10/32 && ! has $T 198.51.100.0/24 ||
    fail "IPv4 after delete: $(elems $T)"
has $T6 2001:db8:0:1::/64 && ! has $T6 2001:db8::10/128 ||
    fail "IPv6 after delete: $(elems $T6)"
ok "add /32 /24 /128 /64, list, delete"

# the /24 went in with the timeout asked for
begin
drive >"$tmp/out" <<'EOF'
add 203.0.113.0/24 600
apply
EOF
x=$(expires $T 203.0.113.0/24)
[ -n "$x" ] && [ "$x" -ge 595 ] && [ "$x" -le 600 ] ||
    fail "203.0.113.0/24 expires in '$x' s, not about 600"
ok "kernel timeout is the remaining lifetime ($x s of 600)"

# --- an element of 2 to 3 s (whole seconds) is gone after 4 s ---
begin
drive >"$tmp/out" <<'EOF'
add 192.0.2.20 3
add 2001:db8::20 3
apply
EOF
has $T 192.0.2.20/32 && has $T6 2001:db8::20/128 ||
    fail "short-lived elements missing"
sleep 4
has $T 192.0.2.20/32 && fail "192.0.2.20 still there after its timeout"
has $T6 2001:db8::20/128 && fail "2001:db8::20 still there after its timeout"
# deleting what the kernel timed out is not an error
drive >"$tmp/out" <<'EOF'
del 192.0.2.20
del 2001:db8::20
apply
EOF
[ "$(rc_of apply "$tmp/out")" = 0 ] ||
    fail "deleting timed-out elements: $(cat "$tmp/out" "$tmp/driver.err")"
ok "timeouts expire in the kernel; deleting them afterwards is fine"

# --- renewal extends the kernel's timeout ---
begin
drive >"$tmp/out" <<'EOF'
add 192.0.2.30 60
add 2001:db8::30 60
add 198.51.100.0/24 60
apply
renew 192.0.2.30 7200
renew 2001:db8::30 7200
renew 198.51.100.0/24 7200
renew 192.0.2.31 7200
apply
EOF
[ "$(rc_of apply "$tmp/out" 2)" = 0 ] || fail "renewal apply"
for e in "$T 192.0.2.30/32" "$T6 2001:db8::30/128" "$T 198.51.100.0/24" \
    "$T 192.0.2.31/32"; do
	# shellcheck disable=SC2086
	x=$(expires $e)
	[ -n "$x" ] && [ "$x" -ge 7100 ] || fail "renewed $e expires in '$x'"
done
ok "renewal extends the timeout (and adds what had gone)"

# --- several changes to one address in one batch keep their order ---
begin
drive >"$tmp/out" <<'EOF'
add 192.0.2.40 600
del 192.0.2.40
del 192.0.2.41
add 192.0.2.41 600
apply
EOF
! has $T 192.0.2.40/32 && has $T 192.0.2.41/32 ||
    fail "order inside one batch: $(elems $T)"
ok "order inside one batch"

# --- overlap in an interval set: the other changes still land ---
begin
drive >"$tmp/out" <<'EOF'
add 203.0.113.5/32 600
add 192.0.2.77/32 600
apply
EOF
has $T 192.0.2.77/32 || fail "192.0.2.77 lost beside an overlapping add"
echo "overlapping add: $(grep '^apply' "$tmp/out"), $(cat "$tmp/driver.err")"
ok "an overlapping add does not cost the rest of the batch"

# --- 10,000 in one apply, measured ---
begin
in_ns nft flush set $T
in_ns nft flush set $T6
drive >"$tmp/out" <<'EOF'
add 192.0.2.1 3600
apply
gen4 10000 3600
apply
gen6 10000 3600
apply
EOF
n4=$(count $T)
n6=$(count $T6)
[ "$n4" -eq 10001 ] || fail "IPv4 set holds $n4 elements, not 10001"
[ "$n6" -eq 10000 ] || fail "IPv6 set holds $n6 elements, not 10000"
[ "$(rc_of apply "$tmp/out" 2)" = 0 ] && [ "$(rc_of apply "$tmp/out" 3)" = 0 ] ||
    fail "bulk applies: $(cat "$tmp/out")"
echo "measured: apply of 1 element: $(ms_of apply "$tmp/out" 1) ms;" \
    "10,000 IPv4: $(ms_of apply "$tmp/out" 2) ms;" \
    "10,000 IPv6: $(ms_of apply "$tmp/out" 3) ms"
drive >"$tmp/out" <<'EOF'
list
EOF
[ "$(grep -c '^198\.18\.' "$tmp/out")" -eq 10000 ] &&
    [ "$(grep -c '^2001:db8:1::' "$tmp/out")" -eq 10000 ] ||
    fail "list after bulk: $(tail -1 "$tmp/out")"
ok "10,000 IPv4 and 10,000 IPv6 adds land completely, list returns them"

# --- 10,000 renewals and 10,000 deletes in one apply each ---
begin
drive >"$tmp/out" <<'EOF'
gen6 10000 7200 renew
apply
gen4 10000 0 del
apply
EOF
[ "$(rc_of apply "$tmp/out" 1)" = 0 ] && [ "$(rc_of apply "$tmp/out" 2)" = 0 ] ||
    fail "bulk renew/delete: $(cat "$tmp/out" "$tmp/driver.err")"
n4=$(count $T)
[ "$n4" -eq 1 ] || fail "after 10,000 deletes the IPv4 set holds $n4, not 1"
elems $T6 | awk '$3 < 7100 { bad++ } END { exit bad > 0 }' ||
    fail "some renewed IPv6 elements kept their old timeout"
[ "$(count $T6)" -eq 10000 ] || fail "renewal changed the IPv6 count"
echo "measured: 10,000 IPv6 renewals: $(ms_of apply "$tmp/out" 1) ms;" \
    "10,000 IPv4 deletes: $(ms_of apply "$tmp/out" 2) ms"
ok "10,000 renewals and 10,000 deletes in one apply each"

# --- check: unchanged, flushed set, healed by replace ---
begin
in_ns nft flush set $T
in_ns nft flush set $T6
cat >"$tmp/session" <<EOF
gen4 10000 3600
apply
check 10000
check 10000
sh nft flush set $T
check 10000
gen4 10000 3600
replace
check 10000
check 10000
sh nft flush ruleset; nft -f $rules
check 10000
gen4 10000 3600
replace
check 10000
sh nft add element $T '{ 192.0.2.99 }'
check 10000
EOF
drive <"$tmp/session" >"$tmp/out"
[ "$(rc_of check "$tmp/out" 1)" = 0 ] || fail "check after apply: $(cat "$tmp/out")"
[ "$(rc_of check "$tmp/out" 2)" = 0 ] || fail "second check"
[ "$(rc_of check "$tmp/out" 3)" = 1 ] || fail "nft flush set not detected"
[ "$(rc_of replace "$tmp/out" 1)" = 0 ] || fail "replace after flush"
[ "$(rc_of check "$tmp/out" 4)" = 0 ] || fail "check after replace"
[ "$(rc_of check "$tmp/out" 5)" = 0 ] || fail "check after replace, again"
[ "$(rc_of check "$tmp/out" 6)" = 1 ] || fail "ruleset reload not detected"
[ "$(rc_of replace "$tmp/out" 2)" = 0 ] || fail "replace after reload"
[ "$(rc_of check "$tmp/out" 7)" = 0 ] || fail "check after second replace"
[ "$(rc_of check "$tmp/out" 8)" = 0 ] ||
    fail "an unrelated addition taken for a flush"
n4=$(count $T)
[ "$n4" -eq 10001 ] || fail "after healing the set holds $n4, not 10001"
echo "measured: check with nothing changed: $(ms_of check "$tmp/out" 2) ms;" \
    "check after a flush: $(ms_of check "$tmp/out" 3) ms;" \
    "replace of 10,000: $(ms_of replace "$tmp/out" 1) ms"
ok "flush and ruleset reload detected by check and healed by replace"

# --- flush ---
begin
drive >"$tmp/out" <<'EOF'
flush
EOF
[ "$(count $T)" -eq 0 ] && [ "$(count $T6)" -eq 0 ] || fail "flush left elements"
ok "flush"

# --- a missing set or table is a clear error ---
begin
in_ns nft flush ruleset
in_ns nft -f - <<'EOF' || fail "cannot load a table with one set"
table inet nolistd {
	set mx_white4 { type ipv4_addr; flags interval, timeout; }
}
EOF
drive </dev/null >"$tmp/out"
rc=$?
[ $rc -eq 2 ] && grep -q "set inet nolistd mx_white6 does not exist" \
    "$tmp/driver.err" &&
    grep -q "nft add set inet nolistd mx_white6 '{ type ipv6_addr;" \
    "$tmp/driver.err" || fail "missing set: rc $rc: $(cat "$tmp/driver.err")"
echo "missing set says: $(cat "$tmp/driver.err")"
# the advice fits the prefix: plain sets for hosts, interval for networks
grep -q "mx_white6 '{ type ipv6_addr; flags timeout; }'" "$tmp/driver.err" ||
    fail "missing set: advice for /128 is not a plain set"
drive -6 64 </dev/null >"$tmp/out"
grep -q "mx_white6 '{ type ipv6_addr; flags interval, timeout; }'" \
    "$tmp/driver.err" || fail "missing set: advice for /64 lacks interval"
drive -t "inet nosuch mx_white" </dev/null >"$tmp/out"
rc=$?
[ $rc -eq 2 ] && grep -q "table inet nosuch does not exist" \
    "$tmp/driver.err" && grep -q "nft add table inet nosuch" \
    "$tmp/driver.err" || fail "missing table: rc $rc: $(cat "$tmp/driver.err")"
drive -t "inet nolistd" </dev/null >"$tmp/out"
[ $? -eq 2 ] || fail "a table string without a set prefix accepted"
ok "missing set, missing table and a bad table string are clear errors"

# --- plain sets, without interval ---
begin
in_ns nft -f - <<'EOF' || fail "cannot load the plain sets"
table inet plain {
	set w4 { type ipv4_addr; flags timeout; }
	set w6 { type ipv6_addr; flags timeout; }
}
EOF
drive -t "inet plain w" >"$tmp/out" <<'EOF'
add 192.0.2.50 600
add 2001:db8::50 600
add 192.0.2.51 600
apply
renew 192.0.2.50 7200
del 192.0.2.51
del 192.0.2.52
apply
list
EOF
[ "$(rc_of apply "$tmp/out" 1)" = 0 ] && [ "$(rc_of apply "$tmp/out" 2)" = 0 ] ||
    fail "plain set applies: $(cat "$tmp/out" "$tmp/driver.err")"
has inet plain w4 192.0.2.50/32 && has inet plain w6 2001:db8::50/128 &&
    ! has inet plain w4 192.0.2.51/32 || fail "plain sets: $(elems inet plain w4)"
x=$(expires inet plain w4 192.0.2.50/32)
[ -n "$x" ] && [ "$x" -ge 7100 ] || fail "plain renewal expires in '$x'"
grep -qx 192.0.2.50/32 "$tmp/out" && grep -qx 2001:db8::50/128 "$tmp/out" ||
    fail "plain list: $(cat "$tmp/out")"
drive -t "inet plain w" -4 24 </dev/null >"$tmp/out"
[ $? -eq 2 ] && grep -q 'has no "flags interval"' "$tmp/driver.err" ||
    fail "prefix 24 on a plain set accepted: $(cat "$tmp/driver.err")"
ok "plain sets: add, renew, delete, list; a /24 prefix refused"

# --- a set's size against max-entries ---
begin
in_ns nft -f - <<'EOF' || fail "cannot load the sized sets"
table inet sized {
	set w4 { type ipv4_addr; flags timeout; size 2; }
	set w6 { type ipv6_addr; flags interval, timeout; size 150; }
}
EOF
drive -t "inet sized w" -m 100 </dev/null >"$tmp/out"
[ $? -eq 2 ] && grep -q "set inet sized w4 holds at most 2 elements" \
    "$tmp/driver.err" && grep -q "size 100 or more" "$tmp/driver.err" ||
    fail "a set smaller than max-entries accepted: $(cat "$tmp/driver.err")"
# an interval set stores each prefix as two elements
drive -t "inet sized w" -m 2 -6 64 </dev/null >"$tmp/out"
[ $? -eq 0 ] || fail "size 150 refused for 2 prefixes: $(cat "$tmp/driver.err")"
in_ns nft delete set inet sized w4
in_ns nft add set inet sized w4 '{ type ipv4_addr; flags timeout; size 100; }'
drive -t "inet sized w" -m 100 -6 64 </dev/null >"$tmp/out"
[ $? -eq 2 ] && grep -q "set inet sized w6 holds at most 150 elements" \
    "$tmp/driver.err" && grep -q "size 200 or more" "$tmp/driver.err" ||
    fail "interval set of 150 for 100 prefixes: $(cat "$tmp/driver.err")"
# a full set (smaller than the daemon was told) says so, not ENFILE's text
in_ns nft delete set inet sized w4
in_ns nft add set inet sized w4 '{ type ipv4_addr; flags timeout; size 2; }'
drive -t "inet sized w" -m 2 >"$tmp/out" <<'EOF'
add 192.0.2.60 600
add 192.0.2.61 600
add 192.0.2.62 600
apply
EOF
[ "$(count inet sized w4)" -eq 2 ] &&
    grep -q "add 192.0.2.62/32: set w4 is full (size 2)" "$tmp/driver.err" ||
    fail "full set: $(elems inet sized w4) $(cat "$tmp/driver.err")"
# and the change that did not fit is the one reported, alone
grep -q "^apply rc=-1 n=3 ms=[0-9.]* failed=2$" "$tmp/out" ||
    fail "full set: per-change result: $(cat "$tmp/out")"
# a /0 on a set without intervals: refused, and only it
drive -t "inet sized w" -m 2 >"$tmp/out" <<'EOF'
del 192.0.2.60
add 0.0.0.0/0 600
add 192.0.2.63 600
apply
EOF
grep -q "^apply rc=-1 n=3 ms=[0-9.]* failed=1$" "$tmp/out" &&
    has inet sized w4 192.0.2.63/32 ||
    fail "a /0 on a plain set: $(cat "$tmp/out") $(elems inet sized w4)"
ok "a set smaller than max-entries is refused at start; a full set is named, per change"

if [ $failures -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all nft backend tests passed"
