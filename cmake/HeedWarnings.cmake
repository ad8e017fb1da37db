# Warning and sanitizer flags live in one INTERFACE target that every heed target links.
add_library(heed_warnings INTERFACE)
target_compile_options(heed_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough
  # C++20 designated initializers rely on member defaults; omitting a member is intended.
  -Wno-missing-field-initializers)
if(HEED_SANITIZE)
  target_compile_options(heed_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(heed_warnings INTERFACE -fsanitize=address,undefined)
endif()
