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

# Hostile load: a million spoofed SYNs against nolistd in network
# namespaces (regress/flood/flood-test.sh). Needs root; skipped if not.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	add_executable(synflood regress/flood/synflood.c
		regress/lib/synsend.c)
	target_include_directories(synflood PRIVATE lib regress/lib)
	target_link_libraries(synflood nolist)
	add_executable(set-count regress/flood/set-count.c
		regress/lib/nftnotify.c)
	target_include_directories(set-count PRIVATE regress/lib)
	target_link_libraries(set-count PkgConfig::MNL)
	# flood_prefix: the same with "prefix 24 64" and interval sets;
	# flood_busy: with a CPU-bound loop on each CPU all along, at a rate
	# a starved sender still reaches, for as long as a million takes
	foreach(t flood flood_prefix flood_busy)
		add_test(NAME ${t}
			COMMAND sh ${CMAKE_SOURCE_DIR}/regress/flood/flood-test.sh
				$<TARGET_FILE:nolistd> $<TARGET_FILE:synflood>
				$<TARGET_FILE:set-count> $<TARGET_FILE:nolistctl>
				${CMAKE_SOURCE_DIR})
		set_tests_properties(${t} PROPERTIES SKIP_RETURN_CODE 77
			TIMEOUT 240 RUN_SERIAL TRUE)
	endforeach()
	set_tests_properties(flood_prefix PROPERTIES
		ENVIRONMENT "FLOOD_PREFIX=24 64")
	set_tests_properties(flood_busy PROPERTIES
		ENVIRONMENT "FLOOD_BUSY=cpus;FLOOD_PPS=25000;FLOOD_SECONDS=90")
	# under ASan the daemon is about three times slower: half the rate,
	# the same million sources and the same checks
	if(NOLIST_SANITIZE)
		# (and ASan's shadow and quarantine count in the RSS)
		set_tests_properties(flood PROPERTIES
			ENVIRONMENT "FLOOD_PPS=25000;FLOOD_RSS_KB=131072")
		set_tests_properties(flood_prefix PROPERTIES ENVIRONMENT
			"FLOOD_PREFIX=24 64;FLOOD_PPS=25000;FLOOD_RSS_KB=131072")
		# and beside a CPU-bound loop on each CPU, a third of that
		set_tests_properties(flood_busy PROPERTIES ENVIRONMENT
			"FLOOD_BUSY=cpus;FLOOD_PPS=8000;FLOOD_SECONDS=60;FLOOD_RSS_KB=131072")
	endif()
endif()
