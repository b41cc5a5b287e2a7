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
# End to end with pf, for an OpenBSD or FreeBSD test machine or VM: the
# shipped anchor, a pflog interface, and nolistd with the pf backend.
#
# usage: pf-e2e.sh nolistd srcdir
#
# Run as root on a machine that is only for testing: the script replaces
# the running pf ruleset with a test one and loads /etc/pf.conf again at
# the end (or disables pf if it was disabled).  It needs root, pf and
# pflog in the kernel, pfctl with its /etc/pf.os, nc(1) from base and the
# user _nolistd, and says which of these are missing.
#
# Senders and MX share the loopback: the documentation addresses are
# aliases on lo1, and traffic between local addresses goes through lo0,
# where pf sees each packet twice, out and then in.  The anchor's rules
# are "in" rules, and an outbound state does not match the same packet
# inbound, so they judge the looped SYNs as they would a remote sender's.
#
# It checks:
#   - a SYN to the fake MX is answered with a reset at once;
#   - a sender that never tried the fake MX cannot reach the real MX;
#   - a sender that tried the fake MX reaches the real MX, and is in
#     <mx-white> of the anchor "nolistd";
#   - all of it over IPv4 and IPv6;
#   - reloading the ruleset keeps the table's entries (table <mx-white>
#     persist without a list);
#   - after "pfctl -T flush" nolistd restores the table within seconds.

set -u

nolistd=${1:?usage: pf-e2e.sh nolistd srcdir}
src=${2:?usage: pf-e2e.sh nolistd srcdir}

fake4=192.0.2.1 fake6=2001:db8::1
real4=192.0.2.2 real6=2001:db8::2
good4=198.51.100.10 good6=2001:db8:5::10
bad4=198.51.100.11 bad6=2001:db8:5::11

case $(uname -s) in
OpenBSD|FreeBSD)
	;;
*)
	echo "SKIPPED: needs pf on OpenBSD or FreeBSD"
	exit 0
	;;
esac

# What the test needs, all said at once: each missing thing on a line.
missing=0
need() { # WHAT-IS-MISSING
	echo "FAIL: pf-e2e needs $*" >&2
	missing=$((missing + 1))
}
[ "$(id -u)" -eq 0 ] ||
    need "root: run make as root (or with SUDO=doas)"
[ -x "$nolistd" ] || need "nolistd built: $nolistd is not there"
id _nolistd >/dev/null 2>&1 ||
    need "the user _nolistd: create it first (see nolistd(8))"
command -v nc >/dev/null 2>&1 || need "nc(1) from base"
command -v pfctl >/dev/null 2>&1 || need "pfctl(8) from base"
# pfctl reads it to load any ruleset, and fails without it
[ -r /etc/pf.os ] ||
    need "/etc/pf.os, which pfctl reads to load a ruleset (base's etc/pf.os)"
[ -e /dev/pf ] ||
    need "pf in the kernel: no /dev/pf (FreeBSD: kldload pf)"
if [ "$(uname -s)" = FreeBSD ] && ! kldstat -q -m pflog; then
	need "pflog in the kernel (FreeBSD: kldload pflog)"
fi
[ "$missing" -eq 0 ] || exit 1

tmp=$(mktemp -d /tmp/pf-e2e.XXXXXXXX) || exit 1
pids=""
made_lo1=no
made_pflog1=no
pf_was_enabled=no
pfctl -s info 2>/dev/null | grep -q 'Status: Enabled' && pf_was_enabled=yes

cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	if [ "$pf_was_enabled" = yes ]; then
		pfctl -q -f /etc/pf.conf
	else
		pfctl -q -F all 2>/dev/null
		pfctl -q -d 2>/dev/null
	fi
	if [ "$made_lo1" = yes ]; then
		ifconfig lo1 destroy
	else
		for a in $fake4 $real4 $good4 $bad4; do
			ifconfig lo1 inet "$a" delete 2>/dev/null
		done
		for a in $fake6 $real6 $good6 $bad6; do
			ifconfig lo1 inet6 "$a" delete 2>/dev/null
		done
	fi
	[ "$made_pflog1" = yes ] && ifconfig pflog1 destroy
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# --- interfaces ---
if ! ifconfig lo1 >/dev/null 2>&1; then
	ifconfig lo1 create || fail "cannot create lo1"
	made_lo1=yes
