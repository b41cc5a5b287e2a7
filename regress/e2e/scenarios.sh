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

# The scenarios, for e2e-test.sh to source. Each prints one PASS, FAIL or
# SKIP line; "drops" counts the sender's SYNs to the real MX that the
# firewall dropped, "fake_to_mail" is the time from its first SYN to the
# fake MX to the message's arrival: what nolisting cost that delivery.

PFX=root@postfix.sender.test
P4=198.51.100.10
P6=2001:db8:100::10

s_postfix() {
	postfix_up postfix mta.postfix.sender.test ||
	    { FAIL "postfix: did not start"; return 1; }
	baseline postfix-plain postfix_send postfix $PFX
	deliver postfix-ipv4 15 postfix_send postfix $PFX \
	    user@v4.nolist.test $P4
	deliver postfix-ipv6 15 postfix_send postfix $PFX \
	    user@v6.nolist.test $P6
}

s_exim() {
	exim_up || { FAIL "exim: not unpacked (setup.sh)"; return; }
	baseline exim-plain exim_send exim root@exim.sender.test
	deliver exim-ipv4 15 exim_send exim root@exim.sender.test \
	    user@v4.nolist.test 198.51.100.20
	deliver exim-ipv6 15 exim_send exim root@exim.sender.test \
	    user@v6.nolist.test 2001:db8:100::20
}

s_opensmtpd() {
	opensmtpd_up || { FAIL "opensmtpd: did not start"; return; }
	baseline opensmtpd-plain opensmtpd_send opensmtpd \
	    root@opensmtpd.sender.test
	# OpenSMTPD waits 2 s after the fake MX's reset
	deliver opensmtpd-ipv4 15 opensmtpd_send opensmtpd \
	    root@opensmtpd.sender.test user@v4.nolist.test 198.51.100.30
	deliver opensmtpd-ipv6 15 opensmtpd_send opensmtpd \
	    root@opensmtpd.sender.test user@v6.nolist.test 2001:db8:100::30
}

# the bot connects straight to the real MX: its SYNs must reach the
# firewall (drops > 0), be dropped, and leave it out of the set
bot() {
	name=$1 server=$2 addr=$3
	subj="e2e-$name-$$"
	t0=$(now)
	bot_send bot bot@dyn.test "$server" "$subj"
	rc=$?
	sleep 0.5
	m=$(python3 "$E2E_SRC/regress/e2e/measure.py" "$E2E_TMP/records.json" \
	    "$E2E_TMP/sink.out" "$subj" "$t0" "$addr")
	case $m in
	"delivered 0 drops 0 "*) FAIL "$name: its SYNs never reached the firewall: $m" ;;
	"delivered 0"*)
		if [ $rc -eq 0 ]; then
			FAIL "$name: swaks succeeded: $m"
		elif in_set "$addr"; then
			FAIL "$name: bot $addr is in the set"
		else
			PASS "$name: blocked: $m"
		fi ;;
	*) FAIL "$name: the bot's message arrived: $m" ;;
	esac
}

s_bot() {
	bot bot-ipv4 192.0.2.2 203.0.113.66
	bot bot-ipv6 2001:db8::2 2001:db8:113::66
}

# pool MTA FIRST SECOND: MTA on the pool host, a sending farm whose
# addresses poolmail.test's SPF record lists; its first connection (to
# the fake MX) leaves from FIRST, its second (to the real MX) from
# SECOND, which only the pool lets in. The daemon starts right before,
# with its default grace period: the pool works from its first second,
# and the message must arrive within 5 s of the first SYN to the fake MX.
pool() {
	name=pool-$1
	pool_snat "$2" "$3" || { FAIL "$name: no SNAT"; return 1; }
	daemon_down
	daemon_up || { FAIL "$name: nolistd did not start"; return 1; }
	send_one "$name" 8 "$1_send" pool root@poolmail.test \
	    user@v4.nolist.test "$2" "$3"
	f2m=$(echo "$m" | sed -n 's/.*fake_to_mail \([0-9.]*\) .*/\1/p')
	case $m in
	"delivered 1"*)
		if [ -z "$f2m" ]; then
			FAIL "$name: delivered without trying the fake MX: $m"
		elif awk -v t="$f2m" 'BEGIN { exit !(t > 5) }'; then
			FAIL "$name: more than 5 s after its first try: $m"
		else
			PASS "$name: $m"; return 0
		fi ;;
	*) FAIL "$name: not delivered within 8 s: $m" ;;
	esac
	return 1
}

s_pool() {
	nolistd_conf nolistd default
	if postfix_up pool mta.poolmail.test; then
		ndef=$(postfix_deferrals pool)
		pool postfix 198.51.100.41 198.51.100.42 &&
		    [ "$(postfix_deferrals pool)" -ne "$ndef" ] &&
		    FAIL "pool-postfix: delivered only after a deferral"
	else
		FAIL "pool-postfix: did not start"
	fi
	if exim_up; then
		pool exim 198.51.100.43 198.51.100.44
	else
		FAIL "pool-exim: not unpacked (setup.sh)"
	fi
	if opensmtpd_up pool; then
		pool opensmtpd 198.51.100.45 198.51.100.46
	else
		FAIL "pool-opensmtpd: did not start"
	fi
	# the later scenarios' daemon counts at once again
	nolistd_conf
	daemon_down
	daemon_up || FAIL "pool: nolistd did not start again"
}

