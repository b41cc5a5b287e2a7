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

# The log parsers against tcpdump: every capture in the shared folder and
# in regress/captures, record by record. Without the shared captures the
# test says SKIPPED (exit 77) after comparing the ones shipped here.
find_program(NOLIST_TCPDUMP tcpdump PATHS /usr/sbin /usr/local/sbin)
find_package(Python3 COMPONENTS Interpreter)
if(NOLIST_TCPDUMP AND Python3_Interpreter_FOUND)
	add_test(NAME parsers_tcpdump
		COMMAND ${Python3_EXECUTABLE}
			${CMAKE_SOURCE_DIR}/regress/tcpdump-compare.py
			$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR}/../shared
			${CMAKE_SOURCE_DIR}/regress/captures)
	set_tests_properties(parsers_tcpdump PROPERTIES SKIP_RETURN_CODE 77)
else()
	message(STATUS "tcpdump or python3 missing: parsers_tcpdump not run")
endif()
