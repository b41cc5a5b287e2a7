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

# MTAs that conflict with the installed Postfix, unpacked under
# $mta_top/NAME with apt-get download and dpkg -x, and what they need to
# run installed from their own Depends. Sourced by setup.sh after
# regress/pkg.sh. A tree is complete when NAME/.depends exists.
mta_top=/opt/nolist-mta

# mta_depends DEB: its Pre-Depends and Depends, one group a line
mta_depends() {
	for f in Pre-Depends Depends; do
		dpkg-deb -f "$1" "$f"
	done | tr ',' '\n' | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
	    -e '/^$/d'
}

# mta_unpack NAME: the candidate version of package NAME under its tree
mta_unpack() {
	dl=$(mktemp -d)
	chown _apt "$dl" 2>/dev/null || true	# apt downloads as _apt
	(cd "$dl" && pkg_apt download "$1") || { rm -rf "$dl"; return 1; }
	rm -rf "${mta_top:?}/$1"
	mkdir -p "$mta_top/$1"
	dpkg -x "$dl"/*.deb "$mta_top/$1" &&
	    mta_depends "$dl"/*.deb > "$mta_top/$1/.depends.new" &&
	    mv "$mta_top/$1/.depends.new" "$mta_top/$1/.depends"
	rc=$?
	rm -rf "$dl"
	return $rc
}

# mta_fits DEP: apt satisfies DEP (version, alternatives, virtual
# packages) without removing anything
mta_fits() {
	sim=$(apt-get -s satisfy --no-install-recommends "$1" \
	    </dev/null 2>&1) || return 1
	! printf '%s\n' "$sim" | grep -q '^Remv '
}

# mta_pick GROUP: GROUP if apt can satisfy it as a whole, else its first
# alternative that fits, else nothing
mta_pick() {
	if mta_fits "$1"; then
		echo "$1"
		return
	fi
	echo "$1" | tr '|' '\n' | sed 's/^ *//; s/ *$//' | while read -r alt; do
		if mta_fits "$alt"; then
			echo "$alt"
			break
		fi
	done
}

# mta_resolve: install what the unpacked packages depend on. A group that
# would remove a package is left out: exim4-base needs exim4-config,
# which conflicts with every other MTA (Postfix here); the unpacked exim4
# runs with the test's own configuration and needs neither. ldd checks
# afterwards that no library is missing.
mta_resolve() {
	deps=$(mktemp /tmp/nolist-deps.XXXXXX)
	cat "$mta_top"/*/.depends | sort -u > "$deps"
	want=""
	while read -r dep; do
		got=$(mta_pick "$dep")
		if [ -n "$got" ]; then
			want="$want${want:+, }$got"
		else
			echo "setup.sh: leaving out \"$dep\": it would remove" \
			    "an installed package"
		fi
	done < "$deps"
	rm -f "$deps"
	[ -z "$want" ] && return 0
	pkg_install_quiet satisfy "$want"
}

# mta_libs_missing: "FILE: LIBRARY" for each library an unpacked
# executable needs and the loader does not find
mta_libs_missing() {
	[ -d "$mta_top" ] || return 0
	find "$mta_top" -type f -perm -u+x | while read -r f; do
		ldd "$f" 2>/dev/null |
		    sed -n "s|^[[:space:]]*\([^ ]*\) => not found.*|$f: \1|p"
	done
}
