# Replay: a capture in, the exact JSON lines out; bad input, clear errors.
add_test(NAME replay
	COMMAND sh ${CMAKE_SOURCE_DIR}/regress/replay/replay-test.sh
		$<TARGET_FILE:nolistd> ${CMAKE_SOURCE_DIR})
