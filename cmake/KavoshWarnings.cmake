# Warning and sanitizer flags, applied to every target of the project through one interface target.
add_library(kavosh_compile_options INTERFACE)
target_compile_options(kavosh_compile_options INTERFACE -Wall -Wextra -Wpedantic)
if(KAVOSH_WERROR)
  target_compile_options(kavosh_compile_options INTERFACE -Werror)
endif()
if(KAVOSH_SANITIZE)
  # GCC's -Wmaybe-uninitialized gives false positives inside libstdc++ (std::regex, std::function)
  # once ASan instruments the code (documented in GCC's manual); the Release pass keeps it on.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(kavosh_compile_options INTERFACE -Wno-maybe-uninitialized)
  endif()
  target_compile_options(kavosh_compile_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kavosh_compile_options INTERFACE -fsanitize=address,undefined)
endif()
