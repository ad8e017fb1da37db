# heed_module(NAME n SRCS ... [DEPS ...] [PRIVATE_DEPS ...])
# One static library per module: public headers under <module>/include/heed/<module>/, sources
# under <module>/src/. A module can only include another's headers if it links it (DEPS).
function(heed_module)
  cmake_parse_arguments(M "" "NAME" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(heed_${M_NAME} STATIC ${M_SRCS})
  add_library(heed::${M_NAME} ALIAS heed_${M_NAME})
  target_include_directories(heed_${M_NAME}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(heed_${M_NAME} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS} heed_warnings)
endfunction()

# heed_test(NAME n SRCS ... DEPS ...): one GoogleTest executable, each TEST registered with ctest.
function(heed_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} heed_warnings GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()
