#!/bin/sh
# bsd-sources.sh -- check that Makefile.bsd and CMakeLists.txt name the same
# sources for the BSD build, so that the two cannot drift apart.
#
# usage: bsd-sources.sh [-c CMakeLists.txt] [-m Makefile.bsd] [SRCDIR]
#        bsd-sources.sh -l [SRCDIR]     print the BSD build's C files
#        bsd-sources.sh -t [SRCDIR]     self-test: prove that drift fails
#
# Compared, list by list: LIBNOLIST_SRCS, NOLISTD_SRCS, NOLISTD_BSD_SRCS,
# NOLISTCTL_SRCS. Also checked in Makefile.bsd: each program's SRCS is made
# of the right lists, the files exist, their bare names are unique and
# their directories are on .PATH (bsd.prog.mk wants bare names). Where
# bmake is installed, it evaluates each program's SRCS as well.
set -eu

LISTS="LIBNOLIST_SRCS NOLISTD_SRCS NOLISTD_BSD_SRCS NOLISTCTL_SRCS"

usage() {
	echo "usage: $0 [-l | -t] [-c CMakeLists.txt] [-m Makefile.bsd]" \
	    "[SRCDIR]" >&2
	exit 2
}

mode=check cmk='' mkf=''
while getopts c:m:lt opt; do
	case $opt in
	c) cmk=$OPTARG ;;
	m) mkf=$OPTARG ;;
	l) mode=list ;;
	t) mode=selftest ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
srcdir=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cmk=${cmk:-$srcdir/CMakeLists.txt}
mkf=${mkf:-$srcdir/Makefile.bsd}

# cmake_list FILE VAR: the words of "set(VAR ...)", one a line
cmake_list() {
	awk -v var="$2" '
	function take(s,   n, w, i) {
		sub(/#.*/, "", s)
		n = split(s, w, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			if (w[i] == "")
				continue
			if (w[i] ~ /\)$/) {
				sub(/\)$/, "", w[i])
				if (w[i] != "")
					print w[i]
				return 1
			}
			print w[i]
		}
		return 0
	}
	!inset && $0 ~ "^[ \t]*set\\([ \t]*" var "([ \t)]|$)" {
		line = $0
		sub("^[ \t]*set\\([ \t]*" var, "", line)
		inset = 1
		if (take(line))
			inset = 0
		next
	}
	inset {
		if (take($0))
			inset = 0
	}' "$1"
}

# make_words FILE VAR: the words assigned to VAR (=, +=, ?=, :=), with
# continuation lines joined; references are left as they are
make_words() {
	awk -v var="$2" '
	{
		line = $0
		while (line ~ /\\$/) {
			sub(/\\$/, " ", line)
			if ((getline nxt) <= 0)
				break
			line = line nxt
		}
		if (line !~ /^[A-Za-z_][A-Za-z_0-9]*[ \t]*[+?:]?=/)
			next
		name = line
		sub(/[ \t]*[+?:]?=.*/, "", name)
		if (name != var)
			next
		sub(/^[^=]*=/, "", line)
		sub(/#.*/, "", line)
		n = split(line, w, /[ \t]+/)
		for (i = 1; i <= n; i++)
			if (w[i] != "")
				print w[i]
	}' "$1"
}

# make_list FILE VAR: the words of VAR with ${LIST} references expanded
make_list() {
	make_words "$1" "$2" | while read -r w; do
		case $w in
		'${'*'}')
			ref=${w#??}
			ref=${ref%?}
			make_list "$1" "$ref"
			;;
		*)
			printf '%s\n' "$w"
			;;
		esac
	done
}

all_files() { # CMAKELISTS: the C files of the BSD build
	for l in $LISTS; do
		cmake_list "$1" "$l"
	done | sort -u
}