fi
[ "$(uname -s)" = FreeBSD ] && ifconfig lo1 inet6 -ifdisabled
for a in $fake4 $real4 $good4 $bad4; do
	ifconfig lo1 inet "$a/32" alias || fail "cannot add $a to lo1"
done
for a in $fake6 $real6 $good6 $bad6; do
	ifconfig lo1 inet6 "$a/128" alias || fail "cannot add $a to lo1"
done
if ! ifconfig pflog1 >/dev/null 2>&1; then
	ifconfig pflog1 create || fail "cannot create pflog1"
	made_pflog1=yes
fi
ifconfig pflog1 up

# --- pf: the shipped anchor, with its own example addresses ---
# No "set skip on lo": the test's traffic is on the loopback.
cat > "$tmp/pf.conf" <<EOF
pass
anchor "nolistd"
load anchor "nolistd" from "$src/share/pf/nolistd.anchor"
EOF
pfctl -q -nf "$tmp/pf.conf" || fail "pfctl rejects the anchor"
pfctl -q -f "$tmp/pf.conf" || fail "pfctl cannot load the anchor"
pfctl -q -e 2>/dev/null
pfctl -a nolistd -t mx-white -T flush >/dev/null 2>&1

# --- listeners on the real MX ---
for a in $real4 $real6; do
	nc -k -l "$a" 25 >/dev/null 2>&1 &
	pids="$pids $!"
done

# --- nolistd ---
cat > "$tmp/nolistd.conf" <<EOF
interface pflog1
backend pf
fake-mx $fake4 $fake6
real-mx $real4 $real6
table "nolistd/mx-white"
expand none
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
EOF
"$nolistd" -n -f "$tmp/nolistd.conf" || fail "nolistd rejects the config"
"$nolistd" -d -v -f "$tmp/nolistd.conf" 2> "$tmp/nolistd.log" &
pids="$pids $!"
sleep 2
kill -0 "$!" 2>/dev/null || fail "nolistd died: $(cat "$tmp/nolistd.log")"

# connect from $1 to $2 port 25 within $3 seconds: exit 0 if it did
connects() {
	nc -z -w "$3" -s "$1" "$2" 25 >/dev/null 2>&1
}
now() {
	date +%s
}
in_table() {
	pfctl -a nolistd -t mx-white -T show 2>/dev/null | grep -qw "$1"
}

for af in 4 6; do
	if [ "$af" = 4 ]; then
		fake=$fake4 real=$real4 good=$good4 bad=$bad4
	else
		fake=$fake6 real=$real6 good=$good6 bad=$bad6
	fi

	# the fake MX refuses at once: a reset, not a timeout
	t0=$(now)
	connects "$good" "$fake" 10 && fail "$good reached the fake MX $fake"
	[ $(($(now) - t0)) -le 2 ] ||
	    fail "the fake MX $fake did not reset, it timed out"

	# the sender that tried the fake MX is in the table
	sleep 1
	in_table "$good" || fail "$good is not in nolistd/mx-white"

	# and reaches the real MX
	connects "$good" "$real" 10 || fail "$good cannot reach the real MX"

	# a sender that went straight to the real MX is dropped
	connects "$bad" "$real" 5 && fail "$bad reached the real MX directly"
	in_table "$bad" && fail "$bad was whitelisted without the fake MX"
done

# reloading the ruleset keeps the entries
pfctl -q -f "$tmp/pf.conf" || fail "pfctl cannot reload"
in_table "$good4" || fail "a ruleset reload emptied the table"

# nolistd restores a flushed table
pfctl -a nolistd -t mx-white -T flush >/dev/null 2>&1
i=0
until in_table "$good4" && in_table "$good6"; do
	i=$((i + 1))
	[ "$i" -le 15 ] || fail "nolistd did not restore the flushed table"
	sleep 1
done

echo "ok: pf end to end"
