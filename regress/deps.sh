#!/bin/sh
# Installs what the build and the tests need on Debian 12 (root), and only
# what is missing, so a second run costs nothing.
set -eu

PKGS="build-essential clang cmake pkg-config libclang-rt-14-dev
libpcap-dev libevent-dev libldns-dev libnftnl-dev libmnl-dev libpsl-dev
libcap-ng-dev tcpdump nftables iproute2 mandoc python3 nsd unbound
ldnsutils libssl-dev"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: missing packages:$missing (run as root)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# the servers are only for the tests, which start their own
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	apt-get install -y -qq --no-install-recommends $missing
	rm -f /usr/sbin/policy-rc.d
fi
# the end-to-end test's MTAs (Postfix installed, Exim and OpenSMTPD
# unpacked beside it): a no-op once done, and only where root can do it
if [ "$(id -u)" -eq 0 ]; then
	sh "$(dirname "$0")/e2e/setup.sh"
fi
