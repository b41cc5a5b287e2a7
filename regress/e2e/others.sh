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

# Exim and OpenSMTPD senders, unpacked by setup.sh under /opt/nolist-mta
# (they conflict with the installed Postfix as Debian packages), for
# e2e-test.sh to source.

EXIM=/opt/nolist-mta/exim4-daemon-light/usr/sbin/exim4
SMTPD=/opt/nolist-mta/opensmtpd/usr/sbin/smtpd
SMTPCTL=/opt/nolist-mta/opensmtpd/usr/sbin/smtpctl

# Exim: its own spool and log, a dnslookup router, deliveries at once
exim_up() {
	d=$E2E_TMP/exim
	mkdir -p "$d/spool" "$d/log"
	cat > "$d/exim.conf" <<EOT
# unpacked, not installed: re-exec from where it is
exim_path = $EXIM
keep_environment =
primary_hostname = mta.exim.sender.test
qualify_domain = exim.sender.test
spool_directory = $d/spool
log_file_path = $d/log/%slog
pid_file_path = $d/exim.pid
exim_user = Debian-exim
exim_group = Debian-exim
trusted_users = root
never_users =
acl_smtp_rcpt = accept
# a dropped SYN is retransmitted within 6 s, or the next MX is tried
begin routers
dnslookup:
	driver = dnslookup
	transport = remote_smtp
	no_more
begin transports
remote_smtp:
	driver = smtp
	connect_timeout = 6s
	# Fast Open hands the SYN to sendto(), past connect_timeout
	hosts_try_fastopen = :
begin retry
*	*	F,1h,4s
EOT
	chown -R Debian-exim:Debian-exim "$d/spool" "$d/log"
	[ -x "$EXIM" ]
}

# exim_send ROLE FROM TO SUBJECT: deliver in the background at once
exim_send() {
	printf 'From: <%s>\nTo: <%s>\nSubject: %s\n\n%s\n' "$2" "$3" "$4" \
	    "end-to-end test message" |
	    in_ns "$1" "$EXIM" -C "$E2E_TMP/exim/exim.conf" -odb -f "$2" "$3"
}

# OpenSMTPD: its spool (/var/spool/smtpd), socket (/run/smtpd.sock) and
# chroot (/var/lib/opensmtpd/empty) are compiled in: it runs in a mount
# namespace of its own with tmpfs over those trees, so the host is left
# as it was, and two of them (the opensmtpd and pool hosts') apart.
# Submissions enter that mount namespace.
# opensmtpd_up [ROLE]: start one in ROLE, by default the opensmtpd host
opensmtpd_up() {
	ou_role=${1:-opensmtpd}
	d=$E2E_TMP/opensmtpd
	mkdir -p "$d"
	cat > "$d/smtpd.conf" <<EOT
action "out" relay helo mta.opensmtpd.sender.test
match from local for any action "out"
EOT
	[ -x "$SMTPD" ] || return 1
	bg "smtpd-$ou_role" "$ou_role" sh -c 'mount -t tmpfs e2e /var/spool &&
	    mount -t tmpfs e2e /run && mount -t tmpfs e2e /var/lib &&
	    mkdir -p /var/lib/opensmtpd/empty && exec "$0" -d -f "$1"' \
	    "$SMTPD" "$d/smtpd.conf"
	wait_for 10 opensmtpd_ns "$ou_role" test -S /run/smtpd.sock
}

# opensmtpd_ns ROLE CMD...: CMD beside ROLE's OpenSMTPD
opensmtpd_ns() {
	on_role=$1
	shift
	nsenter -t "$(cat "$E2E_TMP/smtpd-$on_role.pid")" -m -n "$@"
}

# opensmtpd_send ROLE FROM TO SUBJECT
opensmtpd_send() {
	printf 'From: <%s>\nTo: <%s>\nSubject: %s\n\n%s\n' "$2" "$3" "$4" \
	    "end-to-end test message" |
	    opensmtpd_ns "$1" "$(dirname "$SMTPCTL")/sendmail" -f "$2" "$3"
}

# bot_send ROLE FROM SERVER SUBJECT: straight to SERVER, as a bot does
bot_send() {
	in_ns "$1" swaks --server "$3" --port 25 --from "$2" \
	    --to user@nolist.test --h-Subject "$4" --timeout 4 \
	    > "$E2E_TMP/swaks.$4" 2>&1
}
