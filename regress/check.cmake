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

# nolistctl check: unit tests of lib/checkrules.c, and the whole check,
# as "nolistctl check", against nsd and SMTP hosts in a network namespace
# of its own.
add_executable(test_checkrules regress/unit/test_checkrules.c)
target_include_directories(test_checkrules PRIVATE regress/unit lib)
target_link_libraries(test_checkrules nolist)
add_test(NAME unit_checkrules COMMAND test_checkrules)

add_test(NAME check
	COMMAND bash ${CMAKE_SOURCE_DIR}/regress/check/check-test.sh
		$<TARGET_FILE:nolistctl>)
set_tests_properties(check PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