s_reload() {
	# the shipped file reloaded: the sets keep their elements
	ruleset_load || { FAIL "reload: nft -f failed"; return; }
	if in_set $P4 && in_set $P6; then
		deliver reload-keeps-set 15 postfix_send postfix $PFX \
		    user@v4.nolist.test $P4
	else
		FAIL "reload-keeps-set: the reload emptied the set"
	fi
	# as Debian's nftables.conf does: flush ruleset, then load; the
	# message is sent at once, nolistd must refill the set
	in_ns mx nft flush ruleset
	ruleset_load || { FAIL "reload-flush: nft -f failed"; return; }
	t0=$(now)
	if wait_for 10 in_set 198.51.100.20; then
		PASS "reload-heal: exim's entry back $(echo "$(now) $t0" |
		    awk '{ printf "%.2f", $1 - $2 }') s after the reload"
	else
		FAIL "reload-heal: 198.51.100.20 not restored within 10 s"
	fi
	deliver reload-flush-ruleset 15 postfix_send postfix $PFX \
	    user@nolist.test $P4 $P6
}

# the daemon's DNS (nsd and the MX host's resolver) is down: whitelisting
# is IP-only and mail still flows. The senders' resolver has the MX
# records cached.
s_dns_down() {
	nfail=$(dns_failures)
	stop nsd
	stop unbound-mx
	postfix_bind postfix 198.51.100.11
	deliver dns-down 15 postfix_send postfix $PFX user@v4.nolist.test \
	    198.51.100.11
	# the daemon's lookups for 198.51.100.11 must fail, not hang:
	# its resolver gives up after 3 tries of 2 s
	if wait_for 4 dns_failed_since "$nfail"; then
		PASS "dns-down-noticed: DNS failures $nfail -> $(dns_failures)"
	else
		FAIL "dns-down-noticed: DNS failures still $(dns_failures)"
	fi
	bg nsd dns nsd -d -c "$E2E_TMP/nsd.conf"
	bg unbound-mx dns unbound -d -c "$E2E_TMP/unbound-mx.conf"
	wait_for 10 udp_listening dns 192.0.2.55:53
}

# dns_failures: the daemon's count, from the stats it logs on SIGUSR1
dns_failures() {
	kill -USR1 "$(cat "$E2E_TMP/nolistd.pid")"
	sleep 0.2
	grep "stats:" "$E2E_TMP/nolistd.log" | tail -1 |
	    sed -n 's/.* \([0-9]*\) DNS failures.*/\1/p'
}

dns_failed_since() {
	[ "$(dns_failures)" -gt "$1" ]
}

s_restart() {
	daemon_down
	daemon_up || { FAIL "restart: nolistd did not start"; return 1; }
	sleep 1
	if in_set $P4 && in_set $P6 && in_set 198.51.100.20; then
		PASS "restart-keeps-set: the set intact after a restart"
	else
		FAIL "restart-keeps-set: entries lost (waits on the state file)"
	fi
	# the daemon's own whitelist, read back from its state file
	if [ ! -S "$E2E_TMP/nolistd.sock" ]; then
		SKIP "restart-keeps-whitelist: no control socket (waits on it)"
	elif in_ns mx "$E2E_NOLISTCTL" -s "$E2E_TMP/nolistd.sock" \
	    show whitelist > "$E2E_TMP/show" 2>&1 &&
	    grep -q "$P4" "$E2E_TMP/show" && grep -q "$P6" "$E2E_TMP/show"; then
		PASS "restart-keeps-whitelist: nolistctl lists the senders"
	else
		FAIL "restart-keeps-whitelist: $(head -3 "$E2E_TMP/show")"
	fi
	# a sender never seen starts while the daemon is down; the daemon
	# is back 2 s later, while Postfix retransmits to the real MX
	postfix_bind postfix 198.51.100.12
	daemon_down
	subj="e2e-restart-during-$$"
	t0=$(now)
	postfix_send postfix $PFX user@v4.nolist.test "$subj"
	sleep 2
	daemon_up || { FAIL "restart: nolistd did not start"; return 1; }
	wait_for 25 delivered "$subj"
	m=$(python3 "$E2E_SRC/regress/e2e/measure.py" "$E2E_TMP/records.json" \
	    "$E2E_TMP/sink.out" "$subj" "$t0" 198.51.100.12)
	case $m in
	"delivered 1"*) PASS "restart-during: $m" ;;
	*) FAIL "restart-during: not delivered within 25 s: $m" ;;
	esac
}

# the daemon stopped: a sender it never saw must not get through (the
# firewall is real); once it is back, the queued message arrives
s_stopped() {
	postfix_bind postfix 198.51.100.13
	daemon_down
	ndef=$(postfix_deferrals postfix)
	nto=$(postfix_timeouts postfix)
	# with no daemon there are no records: Postfix's log tells the drops
	refused daemon-stopped 10 postfix_send postfix $PFX \
	    user@v4.nolist.test 198.51.100.13
	[ "$(postfix_deferrals postfix)" -gt "$ndef" ] &&
	    [ "$(postfix_timeouts postfix)" -gt "$nto" ] ||
	    FAIL "daemon-stopped: Postfix did not time out on the real MX and defer"
	daemon_up || { FAIL "daemon-back: nolistd did not start"; return 1; }
	subj="e2e-daemon-stopped-$$"
	if wait_for 25 delivered "$subj"; then
		PASS "daemon-back: the deferred message arrived"
	else
		FAIL "daemon-back: the deferred message did not arrive"
	fi
}

run_scenarios() {
	s_postfix || return
	s_exim
	s_opensmtpd
	s_bot
	s_pool
	s_reload
	s_dns_down
	s_restart
	s_stopped
}
