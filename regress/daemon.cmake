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

# The privilege-separated daemon: unit tests of its framing and state
# file, and the whole daemon on nft in network namespaces.
add_executable(test_msg regress/daemon/test_msg.c daemon/msg.c)
target_include_directories(test_msg PRIVATE regress/unit daemon lib)
add_test(NAME daemon_msg COMMAND test_msg)
add_executable(test_state regress/daemon/test_state.c daemon/state.c)
target_include_directories(test_state PRIVATE regress/unit daemon lib)
target_link_libraries(test_state nolist)
add_test(NAME daemon_state COMMAND test_state)
add_test(NAME daemon_privsep
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/daemon/daemon-test.sh
		$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR}
		$<TARGET_FILE:nolistctl>)
set_tests_properties(daemon_privsep PROPERTIES SKIP_RETURN_CODE 77
	TIMEOUT 180 RUN_SERIAL TRUE)
# expiry on the daemon clock: the wall clock stepped under libfaketime.
# Not in the sanitized build: libfaketime, preloaded, and ASan's runtime
# both take clock_gettime at start, and the daemon never comes up.
if(NOT NOLIST_SANITIZE)
	add_test(NAME daemon_clockstep
		COMMAND sh ${CMAKE_SOURCE_DIR}/regress/daemon/clockstep-test.sh
			$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR}
			$<TARGET_FILE:nolistctl>)
	set_tests_properties(daemon_clockstep PROPERTIES
		SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)
endif()
# the capture filter, compiled by libpcap for pflog and run on frames
add_executable(test_capfilter regress/daemon/test_capfilter.c
	daemon/capfilter.c)
target_include_directories(test_capfilter PRIVATE regress/unit daemon lib)
target_link_libraries(test_capfilter nolist PkgConfig::PCAP)
add_test(NAME daemon_capfilter COMMAND test_capfilter)
add_executable(test_grace regress/daemon/test_grace.c)
target_include_directories(test_grace PRIVATE regress/unit lib)
target_link_libraries(test_grace nolist)
add_test(NAME daemon_grace COMMAND test_grace)
# the engine's seccomp filter, installed by a test program of its own
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	add_executable(sandbox-test regress/daemon/sandbox-test.c
		daemon/sandbox-linux.c)
	target_include_directories(sandbox-test PRIVATE regress/unit daemon)
	target_link_libraries(sandbox-test PkgConfig::SECCOMP)
	add_test(NAME daemon_sandbox COMMAND sandbox-test)
endif()
