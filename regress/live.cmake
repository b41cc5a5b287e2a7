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

# Live capture on NFLOG with the nft backend, in network namespaces.
# synflood (regress/flood.cmake, Linux) bursts SYNs to count lost records
set(LIVE_SYNFLOOD "")
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	set(LIVE_SYNFLOOD $<TARGET_FILE:synflood>)
endif()
add_test(NAME live_nflog
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/live/live-test.sh
		$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR} ${LIVE_SYNFLOOD})
set_tests_properties(live_nflog PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
	RUN_SERIAL TRUE)
add_test(NAME live_dns
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/live/dns-live-test.sh
		$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR}
		$<TARGET_FILE:nolistctl>)
set_tests_properties(live_dns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
	RUN_SERIAL TRUE)
add_test(NAME live_turned
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/live/turned-test.sh
		$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR}
		$<TARGET_FILE:nolistctl>)
set_tests_properties(live_turned PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
	RUN_SERIAL TRUE)
