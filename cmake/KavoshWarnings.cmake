# Warning and sanitizer flags, applied to every target of the project through one interface target.
add_library(kavosh_compile_options INTERFACE)
target_compile_options(kavosh_compile_options INTERFACE -Wall -Wextra -Wpedantic)
if(KAVOSH_WERROR)
  target_compile_options(kavosh_compile_options INTERFACE -Werror)
endif()
if(KAVOSH_SANITIZE)
  target_compile_options(kavosh_compile_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kavosh_compile_options INTERFACE -fsanitize=address,undefined)
endif()
