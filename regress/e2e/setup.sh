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

# Installs what regress/e2e needs (packages.txt), only what is missing, so
# a second run costs nothing. MTAs that conflict with the installed one are
# unpacked under /opt/nolist-mta/NAME instead, with what they need to run
# (unpack.sh). No service is left running or enabled at boot: the test
# starts its own instances inside its namespaces.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../pkg.sh"
. "$here/unpack.sh"

missing=""
unpack=""
while read -r how name; do
	case $how in
	install) pkg_installed "$name" || missing="$missing $name" ;;
	unpack) [ -f "$mta_top/$name/.depends" ] || unpack="$unpack $name" ;;
	esac
done < "$here/packages.txt"
users=""
for u in opensmtpd opensmtpq Debian-exim; do
	getent passwd "$u" >/dev/null || users="$users $u"
done
libs=$(mta_libs_missing)
[ -z "$missing$unpack$users$libs" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "setup.sh: missing:$missing$unpack$users${libs:+ libraries}" \
	    "(run as root)" >&2
	exit 1
fi
[ -n "$missing$unpack$libs" ] && pkg_apt update
if [ -n "$missing" ]; then
	echo "setup.sh: installing$missing"
	echo "postfix postfix/main_mailer_type select No configuration" |
	    debconf-set-selections
	pkg_install_quiet install $missing
fi
for name in $unpack; do
	echo "setup.sh: unpacking $name under $mta_top/$name"
	mta_unpack "$name"
done
if [ -n "$unpack$libs" ]; then
	echo "setup.sh: installing what the unpacked MTAs depend on"
	mta_resolve
fi
# the unpacked MTAs drop privileges to the users their packages make
for u in opensmtpd opensmtpq Debian-exim; do
	getent group "$u" >/dev/null || groupadd -r "$u"
	getent passwd "$u" >/dev/null || useradd -r -g "$u" \
	    -d /nonexistent -s /usr/sbin/nologin "$u"
done
# as the package's postinst does: the offline queue is group opensmtpq
ctl=$mta_top/opensmtpd/usr/sbin/smtpctl
if [ -f "$ctl" ]; then
	chgrp opensmtpq "$ctl"
	chmod 2555 "$ctl"
fi
libs=$(mta_libs_missing)
if [ -n "$libs" ]; then
	echo "setup.sh: FAILED: the unpacked MTAs cannot run; missing:" >&2
	echo "$libs" >&2
	exit 1
fi
exit 0
