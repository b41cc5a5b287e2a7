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

# The MX host, for e2e-test.sh to source: the shipped ruleset, the sink on
# the real MX addresses, nolistd live on nflog:25 with the nft backend.
# $E2E_RULESET is the ruleset loaded (the shipped file itself, or the
# recording copy that also logs to group 26). With E2E_SPLIT set (see
# world.sh) there are two firewalls, each with its own nolistd, and the
# sink is at the real MX's, firewall B.

# the role that holds the real MX and the sink
real_role() {
	if [ -n "${E2E_SPLIT:-}" ]; then echo mxb; else echo mx; fi
}

# ruleset_load [ROLE]
ruleset_load() {
	in_ns "${1:-mx}" nft -f "$E2E_RULESET"
}

sink_up() {
	sink_role=$(real_role)
	bg sink "$sink_role" python3 "$E2E_SRC/regress/e2e/smtp-sink.py" \
	    192.0.2.2 2001:db8::2 192.0.2.4 2001:db8::4
	wait_for 10 tcp_listening "$sink_role" 192.0.2.4:25 &&
	    wait_for 10 tcp_listening "$sink_role" 192.0.2.2:25 &&
	    wait_for 10 tcp_listening "$sink_role" "[2001:db8::2]:25"
}

# nolistd_conf [NAME [GRACE]]: $E2E_TMP/NAME.conf, its files named NAME
# too, with grace-period GRACE (by default 1s; "default": the daemon's
# own); $E2E_NOLISTD_EXTRA is appended
nolistd_conf() {
	nc_name=${1:-nolistd}
	nc_grace="grace-period ${2:-1s}"
	[ "${2:-}" = default ] && nc_grace=
	mkdir -p "$E2E_TMP/empty"
	cat > "$E2E_TMP/$nc_name.conf" <<EOT
interface nflog:25
fake-mx 192.0.2.1 2001:db8::1
real-mx 192.0.2.2 2001:db8::2
port 25
backend nft
table "inet nolistd mx_white"
whitelist-time 1h
expand pool
resolver 192.0.2.55
state-file "$E2E_TMP/$nc_name.state"
control-socket "$E2E_TMP/$nc_name.sock"
# the test makes no system user of its own
user nobody
chroot "$E2E_TMP/empty"
pidfile "$E2E_TMP/$nc_name.pid"
# the scenarios start right after the daemon: the senders' blocked
# SYNs must count at once
$nc_grace
${E2E_NOLISTD_EXTRA:-}
EOT
}

# daemon_up [ROLE [NAME]]: start nolistd NAME in ROLE; its -e records
# accumulate in records.json across restarts, its log in NAME.log
daemon_up() {
	du_role=${1:-mx} du_name=${2:-nolistd}
	: >> "$E2E_TMP/$du_name.log"
	start=$(wc -l < "$E2E_TMP/$du_name.log")
	ip netns exec "$(ns_name "$du_role")" "$E2E_NOLISTD" -d -e -t nft \
	    -f "$E2E_TMP/$du_name.conf" \
	    >> "$E2E_TMP/records.json" 2>> "$E2E_TMP/$du_name.log" &
	echo $! > "$E2E_TMP/$du_name.pid"
	E2E_PIDS="$E2E_PIDS $!"
	wait_for 10 daemon_listening "$start" "$du_name"
}

daemon_listening() {
	tail -n +"$(($1 + 1))" "$E2E_TMP/${2:-nolistd}.log" |
	    grep -q "listening on"
}

daemon_down() {
	stop "${1:-nolistd}"
}

# in_set ADDR [ROLE]: ADDR is in the whitelist set, by default the real
# MX's
in_set() {
	s=mx_white4
	case $1 in *:*) s=mx_white6 ;; esac
	in_ns "${2:-$(real_role)}" nft list set inet nolistd "$s" |
	    grep -q "[ {]$1[ ,}]"
}

sets_flush() {
	in_ns mx nft flush set inet nolistd mx_white4
	in_ns mx nft flush set inet nolistd mx_white6
}
