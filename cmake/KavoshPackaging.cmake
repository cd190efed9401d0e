# Debian packages through CPack (`cpack -G DEB` in the build directory), one per install component:
#   kavosh         the programs, man pages, synonym list and a systemd unit for kavosh-serve;
#   libkavosh-dev  static libraries, headers, the CMake package and the pkg-config files.
# For packages, configure with -DCMAKE_INSTALL_PREFIX=/usr so libraries go to the multiarch libdir.
set(KAVOSH_PACKAGE_CONTACT "Kavosh developers <kavosh@localhost>" CACHE STRING "Maintainer of the Debian packages")

install(FILES ${PROJECT_SOURCE_DIR}/packaging/kavosh-serve.service
        DESTINATION lib/systemd/system COMPONENT programs)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kavosh)
set(CPACK_PACKAGE_VENDOR "Kavosh")
set(CPACK_PACKAGE_CONTACT "${KAVOSH_PACKAGE_CONTACT}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/COPYING)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL programs dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION search)

# Each component's description: its first line is the package's summary.
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_NAME kavosh)
set(CPACK_COMPONENT_PROGRAMS_DESCRIPTION
  "Persian full-text search: indexer, search, HTTP service\nkavosh-index, kavosh-search, kavosh-serve (with a systemd unit bound to\nloopback, run as the kavosh user), kavosh-analyze, kavosh-stem, kavosh-eval.")
# Shared-library dependencies (Xapian, ICU, cpp-httplib, libstdc++) computed from the binaries.
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/postinst)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libkavosh-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DESCRIPTION
  "Persian full-text search: libraries and headers\nKavosh::analysis, Kavosh::index, Kavosh::search for CMake (find_package(Kavosh))\nand pkg-config (kavosh-search), to embed Kavosh in a portal.")
# The headers include Xapian, CLI11 and nlohmann_json; static libraries also need ICU and simdjson.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
  "libxapian-dev, libicu-dev, libcli11-dev, nlohmann-json3-dev, libsimdjson-dev, pkg-config")

include(CPack)
