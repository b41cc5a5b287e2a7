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
#
# The unit test programs too: NOLIST_TESTS in Makefile.bsd, the test_*
# executables of CMakeLists.txt and regress/*.cmake and the files
# regress/{unit,daemon,control}/test_*.c must name the same tests, and
# each test's test_X_SRCS the sources its add_executable() names, with
# LIBNOLIST_SRCS where it links nolist.
#
#        bsd-sources.sh -T [SRCDIR]     print the test programs' C files
set -eu

LISTS="LIBNOLIST_SRCS NOLISTD_SRCS NOLISTD_BSD_SRCS NOLISTCTL_SRCS"

usage() {
	echo "usage: $0 [-l | -T | -t] [-c CMakeLists.txt] [-m Makefile.bsd]" \
	    "[SRCDIR]" >&2
	exit 2
}

mode=check cmk='' mkf=''
while getopts c:m:lTt opt; do
	case $opt in
	c) cmk=$OPTARG ;;
	m) mkf=$OPTARG ;;
	l) mode=list ;;
	T) mode=listtests ;;
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

# cmake_tests CMAKELISTS: "test_X FILE" for each source of each test_*
# executable in CMAKELISTS and the regress/*.cmake beside it, and
# "test_X @nolist" where it links nolist. Commands are joined across
# lines; foreach() over a list is unrolled; ${VAR} is every word any
# set(VAR ...) gave it (the "until X is in LIBNOLIST_SRCS" lists, whose
# files come with nolist anyway).
cmake_tests() {
	awk '
	function words(s, w,   n, i, k, v, j, m, x) {
		n = split(s, x, /[ \t]+/)
		k = 0
		for (i = 1; i <= n; i++) {
			if (x[i] == "")
				continue
			sub(/^\$\{CMAKE_SOURCE_DIR\}\//, "", x[i])
			if (x[i] ~ /^\$\{[A-Za-z_0-9]+\}$/) {
				v = substr(x[i], 3, length(x[i]) - 3)
				m = split(sets[v], y, " ")
				for (j = 1; j <= m; j++)
					w[++k] = y[j]
			} else
				w[++k] = x[i]
		}
		return k
	}
	function statement(st,   cmd, args, w, n, i, name, it, ni, k) {
		cmd = st
		sub(/[ \t]*\(.*/, "", cmd)
		sub(/^[ \t]+/, "", cmd)
		cmd = tolower(cmd)
		args = st
		sub(/^[^(]*\(/, "", args)
		sub(/\)[ \t]*$/, "", args)
		if (cmd == "set") {
			n = split(args, w, /[ \t]+/)
			name = ""
			for (i = 1; i <= n; i++) {
				if (w[i] == "")
					continue
				if (name == "")
					name = w[i]
				else
					sets[name] = sets[name] " " w[i]
			}
			if (name != "" && !(name in sets))
				sets[name] = ""
		} else if (cmd == "foreach") {
			n = words(args, w)
			loopvar = w[1]
			loopn = 0
			for (i = 2; i <= n; i++)
				loop[++loopn] = w[i]
			inloop = 1
		} else if (cmd == "endforeach") {
			inloop = 0
		} else if (cmd == "add_executable" ||
		    cmd == "target_link_libraries") {
			ni = inloop && index(args, "${" loopvar "}") ? loopn : 1
			for (it = 1; it <= ni; it++) {
				a = args
				if (ni > 1 || inloop)
					gsub("\\$\\{" loopvar "\\}", loop[it], a)
				n = words(a, w)
				if (w[1] !~ /^test_/)
					continue
				for (k = 2; k <= n; k++)
					if (cmd == "add_executable")
						print w[1], w[k]
					else if (w[k] == "nolist")
						print w[1], "@nolist"
			}
		}
	}
	{
		line = $0
		sub(/#.*/, "", line)
		st = st " " line
		depth += gsub(/\(/, "(", line) - gsub(/\)/, ")", line)
		if (depth <= 0) {
			if (st ~ /\(/)
				statement(st)
			st = ""
			depth = 0
		}
	}' "$1" $(ls "$(dirname "$1")"/regress/*.cmake 2>/dev/null)
}

# test_files SRCDIR: the test programs regress/Makefile runs, by name
test_files() {
	(cd "$1/regress" && ls unit/test_*.c daemon/test_*.c \
	    control/test_*.c 2>/dev/null) | sed -e 's,.*/,,' -e 's,\.c$,,' | sort
}

# check_tests CMAKELISTS MAKEFILE SRCDIR TMP: the test programs agree
check_tests() {
	c=$1 m=$2 d=$3 t=$4 tstatus=0
	cmake_tests "$c" > "$t/ctests"
	cut -d ' ' -f 1 "$t/ctests" | sort -u > "$t/cnames"
	make_list "$m" NOLIST_TESTS | sort > "$t/mnames"
	test_files "$d" > "$t/fnames"
	for l in "CMake:cnames" "Makefile.bsd NOLIST_TESTS:mnames"; do
		if ! diff -u -L "regress/*/test_*.c" -L "${l%:*}" \
		    "$t/fnames" "$t/${l#*:}" > "$t/diff"; then
			echo "the test programs differ:" >&2
			cat "$t/diff" >&2
			tstatus=1
		fi
	done
	while read -r p; do
		awk -v p="$p" '$1 == p { print $2 }' "$t/ctests" |
		    while read -r f; do
			if [ "$f" = @nolist ]; then
				cmake_list "$c" LIBNOLIST_SRCS
			else
				printf '%s\n' "$f"
			fi
		done | sort -u > "$t/cmake"
		make_list "$m" "${p}_SRCS" | sort -u > "$t/make"
		if ! diff -u -L "CMakeLists.txt $p" -L "Makefile.bsd ${p}_SRCS" \
		    "$t/cmake" "$t/make" > "$t/diff"; then
			echo "${p}_SRCS differs:" >&2
			cat "$t/diff" >&2
			tstatus=1
		fi
		command -v bmake >/dev/null 2>&1 || continue
		sed 's,.*/,,' "$t/make" | sort > "$t/bare"
		(cd "$d" && bmake -f "$m" NOLIST_PROG="$p" -V '${SRCS}') \
		    2>&1 | tr ' ' '\n' | sed '/^$/d' | sort > "$t/bm"
		if ! cmp -s "$t/bare" "$t/bm"; then
			echo "bmake's SRCS for $p are not ${p}_SRCS:" >&2
			diff "$t/bare" "$t/bm" >&2
			tstatus=1
		fi
	done < "$t/mnames"
	return $tstatus
}

# test_srcs MAKEFILE: the C files of the test programs in Makefile.bsd
test_srcs() {
	make_list "$1" NOLIST_TESTS | while read -r p; do
		make_list "$1" "${p}_SRCS"
	done | sort -u
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
	for s in '${NOLISTD_ALL_SRCS:T}' '${NOLISTCTL_ALL_SRCS:T}' \
	    '${${NOLIST_TEST}_SRCS:T}'; do
		if ! make_words "$m" SRCS | grep -qxF "$s"; then
			echo "$m: no SRCS= $s" >&2
			status=1
		fi
	done
	if make_words "$m" SRCS | grep -vqxF -e '${NOLISTD_ALL_SRCS:T}' \
	    -e '${NOLISTCTL_ALL_SRCS:T}' -e '${${NOLIST_TEST}_SRCS:T}'; then
		echo "$m: SRCS names more than the three lists" >&2
		status=1
	fi
	check_tests "$c" "$m" "$d" "$tmp" || status=1

	# bare names on .PATH: unique, and every directory listed
	{ all_files "$c"; test_srcs "$m"; } | sort -u > "$tmp/files"
	sed 's,.*/,,' "$tmp/files" | sort | uniq -d > "$tmp/dups"
	if [ -s "$tmp/dups" ]; then
		echo "file names used twice (SRCS are bare names):" \
		    $(cat "$tmp/dups") >&2
		status=1
	fi
	pathline=$(awk '/^\.PATH:/ { p = 1 } p { print; p = /\\$/ }' "$m")
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
		mkdir -p "$st/regress"
		cp "$(dirname "$cmk")"/regress/*.cmake "$st/regress/"
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
	# the test programs: a source gained or lost on either side
	reset
	edit "$st/Makefile.bsd" 's,^\(test_msg_SRCS=[ \t]*\),\1daemon/log.c ,'
	expect_fail "test_msg_SRCS gains daemon/log.c"
	reset
	edit "$st/Makefile.bsd" 's,^\(test_state_SRCS=[ \t]*\)[^ \t]*,\1,'
	expect_fail "test_state_SRCS loses its test_state.c"
	reset
	edit "$st/regress/daemon.cmake" \
	    's,^target_link_libraries(test_state nolist),,'
	expect_fail "CMake's test_state no longer links nolist"
	# a test file that neither builds
	reset
	edit "$st/Makefile.bsd" '/^NOLIST_TESTS=/,/[^\\]$/s/\([ \t]\)test_grace /\1/'
	expect_fail "NOLIST_TESTS loses test_grace"
	edit "$st/regress/daemon.cmake" '/test_grace/d'
	expect_fail "test_grace.c built by neither"
	[ $fails -eq 0 ]
}

case $mode in
list)
	all_files "$cmk"
	;;
listtests)
	test_srcs "$mkf"
	;;
selftest)
	selftest
	;;
check)
	if check "$cmk" "$mkf" "$srcdir"; then
		echo "Makefile.bsd and CMakeLists.txt name the same" \
		    "$(all_files "$cmk" | wc -l | tr -d ' ') BSD sources" \
		    "and $(make_list "$mkf" NOLIST_TESTS | wc -l |
		    tr -d ' ') test programs"
	else
		echo "Makefile.bsd and CMakeLists.txt disagree" >&2
		exit 1
	fi
	;;
esac
