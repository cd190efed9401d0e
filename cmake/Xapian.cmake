# Xapian's CMake config only sets XAPIAN_LIBRARIES / XAPIAN_INCLUDE_DIR: wrap them once in an imported
# target so everything links Xapian::Xapian like any other target. Included after find_package(xapian)
# by this build and by the installed KavoshConfig.cmake, whose exported targets name Xapian::Xapian.
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
