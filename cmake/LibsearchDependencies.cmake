# Finds the library's dependencies and gives each one an imported target.
# Used by the build and, through libsearchConfig.cmake, by installed consumers.
include(CMakeFindDependencyMacro)

find_package(Threads REQUIRED)
find_package(ICU 60 REQUIRED COMPONENTS uc i18n)
find_package(Boost 1.71 REQUIRED COMPONENTS locale)
find_package(ZLIB REQUIRED)
include(${CMAKE_CURRENT_LIST_DIR}/XapianTarget.cmake)
