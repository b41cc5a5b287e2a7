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
