# nolistctl check: unit tests of lib/checkrules.c, and the whole check,
# as "nolistctl check", against nsd and SMTP hosts in a network namespace
# of its own.
add_executable(test_checkrules regress/unit/test_checkrules.c)
target_include_directories(test_checkrules PRIVATE regress/unit lib)
target_link_libraries(test_checkrules nolist)
add_test(NAME unit_checkrules COMMAND test_checkrules)

add_test(NAME check
	COMMAND bash ${CMAKE_SOURCE_DIR}/regress/check/check-test.sh
		$<TARGET_FILE:nolistctl>)
set_tests_properties(check PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
