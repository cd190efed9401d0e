# The memory allocator of Kavosh's programs: jemalloc. kavosh-index allocates in its analysis threads and
# frees in its writer thread; with the C library's allocator the same build takes 10–36% more CPU time
# (docs/benchmarks.md). The other programs link it too, so that each runs with the allocator it is
# measured with. The libraries do not: a program embedding them keeps its own allocator. Sanitizer and
# fuzzing builds keep the allocator the sanitizers bring.
option(KAVOSH_JEMALLOC "Link the programs with jemalloc" ON)
add_library(kavosh_allocator INTERFACE)
if(KAVOSH_JEMALLOC AND NOT KAVOSH_SANITIZE AND NOT KAVOSH_FUZZ)
  find_library(KAVOSH_JEMALLOC_LIBRARY NAMES jemalloc REQUIRED
               DOC "jemalloc (Debian: libjemalloc-dev; -DKAVOSH_JEMALLOC=OFF builds without it)")
  target_link_libraries(kavosh_allocator INTERFACE ${KAVOSH_JEMALLOC_LIBRARY})
endif()
