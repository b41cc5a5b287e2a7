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

# A Postfix instance of its own in a sender's namespace, for e2e-test.sh
# to source: its own config, queue and log under $E2E_TMP/postfix-ROLE,
# no listener, chroot off, mail sent by MX lookup through the namespace's
# resolver.

postfix_up() {
	role=$1 host=$2
	d=$E2E_TMP/postfix-$role
	mkdir -p "$d/conf" "$d/spool" "$d/data"
	chown postfix "$d/data"
	cat > "$d/conf/main.cf" <<EOT
compatibility_level = 3.6
queue_directory = $d/spool
data_directory = $d/data
myhostname = $host
mydomain = ${host#*.}
myorigin = \$mydomain
mydestination =
inet_interfaces = loopback-only
inet_protocols = all
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_transport = error:no local mail
smtp_tls_security_level = none
smtputf8_enable = no
biff = no
maillog_file = $d/maillog
maillog_file_prefixes = $E2E_TMP
smtp_connect_timeout = 6s
minimal_backoff_time = 4s
maximal_backoff_time = 8s
queue_run_delay = 4s
bounce_queue_lifetime = 0
maximal_queue_lifetime = 1h
EOT
	cat > "$d/conf/master.cf" <<'EOT'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOT
	in_ns "$role" postfix -c "$d/conf" start
}

postfix_down() {
	d=$E2E_TMP/postfix-$1
	[ -f "$d/conf/main.cf" ] || return 0
	in_ns "$1" postfix -c "$d/conf" abort 2>/dev/null
}

# postfix_send ROLE FROM TO SUBJECT: submit one message
postfix_send() {
	printf 'From: <%s>\nTo: <%s>\nSubject: %s\n\n%s\n' "$2" "$3" "$4" \
	    "end-to-end test message" |
	    in_ns "$1" sendmail -C "$E2E_TMP/postfix-$1/conf" -f "$2" "$3"
}

postfix_flush() {
	in_ns "$1" postqueue -c "$E2E_TMP/postfix-$1/conf" -f
}

# postfix_bind ROLE ADDR: send from ADDR from now on
postfix_bind() {
	in_ns "$1" postconf -c "$E2E_TMP/postfix-$1/conf" \
	    -e "smtp_bind_address = $2" &&
	    in_ns "$1" postfix -c "$E2E_TMP/postfix-$1/conf" reload 2>/dev/null
}

# postfix_deferrals ROLE: how many deferrals its log shows so far
postfix_deferrals() {
	cat "$E2E_TMP/postfix-$1/maillog" 2>/dev/null | grep -c "status=deferred"
}

# postfix_timeouts ROLE: connections to the real MX that timed out
postfix_timeouts() {
	cat "$E2E_TMP/postfix-$1/maillog" 2>/dev/null |
	    grep -c "connect to mx4.nolist.test.*Connection timed out"
}