# check CMAKELISTS MAKEFILE SRCDIR: 0 when they agree, else 1 with diffs
check() {
	c=$1 m=$2 d=$3 status=0
	tmp=$(mktemp -d)
	for l in $LISTS; do
		cmake_list "$c" "$l" | sort > "$tmp/cmake"
		make_list "$m" "$l" | sort > "$tmp/make"
		if [ ! -s "$tmp/cmake" ]; then
			echo "$c: no set($l ...)" >&2
			status=1
		fi
		if ! diff -u -L "CMakeLists.txt $l" \
		    -L "Makefile.bsd $l" "$tmp/cmake" "$tmp/make" \
		    > "$tmp/diff"; then
			echo "$l differs:" >&2
			cat "$tmp/diff" >&2
			status=1
		fi
	done
	if grep -Eq "list\([ \t]*APPEND[ \t]+($(echo $LISTS | tr ' ' '|'))" \
	    "$c"; then
		echo "$c: list(APPEND) to a source list; edit its set()" >&2
		status=1
	fi

	# each program's sources, as bsd.prog.mk will see them
	for p in "NOLISTD_ALL_SRCS LIBNOLIST_SRCS NOLISTD_SRCS NOLISTD_BSD_SRCS" \
	    "NOLISTCTL_ALL_SRCS LIBNOLIST_SRCS NOLISTCTL_SRCS"; do
		set -- $p
		all=$1
		shift
		for l in "$@"; do cmake_list "$c" "$l"; done | sort > "$tmp/cmake"
		# lib/compat: each build picks the shims its system needs
		make_list "$m" "$all" | grep -v '^lib/compat/' | sort \
		    > "$tmp/make"
		if ! diff -u -L "CMakeLists.txt $*" -L "Makefile.bsd $all" \
		    "$tmp/cmake" "$tmp/make" > "$tmp/diff"; then
			echo "$all is not $*:" >&2
			cat "$tmp/diff" >&2
			status=1
		fi
	done
	for s in '${NOLISTD_ALL_SRCS:T}' '${NOLISTCTL_ALL_SRCS:T}'; do
		if ! make_words "$m" SRCS | grep -qxF "$s"; then
			echo "$m: no SRCS= $s" >&2
			status=1
		fi
	done
	if make_words "$m" SRCS | grep -vqxF -e '${NOLISTD_ALL_SRCS:T}' \
	    -e '${NOLISTCTL_ALL_SRCS:T}'; then
		echo "$m: SRCS names more than the two lists" >&2
		status=1
	fi

	# bare names on .PATH: unique, and every directory listed
	all_files "$c" > "$tmp/files"
	sed 's,.*/,,' "$tmp/files" | sort | uniq -d > "$tmp/dups"
	if [ -s "$tmp/dups" ]; then
		echo "file names used twice (SRCS are bare names):" \
		    $(cat "$tmp/dups") >&2
		status=1
	fi
	pathline=$(awk '/^\.PATH:/ { p = 1 } p { print; if ($0 !~ /\\$/) exit }' \
	    "$m")
	while read -r f; do
		[ -f "$d/$f" ] || { echo "$f: listed but missing" >&2; status=1; }
		case $f in */*) dir=${f%/*} ;; *) dir=. ;; esac
		case $pathline in
		*"{.CURDIR}/$dir "*|*"{.CURDIR}/$dir"|*"{.CURDIR}/$dir	"*|\
		*"{.CURDIR}/$dir\\"*) ;;
		*) echo "$m: $dir is not on .PATH" >&2; status=1 ;;
		esac
	done < "$tmp/files"

	# bmake's own reading of each program's SRCS
	if command -v bmake >/dev/null 2>&1; then
		for p in nolistd nolistctl; do
			case $p in
			nolistd) lists="LIBNOLIST_SRCS NOLISTD_SRCS NOLISTD_BSD_SRCS" ;;
			*) lists="LIBNOLIST_SRCS NOLISTCTL_SRCS" ;;
			esac
			for l in $lists; do cmake_list "$c" "$l"; done |
			    sed 's,.*/,,' | sort > "$tmp/cmake"
			if ! (cd "$d" && bmake -f "$m" NOLIST_PROG=$p \
			    -V '${SRCS}') > "$tmp/bm" 2>&1; then
				echo "bmake cannot read $m:" >&2
				cat "$tmp/bm" >&2
				status=1
				continue
			fi
			tr ' ' '\n' < "$tmp/bm" | sed '/^$/d' | while read -r f; do
				[ -f "$d/lib/compat/$f" ] || echo "$f"
			done | sort > "$tmp/make"
			if ! diff -u -L "CMakeLists.txt $p" \
			    -L "bmake SRCS of $p" "$tmp/cmake" "$tmp/make" \
			    > "$tmp/diff"; then
				echo "bmake's SRCS for $p differ:" >&2
				cat "$tmp/diff" >&2
				status=1
			fi
		done
	fi
	rm -rf "$tmp"
	return $status
}

