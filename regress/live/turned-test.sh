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

# Issue 18 end to end: a mailer that only ever tries the first MX (swaks
# pointed at the fake MX, retried) and a bot that sends one SYN to the
# fake MX are listed by nolistctl show turned-away, the mailer first as
# likely legitimate with its forward-confirmed name (nsd), the bot as a
# bot; a real MTA that goes on to the real MX is not listed.
# Usage: turned-test.sh NOLISTD SRCDIR NOLISTCTL
set -u
nolistd=$1
src=$2
nolistctl=$3
. "$src/regress/lib/livemx.sh"
livemx_init
livemx_need_nsd
command -v swaks > /dev/null || { echo "SKIPPED: no swaks"; exit 77; }
. "$src/regress/lib/tally.sh"

livemx_up
world_add_sender 198.51.100.25
livemx_greeter

soa='@ 3600 IN SOA ns.turned.test. hostmaster.turned.test. 1 3600 600 86400 30
@ NS ns.turned.test.'
cat > "$tmp/turned.test.zone" <<Z
\$ORIGIN turned.test.
$soa
ns	A	127.0.0.1
mail	A	198.51.100.25
Z
cat > "$tmp/r4a.zone" <<Z
\$ORIGIN 100.51.198.in-addr.arpa.
$soa
25	PTR	mail.turned.test.
Z
cat > "$tmp/r4b.zone" <<Z
\$ORIGIN 113.0.203.in-addr.arpa.
$soa
Z
nsd_conf "$tmp" 127.0.0.1 turned.test:turned.test \
    100.51.198.in-addr.arpa:r4a 113.0.203.in-addr.arpa:r4b \
    > "$tmp/nsd.conf"
livemx_nsd

grep -v '^expand' "$src/regress/captures/nolisting.conf" > "$tmp/nolistd.conf"
mkdir -p "$tmp/empty"
cat >> "$tmp/nolistd.conf" <<C
table "inet nolistd mx_white"
expand fcrdns
resolver 127.0.0.1
user nobody
chroot "$tmp/empty"
state-file "$tmp/nolistd.state"
control-socket "$tmp/nolistd.sock"
grace-period 1s
turned-away-time 3s
C
livemx_daemon -v -t nft || { bad "daemon did not start"; cat "$tmp/log"; }

ctl() { "$nolistctl" -s "$tmp/nolistd.sock" "$@"; }

# the mailer: only ever the first MX, which resets it; it retries
for try in 1 2; do
	ip netns exec "$W_SND" swaks --server 192.0.2.1 --port 25 \
	    --local-interface 198.51.100.25 --from app@turned.test \
	    --to postmaster@example.org --timeout 5 --quit-after CONNECT \
	    > "$tmp/swaks.$try" 2>&1 && bad "swaks reached the fake MX"
	sleep 1
done
# the bot: one SYN; the real MTA: the fake MX, then the real MX
syn 203.0.113.66 192.0.2.1 2 > /dev/null
syn 198.51.100.10 192.0.2.1 2 > /dev/null
out=$(syn 198.51.100.10 192.0.2.2 3.5)
case $out in *connected*) ok ;; *) bad "the MTA did not get in: $out" ;; esac

# past turned-away-time, and the names looked up
i=0
while [ $i -lt 40 ]; do
	ctl show turned-away > "$tmp/list" 2>&1
	[ "$(grep -c 'fcrdns [a-z]' "$tmp/list")" -ge 2 ] &&
	    ! grep -q 'fcrdns unknown' "$tmp/list" && break
	sleep 0.25; i=$((i + 1))
done
cat "$tmp/list"
head -1 "$tmp/list" | grep -q "^198.51.100.25 mailer [0-9]*% likely-legitimate.* fcrdns confirmed mail.turned.test; let in: nolistctl add 198.51.100.25$" &&
    ok || bad "the first-MX-only mailer is not first as likely legitimate"
grep -q "^203.0.113.66 bot 95% .*fcrdns none" "$tmp/list" && ok ||
    bad "the bot is not listed as a bot"
grep -q "^198.51.100.10 " "$tmp/list" && bad "the real MTA is listed" || ok
[ "$(wc -l < "$tmp/list")" -eq 2 ] && ok || bad "not two senders listed"

ctl -j show turned-away > "$tmp/list.json"
python3 - "$tmp/list.json" <<'PY' && ok || bad "show turned-away -j"
import json, sys
a = json.load(open(sys.argv[1]))
assert [x["addr"] for x in a] == ["198.51.100.25", "203.0.113.66"], a
assert a[0]["likely_legitimate"] and a[0]["kind"] == "mailer", a
assert a[0]["name"] == "mail.turned.test", a
assert a[0]["let_in"] == "nolistctl add 198.51.100.25", a
assert a[1]["kind"] == "bot" and a[1]["name"] is None, a
PY

ctl show stats > "$tmp/stats"
grep -q "^turned_away: 2$" "$tmp/stats" &&
    grep -q "^turned_away_legitimate: 1$" "$tmp/stats" && ok ||
    { bad "turned-away counters"; cat "$tmp/stats"; }
grep -q "turned away: 198.51.100.25 (mail.turned.test) tried only the fake MX" \
    "$tmp/log" && ok || { bad "no notice for the mailer"; cat "$tmp/log"; }
grep -q "turned away: 203.0.113.66" "$tmp/log" &&
    bad "a notice for the bot" || ok

# the second chance, shipped commented out: uncommented, it loads (and
# reloads without doubling its rules); the mailer's next retry to the
# fake MX reaches the real MX and leaves the list; a bot's first SYN is
# still refused
sed -e 's/^#table inet nolistd {$/table inet nolistd {/' \
    -e 's/^#\(\tchain second_chance\)/\1/' -e 's/^#\(\t\t\)/\1/' \
    -e 's/^#\(\t}\)$/\1/' -e 's/^#}$/}/' \
    -e 's/^#\(flush chain inet nolistd second_chance\)/\1/' \
    "$src/share/nftables/nolistd.nft" > "$tmp/second.nft"
ip netns exec "$W_MX" nft -f "$tmp/second.nft" &&
    ip netns exec "$W_MX" nft -f "$tmp/second.nft" && ok ||
    bad "the second chance does not load"
[ "$(ip netns exec "$W_MX" nft list chain inet nolistd second_chance |
    grep -c dnat)" -eq 4 ] && ok || bad "second chance: not 4 dnat rules"
out=$(syn 198.51.100.25 192.0.2.1 3)
case $out in *connected*) ok ;; *) bad "second chance: mailer $out" ;; esac
world_add_sender 203.0.113.67
out=$(syn 203.0.113.67 192.0.2.1 3)
case $out in *refused*) ok ;; *) bad "second chance: bot $out" ;; esac
sleep 1.5
ctl show turned-away > "$tmp/list2"
grep -q "^198.51.100.25 " "$tmp/list2" &&
    bad "second chance: the mailer is still listed" || ok

tally_end
