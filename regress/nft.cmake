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

# The nft backend against the running kernel, inside a network namespace
# that the test creates (needs root; skipped otherwise).
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	add_executable(nft-driver regress/nft/nft-driver.c
		pfctl-glue/nft.c pfctl-glue/nft_list.c pfctl-glue/nft_range.c
		pfctl-glue/nft_sock.c)
	target_include_directories(nft-driver PRIVATE pfctl-glue)
	target_link_libraries(nft-driver nolist PkgConfig::NFTNL
		PkgConfig::MNL)
	add_test(NAME nft_backend COMMAND sh
		${CMAKE_SOURCE_DIR}/regress/nft/test-nft.sh
		$<TARGET_FILE:nft-driver>)
	set_tests_properties(nft_backend PROPERTIES SKIP_RETURN_CODE 77
		TIMEOUT 300
		ENVIRONMENT "SRCDIR=${CMAKE_SOURCE_DIR}")
endif()
