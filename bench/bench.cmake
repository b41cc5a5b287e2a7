# Benchmarks: built with everything else, never run as tests.
add_executable(wl-bench ${CMAKE_SOURCE_DIR}/bench/wl-bench.c)
target_link_libraries(wl-bench nolist)

# bench/run's helpers: a capture generator, a SYN sender, a set watcher
add_executable(capgen ${CMAKE_SOURCE_DIR}/bench/capgen.c)
target_link_libraries(capgen nolist)
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
