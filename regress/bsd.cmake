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

# The BSD build, checked from here: the pf backend's bookkeeping as a unit
# test, the two build files' source lists, and a clang syntax check of
# every BSD source against OpenBSD and FreeBSD header trees.

# pf_batch.c needs no BSD header; the test compiles it in with the
# recorder and the model of pf's table that stand in for /dev/pf.
add_executable(test_pfbatch regress/unit/test_pfbatch.c
	pfctl-glue/pf_batch.c)
target_include_directories(test_pfbatch PRIVATE regress/unit lib pfctl-glue)
target_link_libraries(test_pfbatch nolist)
add_test(NAME unit_pfbatch COMMAND test_pfbatch)

add_test(NAME bsd_sources
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/bsd-sources.sh ${CMAKE_SOURCE_DIR})
# the check itself must catch a file added to or dropped from either side
add_test(NAME bsd_sources_selftest
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/bsd-sources.sh -t
		${CMAKE_SOURCE_DIR})

# Sysroots from ../shared/tools/make-bsd-sysroot.sh, in
# $NOLIST_BSD_SYSROOTS or /work/sysroots; without them the test is
# reported as skipped.
add_test(NAME bsd_syntax
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/bsd-syntax.sh)
set_tests_properties(bsd_syntax PROPERTIES SKIP_RETURN_CODE 77)
