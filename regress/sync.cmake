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

# Sharing the whitelist through Redis (daemon/sync*.c): the pure parts
# (messages, checks, convergence, the sync statement) as a unit test, and
# two firewalls, a standby and a real redis-server in network namespaces.
add_executable(test_sync regress/unit/test_sync.c)
target_include_directories(test_sync PRIVATE regress/unit lib)
target_link_libraries(test_sync nolist)
add_test(NAME unit_sync COMMAND test_sync)
add_test(NAME sync_redis
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/sync/sync-test.sh
		$<TARGET_FILE:nolistd> $<TARGET_FILE:nolistctl>
		${CMAKE_SOURCE_DIR})
set_tests_properties(sync_redis PROPERTIES SKIP_RETURN_CODE 77
	TIMEOUT 240 RUN_SERIAL TRUE)
add_test(NAME sync_expand
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/sync/expand-test.sh
		$<TARGET_FILE:nolistd> $<TARGET_FILE:nolistctl>
		${CMAKE_SOURCE_DIR})
set_tests_properties(sync_expand PROPERTIES SKIP_RETURN_CODE 77
	TIMEOUT 120 RUN_SERIAL TRUE)
