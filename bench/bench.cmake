# Benchmarks: built with everything else, never run as tests.
add_executable(wl-bench ${CMAKE_SOURCE_DIR}/bench/wl-bench.c)
target_link_libraries(wl-bench nolist)
