# Debian's xapian-config.cmake sets only XAPIAN_LIBRARIES and XAPIAN_INCLUDE_DIR;
# it has no imported target. Make one, once, so that targets can link
# Xapian::Xapian and installed consumers get the same name.
if(NOT TARGET Xapian::Xapian)
  find_package(Xapian CONFIG REQUIRED)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
