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

# redis-server for the tests, to be sourced: nolistd's ACL user as
# nolistd.8 documents it (the group's keys and channel only, the default
# user off) and another client that may do anything, as a stranger can.
#
#	redis_conf DIR ADDRESS > DIR/redis.conf
#	redis_auth FILE [PASSWORD]	nolistd's credentials file (sync auth)
#	redis_cli NS ADDRESS ARGS...	redis-cli in NS as the other client
#	redis_wait NS ADDRESS		until the server answers, 5 s at most
REDIS_SERVER=$(command -v redis-server || true)
REDIS_CLI=$(command -v redis-cli || true)

redis_conf() {
	cat <<C
bind $2
port 6379
save ""
appendonly no
protected-mode no
dir $1
user default off
user nolist on >s3cret ~nolistd:* &nolistd:* +@all -@dangerous
user other on >other ~* &* +@all
C
}

redis_auth() {
	printf 'user nolist\npassword %s\n' "${2:-s3cret}" > "$1"
	chmod 600 "$1"
}

redis_cli() {
	rc_ns=$1 rc_addr=$2
	shift 2
	ip netns exec "$rc_ns" "$REDIS_CLI" -h "$rc_addr" --user other \
	    --pass other --no-auth-warning "$@"
}

redis_wait() {
	rw_i=0
	while ! redis_cli "$1" "$2" PING 2>/dev/null | grep -q PONG &&
	    [ $rw_i -lt 50 ]; do
		sleep 0.1; rw_i=$((rw_i + 1))
	done
	redis_cli "$1" "$2" PING 2>/dev/null | grep -q PONG
}
