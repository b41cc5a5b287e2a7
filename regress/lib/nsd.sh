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

# nsd for the tests, to be sourced: an authoritative server that keeps
# every file in one directory and answers as fast as it is asked.
#
#	nsd_conf DIR ADDRESS[@PORT] NAME:FILE... > DIR/nsd.conf
#
# serves zone NAME from DIR/FILE.zone for each NAME:FILE.
#
#	nsd_zone ORIGIN NSNAME < RECORDS > DIR/FILE.zone
#
# the zone's SOA and NS records, then RECORDS.
nsd_conf() {
	dir=$1 listen=$2
	shift 2
	cat <<NSDCONF
server:
	ip-address: $listen
	do-ip6: no
	server-count: 1
	username: ""
	chroot: ""
	zonesdir: "$dir"
	database: ""
	zonelistfile: "$dir/zone.list"
	xfrdfile: "$dir/xfrd.state"
	xfrdir: "$dir"
	pidfile: "$dir/nsd.pid"
	logfile: "$dir/nsd.log"
	verbosity: 1
	# tests ask faster than response rate limiting allows
	rrl-ratelimit: 0
remote-control:
	control-enable: no
NSDCONF
	for z in "$@"; do
		printf 'zone:\n\tname: "%s"\n\tzonefile: "%s.zone"\n' \
		    "${z%%:*}" "${z#*:}"
	done
}

nsd_zone() {
	printf '$ORIGIN %s\n@ 3600 IN SOA %s hostmaster.%s 1 3600 600 86400 30\n' \
	    "$1" "$2" "$1"
	printf '@ NS %s\n' "$2"
	cat
}
