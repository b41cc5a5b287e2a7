# Sharing the whitelist through Redis (daemon/sync*.c): the pure parts
# (messages, checks, convergence, the sync statement) as a unit test, and
# two firewalls, a standby and a real redis-server in network namespaces.
add_executable(test_sync regress/unit/test_sync.c)
target_include_directories(test_sync PRIVATE regress/unit lib)
target_link_libraries(test_sync nolist)
add_test(NAME unit_sync COMMAND test_sync)
add_test(NAME sync_redis
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/sync/sync-test.sh
		$<TARGET_FILE:nolistd> $<TARGET_FILE:nolistctl>
		${CMAKE_SOURCE_DIR})
set_tests_properties(sync_redis PROPERTIES SKIP_RETURN_CODE 77
	TIMEOUT 240 RUN_SERIAL TRUE)
add_test(NAME sync_expand
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/sync/expand-test.sh
		$<TARGET_FILE:nolistd> $<TARGET_FILE:nolistctl>
		${CMAKE_SOURCE_DIR})
set_tests_properties(sync_expand PROPERTIES SKIP_RETURN_CODE 77
	TIMEOUT 120 RUN_SERIAL TRUE)
