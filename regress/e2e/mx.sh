# The MX host, for e2e-test.sh to source: the shipped ruleset, the sink on
# the real MX addresses, nolistd live on nflog:25 with the nft backend.
# $E2E_RULESET is the ruleset loaded (the shipped file itself, or the
# recording copy that also logs to group 26).

ruleset_load() {
	in_ns mx nft -f "$E2E_RULESET"
}

sink_up() {
	bg sink mx python3 "$E2E_SRC/regress/e2e/smtp-sink.py" \
	    192.0.2.2 2001:db8::2 192.0.2.4 2001:db8::4
	wait_for 10 tcp_listening mx 192.0.2.4:25 &&
	    wait_for 10 tcp_listening mx 192.0.2.2:25 &&
	    wait_for 10 tcp_listening mx "[2001:db8::2]:25"
}

nolistd_conf() {
	mkdir -p "$E2E_TMP/empty"
	cat > "$E2E_TMP/nolistd.conf" <<EOT
interface nflog:25
fake-mx 192.0.2.1 2001:db8::1
real-mx 192.0.2.2 2001:db8::2
port 25
backend nft
table "inet nolistd mx_white"
whitelist-time 1h
expand pool
resolver 192.0.2.55
state-file "$E2E_TMP/nolistd.state"
control-socket "$E2E_TMP/nolistd.sock"
# the test makes no system user of its own
user nobody
chroot "$E2E_TMP/empty"
pidfile "$E2E_TMP/nolistd.pid"
# the scenarios start right after the daemon: the pool sender's blocked
# SYNs must count at once
grace-period 1s
EOT
}

# daemon_up: start nolistd; its -e records accumulate in records.json
# across restarts, its log in nolistd.log
daemon_up() {
	: >> "$E2E_TMP/nolistd.log"
	start=$(wc -l < "$E2E_TMP/nolistd.log")
	ip netns exec "$(ns_name mx)" "$E2E_NOLISTD" -d -e -t nft \
	    -f "$E2E_TMP/nolistd.conf" \
	    >> "$E2E_TMP/records.json" 2>> "$E2E_TMP/nolistd.log" &
	echo $! > "$E2E_TMP/nolistd.pid"
	E2E_PIDS="$E2E_PIDS $!"
	wait_for 10 daemon_listening "$start"
}

daemon_listening() {
	tail -n +"$(($1 + 1))" "$E2E_TMP/nolistd.log" | grep -q "listening on"
}

daemon_down() {
	stop nolistd
}

# in_set ADDR: ADDR is in the whitelist set
in_set() {
	s=mx_white4
	case $1 in *:*) s=mx_white6 ;; esac
	in_ns mx nft list set inet nolistd "$s" | grep -q "[ {]$1[ ,}]"
}

sets_flush() {
	in_ns mx nft flush set inet nolistd mx_white4
	in_ns mx nft flush set inet nolistd mx_white6
}
