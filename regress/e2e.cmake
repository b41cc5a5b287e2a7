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

# End to end: real MTAs (Postfix, Exim, OpenSMTPD), nsd and unbound, the
# shipped nftables ruleset and nolistd live on NFLOG, in network
# namespaces (needs root and regress/e2e/setup.sh; skipped otherwise).
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	add_test(NAME e2e_mta
		COMMAND sh ${CMAKE_SOURCE_DIR}/regress/e2e/e2e-test.sh
			$<TARGET_FILE:nolistd> $<TARGET_FILE:nolistctl>
			${CMAKE_SOURCE_DIR})
	set_tests_properties(e2e_mta PROPERTIES SKIP_RETURN_CODE 77
		TIMEOUT 600 RUN_SERIAL TRUE)
	# split MX: two firewalls at two sites sharing the whitelist
	# through a real redis-server (regress/e2e/split-test.sh)
	add_test(NAME e2e_split
		COMMAND sh ${CMAKE_SOURCE_DIR}/regress/e2e/split-test.sh
			$<TARGET_FILE:nolistd> $<TARGET_FILE:nolistctl>
			${CMAKE_SOURCE_DIR})
	set_tests_properties(e2e_split PROPERTIES SKIP_RETURN_CODE 77
		TIMEOUT 600 RUN_SERIAL TRUE)
	# a sanitized daemon is about three times slower than the 10 ms
	# link it races: there, deliveries must arrive, drops only count
	if(NOLIST_SANITIZE)
		set_tests_properties(e2e_split PROPERTIES
			ENVIRONMENT "E2E_NODROPS=")
	endif()
endif()
