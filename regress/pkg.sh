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

# Debian packages for the build and the tests, sourced by regress/deps.sh
# and regress/e2e/setup.sh. apt's output goes to a log that is shown only
# when apt fails. The servers among the packages are for the tests, which
# start their own instances: none may start now or at the next boot.

# the directories where packages enable services at boot
pkg_bootdirs="/etc/systemd/system /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d"

pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

# pkg_missing PKG...: prints those not installed
pkg_missing() {
	for p; do
		pkg_installed "$p" || printf ' %s' "$p"
	done
}

# pkg_apt ARG...: apt-get ARG..., its output kept unless it fails
pkg_apt() {
	pkg_log=$(mktemp /tmp/nolist-apt.XXXXXX)
	if DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$pkg_log" 2>&1; then
		rm -f "$pkg_log"
		return 0
	fi
	echo "apt-get $* failed; the end of its output ($pkg_log):" >&2
	tail -n 30 "$pkg_log" >&2
	return 1
}

# the services the packages enable at boot: systemd units wanted by a
# target or unit, and SysV start links
pkg_bootlinks() {
	for d in $pkg_bootdirs; do
		[ -d "$d" ] || continue
		find "$d" -type l \( -path '*.wants/*' -o -name 'S[0-9][0-9]*' \)
	done | sort
}

# pkg_services BEFORE AFTER: the services of the links AFTER adds, by name
# (nsd.service for systemd, nsd for SysV)
pkg_services() {
	comm -13 "$1" "$2" | sed -e 's,.*/,,' -e 's,^S[0-9][0-9],,' | sort -u
}

# pkg_disable SERVICE...: not at boot, and not running; whether it is
# still enabled is checked afterwards
pkg_disable() {
	for s; do
		case $s in
		*.service|*.socket|*.timer|*.path|*.target)
			if command -v systemctl >/dev/null; then
				systemctl disable --quiet "$s" >/dev/null 2>&1 ||
				    true
			else
				deb-systemd-helper disable "$s" >/dev/null 2>&1 ||
				    true
			fi
			# only a running systemd has something to stop
			if [ -d /run/systemd/system ] &&
			    systemctl is-active --quiet "$s"; then
				systemctl stop "$s"
			fi ;;
		*)	update-rc.d "$s" disable >/dev/null 2>&1 || true
			if [ ! -d /run/systemd/system ] &&
			    "/etc/init.d/$s" status >/dev/null 2>&1; then
				"/etc/init.d/$s" stop >/dev/null
			fi ;;
		esac
	done
}

# pkg_noservices_check BEFORE: fails if a new service still starts at boot
pkg_noservices_check() {
	pkg_bootlinks > "$1.now"
	left=$(comm -13 "$1" "$1.now")
	rm -f "$1.now"
	[ -z "$left" ] && return 0
	echo "still enabled at boot after disabling:" $left >&2
	return 1
}

# pkg_install_quiet apt-get-COMMAND ARG...: install (apt-get install or
# satisfy) with no service started, and disable at boot every service the
# packages enabled. policy-rc.d 101 keeps invoke-rc.d and
# deb-systemd-invoke from starting them; one already there is restored.
pkg_install_quiet() {
	pkg_before=$(mktemp /tmp/nolist-boot.XXXXXX)
	pkg_bootlinks > "$pkg_before"
	pkg_saved=""
	if [ -e /usr/sbin/policy-rc.d ]; then
		pkg_saved=$(mktemp /tmp/nolist-policy.XXXXXX)
		cp -p /usr/sbin/policy-rc.d "$pkg_saved"
	fi
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	pkg_rc=0
	pkg_apt "$@" -y --no-install-recommends || pkg_rc=1
	if [ -n "$pkg_saved" ]; then
		mv "$pkg_saved" /usr/sbin/policy-rc.d
	else
		rm -f /usr/sbin/policy-rc.d
	fi
	pkg_bootlinks > "$pkg_before.after"
	pkg_disable $(pkg_services "$pkg_before" "$pkg_before.after")
	rm -f "$pkg_before.after"
	pkg_noservices_check "$pkg_before" || pkg_rc=1
	rm -f "$pkg_before"
	return $pkg_rc
}
