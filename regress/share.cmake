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

# What share/ ships: the manual pages are mandoc -Tlint clean, and the
# nftables ruleset loads and does nolisting in a network namespace.
# Both scripts exit 77 where their tools or root are missing.
add_test(NAME share_mandoc_lint
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/mandoc-lint.sh ${CMAKE_SOURCE_DIR})
add_test(NAME share_nft_ruleset
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/nft-ruleset.sh
	    ${CMAKE_SOURCE_DIR}/share/nftables/nolistd.nft)
set_tests_properties(share_mandoc_lint share_nft_ruleset PROPERTIES
	SKIP_RETURN_CODE 77)
set_tests_properties(share_nft_ruleset PROPERTIES TIMEOUT 60)

# The example configurations parse.  The BSD ones name the pf backend,
# which a Linux build lacks, so they are checked with -t print there.
foreach(os openbsd freebsd linux)
	add_test(NAME share_example_${os}
		COMMAND $<TARGET_FILE:nolistd> -n -t print
		    -f ${CMAKE_SOURCE_DIR}/share/examples/nolistd.conf.${os})
endforeach()
add_test(NAME share_example_native
	COMMAND $<TARGET_FILE:nolistd> -n -f
	    ${CMAKE_SOURCE_DIR}/share/examples/nolistd.conf.$<IF:$<PLATFORM_ID:Linux>,linux,$<IF:$<PLATFORM_ID:FreeBSD>,freebsd,openbsd>>)

# DEVELOPERS.md's packet path names functions that exist where it says
add_test(NAME share_devguide
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/devguide-check.sh
	    ${CMAKE_SOURCE_DIR})

# every source file carries the ISC notice of LICENSE
add_test(NAME share_license
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/license-check.sh
	    ${CMAKE_SOURCE_DIR})
