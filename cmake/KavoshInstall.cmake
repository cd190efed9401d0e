# How Kavosh installs. Two components, which are also the Debian packages (cmake/KavoshPackaging.cmake):
#   programs: the kavosh-* programs, their man pages, the synonym list (and shared libraries, if built);
#   dev:      static libraries, headers, the CMake package `find_package(Kavosh)` and pkg-config files.
include(GNUInstallDirs)

# kavosh_install_library(TARGET NAME): installs TARGET, exported as Kavosh::NAME.
function(kavosh_install_library target name)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  install(TARGETS ${target} EXPORT KavoshTargets
    ARCHIVE COMPONENT dev
    LIBRARY COMPONENT programs NAMELINK_COMPONENT dev)
endfunction()

# kavosh_install_headers(): installs this folder's include/ tree.
function(kavosh_install_headers)
  install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
endfunction()

# kavosh_install_programs(TARGET...): installs the programs with their man pages (docs/man/TARGET.1),
# which every program must have.
function(kavosh_install_programs)
  install(TARGETS ${ARGN} RUNTIME COMPONENT programs)
  foreach(program IN LISTS ARGN)
    set(page ${PROJECT_SOURCE_DIR}/docs/man/${program}.1)
    if(NOT EXISTS ${page})
      message(FATAL_ERROR "${program} has no man page: write ${page}")
    endif()
    install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT programs)
  endforeach()
endfunction()

# kavosh_pkg_config(TARGET DESCRIPTION REQUIRES <modules> PRIVATE <modules> [LIBS <flags>]): writes and
# installs TARGET's pkg-config file, named like the target with a dash (kavosh_search → kavosh-search.pc).
# PRIVATE modules are what only the library's own code uses; a static library still needs them at link
# time, and most users call pkg-config without --static, so they go into Requires unless the libraries
# are shared.
function(kavosh_pkg_config target description)
  cmake_parse_arguments(ARG "" "" "REQUIRES;PRIVATE;LIBS" ${ARGN})
  string(REPLACE "_" "-" PC_NAME ${target})
  set(PC_DESCRIPTION "${description}")
  set(PC_LIB ${target})
  set(PC_LIBS "${ARG_LIBS}")
  # Relative to the .pc file, so the installed tree can be moved (cmake --install --prefix, dpkg -x).
  file(RELATIVE_PATH PC_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
  if(BUILD_SHARED_LIBS)
    list(JOIN ARG_REQUIRES " " PC_REQUIRES)
    list(JOIN ARG_PRIVATE " " PC_REQUIRES_PRIVATE)
  else()
    list(JOIN ARG_REQUIRES " " PC_REQUIRES)
    list(JOIN ARG_PRIVATE " " private)
    string(STRIP "${PC_REQUIRES} ${private}" PC_REQUIRES)
    set(PC_REQUIRES_PRIVATE "")
  endif()
  configure_file(${PROJECT_SOURCE_DIR}/cmake/kavosh.pc.in ${PROJECT_BINARY_DIR}/pkgconfig/${PC_NAME}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/${PC_NAME}.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)
endfunction()
