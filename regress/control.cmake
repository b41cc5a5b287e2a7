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

# The control socket: the protocol's unit tests, the stats file, and
# control_new served by a test driver over a real tracker, driven by
# nolistctl and by raw clients (regress/control/control-test.py).

add_executable(test_ctlproto regress/unit/test_ctlproto.c)
target_include_directories(test_ctlproto PRIVATE regress/unit lib)
target_link_libraries(test_ctlproto nolist)
add_test(NAME unit_ctlproto COMMAND test_ctlproto)

add_executable(test_statsfile regress/control/test_statsfile.c
	daemon/statsfile.c)
target_include_directories(test_statsfile PRIVATE regress/unit daemon lib)
target_link_libraries(test_statsfile nolist)
add_test(NAME unit_statsfile COMMAND test_statsfile)

add_executable(control-driver regress/control/control-driver.c
	daemon/control.c daemon/statsfile.c daemon/log.c daemon/monotime.c)
target_include_directories(control-driver PRIVATE daemon lib)
target_link_libraries(control-driver nolist PkgConfig::EVENT)

find_program(CONTROL_PYTHON NAMES python3)
add_test(NAME control
	COMMAND ${CONTROL_PYTHON} ${CMAKE_SOURCE_DIR}/regress/control/control-test.py
		$<TARGET_FILE:control-driver> $<TARGET_FILE:nolistctl>)
set_tests_properties(control PROPERTIES TIMEOUT 180)

# libFuzzer on the protocol, in the clang ASan+UBSan build only, run
# like the targets of regress/fuzz.cmake
if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND NOLIST_SANITIZE AND
    EXISTS ${CMAKE_SOURCE_DIR}/regress/fuzz/run-fuzz.sh)
	add_executable(fuzz_ctlproto regress/control/fuzz_ctlproto.c)
	target_include_directories(fuzz_ctlproto PRIVATE lib)
	target_compile_options(fuzz_ctlproto PRIVATE -fsanitize=fuzzer)
	target_link_options(fuzz_ctlproto PRIVATE -fsanitize=fuzzer)
	# the library built with coverage, for the fuzzer to steer by
	target_link_libraries(fuzz_ctlproto nolist_fuzz)
	add_test(NAME fuzz_ctlproto
		COMMAND sh ${CMAKE_SOURCE_DIR}/regress/fuzz/run-fuzz.sh
			$<TARGET_FILE:fuzz_ctlproto>
			${CMAKE_SOURCE_DIR}/regress/control ctlproto 10)
	set_tests_properties(fuzz_ctlproto PROPERTIES TIMEOUT 120)
endif()
