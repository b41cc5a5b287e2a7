#!/bin/sh
# Installs what regress/e2e needs (packages.txt), only what is missing, so
# a second run costs nothing. MTAs that conflict with the installed one are
# unpacked under /opt/nolist-mta/NAME instead. No service is left running:
# the test starts its own instances inside its namespaces.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=/opt/nolist-mta

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

missing=""
unpack=""
while read -r how name; do
	case $how in
	install) installed "$name" || missing="$missing $name" ;;
	unpack) [ -f "$top/$name/.done" ] || unpack="$unpack $name" ;;
	esac
done < "$here/packages.txt"
users=""
for u in opensmtpd opensmtpq Debian-exim; do
	getent passwd "$u" >/dev/null || users="$users $u"
done
[ -z "$missing$unpack$users" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "setup.sh: missing:$missing$unpack$users (run as root)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
[ -n "$missing$unpack" ] && apt-get update -qq
if [ -n "$missing" ]; then
	# policy-rc.d 101: the packages' own services must not start
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	echo "postfix postfix/main_mailer_type select No configuration" |
	    debconf-set-selections
	apt-get install -y -qq --no-install-recommends $missing || {
		rm -f /usr/sbin/policy-rc.d
		exit 1
	}
	rm -f /usr/sbin/policy-rc.d
fi
for name in $unpack; do
	dl=$(mktemp -d)
	chown _apt "$dl" 2>/dev/null	# apt downloads as _apt
	(cd "$dl" && apt-get download -qq "$name")
	rm -rf "${top:?}/$name"
	mkdir -p "$top/$name"
	dpkg -x "$dl"/*.deb "$top/$name"
	rm -rf "$dl"
	touch "$top/$name/.done"
done
# the unpacked MTAs drop privileges to the users their packages make
for u in opensmtpd opensmtpq Debian-exim; do
	getent group "$u" >/dev/null || groupadd -r "$u"
	getent passwd "$u" >/dev/null || useradd -r -g "$u" \
	    -d /nonexistent -s /usr/sbin/nologin "$u"
done
# as the package's postinst does: the offline queue is group opensmtpq
ctl=$top/opensmtpd/usr/sbin/smtpctl
if [ -f "$ctl" ]; then
	chgrp opensmtpq "$ctl"
	chmod 2555 "$ctl"
fi
exit 0
