# Warning and sanitizer flags live in one INTERFACE target that every heed target links.
add_library(heed_warnings INTERFACE)
target_compile_options(heed_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough
  # C++20 designated initializers rely on member defaults; omitting a member is intended.
  -Wno-missing-field-initializers)
if(HEED_SANITIZE)
  # -fno-sanitize-recover: UBSan otherwise prints a finding and carries on, so the test passes.
  set(HEED_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                          -fno-sanitize-recover=undefined)
  target_compile_options(heed_warnings INTERFACE ${HEED_SANITIZE_FLAGS})
  target_link_options(heed_warnings INTERFACE ${HEED_SANITIZE_FLAGS})
endif()
