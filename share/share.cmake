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

# Installs what share/ holds: man pages, example configurations,
# firewall rulesets, service files.  Included by CMakeLists.txt.
include(GNUInstallDirs)

set(NOLIST_SHARE ${CMAKE_CURRENT_LIST_DIR})

install(FILES ${NOLIST_SHARE}/man/nolistd.conf.5
	DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${NOLIST_SHARE}/man/nolistd.8 ${NOLIST_SHARE}/man/nolistctl.8
	DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)

# hier(7) on the BSDs; the Debian policy's place on Linux
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	set(NOLIST_EXAMPLESDIR ${CMAKE_INSTALL_DOCDIR}/examples)
else()
	set(NOLIST_EXAMPLESDIR ${CMAKE_INSTALL_DATADIR}/examples/nolistd)
endif()

install(FILES
	${NOLIST_SHARE}/examples/nolistd.conf.openbsd
	${NOLIST_SHARE}/examples/nolistd.conf.freebsd
	${NOLIST_SHARE}/examples/nolistd.conf.linux
	${NOLIST_SHARE}/pf/nolistd.anchor
	${NOLIST_SHARE}/pf/pf.conf.example
	${NOLIST_SHARE}/nftables/nolistd.nft
	DESTINATION ${NOLIST_EXAMPLESDIR})
install(PROGRAMS ${NOLIST_SHARE}/rc.d/openbsd/nolistd
	DESTINATION ${NOLIST_EXAMPLESDIR}/rc.d/openbsd)
install(PROGRAMS ${NOLIST_SHARE}/rc.d/freebsd/nolistd
	DESTINATION ${NOLIST_EXAMPLESDIR}/rc.d/freebsd)

# The unit names the daemon by the default prefix; point it at the
# installed one.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
	file(READ ${NOLIST_SHARE}/systemd/nolistd.service NOLIST_UNIT)
	string(REPLACE "/usr/local/sbin/" "${CMAKE_INSTALL_PREFIX}/sbin/"
	    NOLIST_UNIT "${NOLIST_UNIT}")
	file(WRITE ${CMAKE_BINARY_DIR}/nolistd.service "${NOLIST_UNIT}")
	set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
	    ${NOLIST_SHARE}/systemd/nolistd.service)
	install(FILES ${CMAKE_BINARY_DIR}/nolistd.service
		DESTINATION lib/systemd/system)
endif()
