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

# libFuzzer targets (regress/fuzz/), built only in the clang sanitizer
# builds. Each ctest run replays every saved crash of its target, then
# fuzzes from its corpus for a few seconds; regress/fuzz.sh runs longer.
if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND NOLIST_SANITIZE)
	set(NOLIST_FUZZ_SECONDS 10 CACHE STRING "seconds each fuzz test runs")
	# libnolist once more, with coverage for the fuzzer to steer by
	add_library(nolist_fuzz STATIC ${LIBNOLIST_SRCS}
		${LIBNOLIST_COMPAT_SRCS})
	target_include_directories(nolist_fuzz PUBLIC ${CMAKE_SOURCE_DIR}/lib)
	target_compile_options(nolist_fuzz PRIVATE -fsanitize=fuzzer-no-link)
	target_link_libraries(nolist_fuzz PUBLIC PkgConfig::PSL)

	set(NOLIST_FUZZ_TARGETS pflog nflog config tracker dns spf syncmsg state)
	foreach(t ${NOLIST_FUZZ_TARGETS})
		add_executable(fuzz_${t} regress/fuzz/fuzz_${t}.c)
		target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
		target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
		target_link_libraries(fuzz_${t} nolist_fuzz)
		add_test(NAME fuzz_${t}
			COMMAND sh ${CMAKE_SOURCE_DIR}/regress/fuzz/run-fuzz.sh
				$<TARGET_FILE:fuzz_${t}>
				${CMAKE_SOURCE_DIR}/regress/fuzz ${t}
				${NOLIST_FUZZ_SECONDS})
		set_tests_properties(fuzz_${t} PROPERTIES
			TIMEOUT 120)
	endforeach()
	# the two log formats share their target's body
	target_sources(fuzz_pflog PRIVATE regress/fuzz/fuzz_frame.c)
	target_sources(fuzz_nflog PRIVATE regress/fuzz/fuzz_frame.c)
	# the resolver and DNS expansion, also instrumented
	target_sources(fuzz_dns PRIVATE daemon/resolver.c daemon/rescache.c
		daemon/resparse.c daemon/dnsexpand.c daemon/rdf.c)
	target_include_directories(fuzz_dns PRIVATE daemon)
	# the target answers UDP in-process (fuzz_dns.c says how)
	target_link_options(fuzz_dns PRIVATE
		-Wl,--wrap=socket,--wrap=close,--wrap=sendto,--wrap=recvfrom)
	# the state file's reader
	target_sources(fuzz_state PRIVATE daemon/state.c)
	target_include_directories(fuzz_state PRIVATE daemon)
	target_link_libraries(fuzz_dns PkgConfig::EVENT PkgConfig::LDNS)
endif()

# Damaged captures through nolistd -r, in every build.
file(GLOB NOLIST_MALFORMED_CAPTURES
	${CMAKE_SOURCE_DIR}/../shared/captures/*/*.pcap
	${CMAKE_SOURCE_DIR}/regress/captures/*.pcap)
add_test(NAME malformed_captures
	COMMAND python3 ${CMAKE_SOURCE_DIR}/regress/fuzz/malformed.py
		$<TARGET_FILE:nolistd>
		${CMAKE_SOURCE_DIR}/regress/captures/nolisting.conf
		${NOLIST_MALFORMED_CAPTURES})
set_tests_properties(malformed_captures PROPERTIES TIMEOUT 600)