# self-test: a file added to either side, or dropped from one, must fail
selftest() {
	st=$(mktemp -d)
	trap 'rm -rf "$st"' EXIT
	fails=0
	expect_fail() { # WHAT
		if check "$st/CMakeLists.txt" "$st/Makefile.bsd" "$srcdir" \
		    >/dev/null 2>&1; then
			echo "FAIL: not caught: $1"
			fails=$((fails + 1))
		else
			echo "ok: caught: $1"
		fi
	}
	# the copies start out agreeing: Makefile.bsd's lists are written
	# from CMakeLists.txt's, so that each mutation alone must be caught
	reset() {
		cp "$cmk" "$st/CMakeLists.txt"
		awk -v lists="$LISTS" '
		BEGIN { n = split(lists, l, " "); for (i = 1; i <= n; i++) skip[l[i]] = 1 }
		cont { cont = ($0 ~ /\\$/); next }
		{
			name = $0
			sub(/[ \t]*[+?:]?=.*/, "", name)
			if ((name in skip) && $0 ~ /=/) { cont = ($0 ~ /\\$/); next }
			print
		}' "$mkf" > "$st/Makefile.body"
		for l in $LISTS; do
			printf '%s=\t%s\n' "$l" \
			    "$(cmake_list "$st/CMakeLists.txt" "$l" | tr '\n' ' ')"
		done > "$st/Makefile.bsd"
		cat "$st/Makefile.body" >> "$st/Makefile.bsd"
	}
	reset
	if check "$st/CMakeLists.txt" "$st/Makefile.bsd" "$srcdir" \
	    >/dev/null 2>&1; then
		echo "ok: copies agree"
	else
		echo "FAIL: copies made to agree do not pass:"
		check "$st/CMakeLists.txt" "$st/Makefile.bsd" "$srcdir" || true
		fails=$((fails + 1))
	fi
	edit() { # FILE SED-SCRIPT
		sed "$2" "$1" > "$1.new" && mv "$1.new" "$1"
	}
	# a file gains a list: one that exists, has a bare name of its own
	# and a directory on .PATH, so that only the comparison can catch it
	extra=pfctl-glue/nft.c
	# CMake gains a file
	reset
	edit "$st/CMakeLists.txt" \
	    "s,^\\([ \t]*set([ \t]*LIBNOLIST_SRCS\\),\1 $extra,"
	expect_fail "CMakeLists.txt adds $extra"
	# Makefile.bsd gains a file
	reset
	edit "$st/Makefile.bsd" "s,^\\(NOLISTCTL_SRCS=[ \t]*\\),\\1$extra ,"
	expect_fail "Makefile.bsd adds $extra"
	# each side loses one
	reset
	f=$(cmake_list "$st/CMakeLists.txt" NOLISTD_BSD_SRCS | head -1)
	edit "$st/CMakeLists.txt" "\\,^[ \\t]*${f}[ \\t]*\$,d"
	expect_fail "CMakeLists.txt drops $f"
	reset
	edit "$st/Makefile.bsd" 's,^\(NOLISTD_SRCS=[ \t]*\)[^ \t]*,\1,'
	expect_fail "Makefile.bsd drops the first of NOLISTD_SRCS"
	# nolistd loses a whole list
	reset
	edit "$st/Makefile.bsd" \
	    's,^\(NOLISTD_ALL_SRCS=.*\) \${NOLISTD_BSD_SRCS},\1,'
	expect_fail "NOLISTD_ALL_SRCS loses NOLISTD_BSD_SRCS"
	[ $fails -eq 0 ]
}

case $mode in
list)
	all_files "$cmk"
	;;
selftest)
	selftest
	;;
check)
	if check "$cmk" "$mkf" "$srcdir"; then
		echo "Makefile.bsd and CMakeLists.txt name the same" \
		    "$(all_files "$cmk" | wc -l | tr -d ' ') BSD sources"
	else
		echo "Makefile.bsd and CMakeLists.txt disagree" >&2
		exit 1
	fi
	;;
esac
