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

# The end-to-end harness, for e2e-test.sh and split-test.sh to source
# after setting E2E_NOLISTD, E2E_NOLISTCTL and E2E_SRC: the world, the
# MX host's parts and the MTAs sourced, what the tests need checked (or
# exit 77), the work directory $E2E_TMP cleaned up on exit, and the
# verdicts: deliver, baseline, refused, each printing one PASS or FAIL.
# E2E_NEED: more commands the caller needs.
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIPPED: needs root for network namespaces"
	exit 77
fi
. "$E2E_SRC/regress/e2e/world.sh"
. "$E2E_SRC/regress/e2e/mx.sh"
. "$E2E_SRC/regress/e2e/postfix.sh"
. "$E2E_SRC/regress/e2e/others.sh"
need="nsd unbound postfix swaks drill nft tcpdump $EXIM $SMTPD ${E2E_NEED:-}"
[ "${E2E_DELAY_MS:-0}" -gt 0 ] && need="$need ethtool"
for c in $need; do
	if ! command -v "$c" >/dev/null; then
		echo "SKIPPED: $c missing (sh regress/e2e/setup.sh)"
		exit 77
	fi
done
E2E_TMP=$(mktemp -d /tmp/nolist-e2e.XXXXXX)
chmod 755 "$E2E_TMP"

cleanup() {
	trap - EXIT INT TERM
	for r in postfix pool; do postfix_down "$r"; done
	world_down
	[ -n "${E2E_KEEP:-}" ] && echo "kept $E2E_TMP" || rm -rf "$E2E_TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

pass=0
fail=0
skip=0
PASS() { pass=$((pass + 1)); echo "PASS $*"; }
FAIL() { fail=$((fail + 1)); echo "FAIL $*"; }
SKIP() { skip=$((skip + 1)); echo "SKIP $*"; }
now() { date +%s.%N; }

E2E_RULESET=$E2E_SRC/share/nftables/nolistd.nft
if [ -n "${E2E_RECORD:-}" ]; then
	# the shipped rules, each log statement doubled to group 26
	sed 's/log group 25 prefix \("[^"]*"\) queue-threshold 1/& log group 26 prefix \1 queue-threshold 1/' \
	    "$E2E_RULESET" > "$E2E_TMP/record.nft"
	E2E_RULESET=$E2E_TMP/record.nft
fi

# world_dns_up: the namespaces, nsd and unbound, the MX records answered
world_dns_up() {
	world_up || return 1
	dns_up || { echo "dns did not start"; return 1; }
	wait_for 10 resolves v4.nolist.test MX "MX[[:space:]]*10 fake4" ||
	    { echo "no MX from unbound"; return 1; }
}

delivered() {
	grep -q "\"subject\": \"$1\"" "$E2E_TMP/sink.out"
}

# send_one NAME SECONDS SENDFN ROLE FROM TO SENDER...: send one message and
# wait SECONDS for it; $m tells what nolisting cost (measure.py)
send_one() {
	name=$1 secs=$2 fn=$3 role=$4 from=$5 to=$6
	shift 6
	subj="e2e-$name-$$"
	t0=$(now)
	"$fn" "$role" "$from" "$to" "$subj"
	wait_for "$secs" delivered "$subj"
	m=$(python3 "$E2E_SRC/regress/e2e/measure.py" "$E2E_TMP/records.json" \
	    "$E2E_TMP/sink.out" "$subj" "$t0" "$@")
}

# deliver NAME SECONDS SENDFN ROLE FROM TO SENDER...: send one message,
# PASS if it arrives within SECONDS (and with E2E_NODROPS set, if no SYN
# of the sender's was dropped at the real MX); prints what nolisting cost
deliver() {
	send_one "$@"
	case $m in
	*"fake_to_mail -"*) ;;
	"delivered 1 drops 0 "*) PASS "$name: $m"; return 0 ;;
	"delivered 1"*)
		if [ -z "${E2E_NODROPS:-}" ]; then
			PASS "$name: $m"; return 0
		fi
		FAIL "$name: a SYN dropped at the real MX: $m"; return 1 ;;
	esac
	case $m in
	"delivered 1"*) FAIL "$name: delivered without trying the fake MX: $m" ;;
	*) FAIL "$name: not delivered within ${secs}s: $m" ;;
	esac
	return 1
}

# baseline NAME SENDFN ROLE FROM: the same MTA to plain.test, a domain
# without nolisting: what delivery costs without it
baseline() {
	send_one "$1" 15 "$2" "$3" "$4" user@plain.test
	case $m in
	"delivered 1"*) PASS "$name: ${m#*fake_to_mail - }" ;;
	*) FAIL "$name: not delivered without nolisting: $m" ;;
	esac
}

# refused NAME SECONDS SENDFN ROLE FROM TO SENDER...: the message must
# not arrive within SECONDS
refused() {
	send_one "$@"
	case $m in
	"delivered 0"*) PASS "$name: not delivered in ${secs}s: $m" ;;
	*) FAIL "$name: delivered: $m"; return 1 ;;
	esac
}
