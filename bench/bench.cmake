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

# Benchmarks: built with everything else, never run as tests.
add_executable(wl-bench ${CMAKE_SOURCE_DIR}/bench/wl-bench.c)
target_link_libraries(wl-bench nolist)

# bench/run's helpers: a capture generator, a SYN sender, a set watcher
add_executable(capgen ${CMAKE_SOURCE_DIR}/bench/capgen.c)
target_link_libraries(capgen nolist)
# the engine's control socket's answer times (bench/dns-engine.sh)
add_executable(ctl-stall ${CMAKE_SOURCE_DIR}/bench/ctl-stall.c)
target_link_libraries(ctl-stall nolist)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	add_executable(syn-send ${CMAKE_SOURCE_DIR}/bench/syn-send.c
		${CMAKE_SOURCE_DIR}/regress/lib/synsend.c)
	target_include_directories(syn-send PRIVATE
		${CMAKE_SOURCE_DIR}/regress/lib)
	target_link_libraries(syn-send nolist)
	add_executable(set-watch ${CMAKE_SOURCE_DIR}/bench/set-watch.c
		${CMAKE_SOURCE_DIR}/regress/lib/nftnotify.c)
	target_include_directories(set-watch PRIVATE
		${CMAKE_SOURCE_DIR}/regress/lib)
	target_link_libraries(set-watch nolist PkgConfig::MNL)
endif()
