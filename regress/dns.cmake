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

# DNS expansion: unit tests of lib/expand.c, and the resolver and the
# expander against real name servers (nsd) on loopback.
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(EVENT_DNS REQUIRED IMPORTED_TARGET libevent_core)
pkg_check_modules(LDNS_DNS REQUIRED IMPORTED_TARGET ldns)

add_executable(test_expand regress/unit/test_expand.c)
target_include_directories(test_expand PRIVATE regress/unit lib)
target_link_libraries(test_expand nolist PkgConfig::PSL)
add_test(NAME unit_expand COMMAND test_expand)

add_executable(dns-driver regress/dns/dns-driver.c daemon/resolver.c
	daemon/rescache.c daemon/resparse.c daemon/dnsexpand.c daemon/rdf.c
	daemon/pools.c daemon/spfdns.c daemon/log.c)
target_include_directories(dns-driver PRIVATE daemon lib)
target_link_libraries(dns-driver nolist PkgConfig::EVENT_DNS
	PkgConfig::LDNS_DNS PkgConfig::PSL)

find_program(NSD_PROGRAM nsd PATHS /usr/sbin /usr/local/sbin)
add_test(NAME dns
	COMMAND bash ${CMAKE_SOURCE_DIR}/regress/dns/dns-test.sh
		$<TARGET_FILE:dns-driver> ${CMAKE_SOURCE_DIR}
		$<TARGET_FILE:nolistctl>)
set_tests_properties(dns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
