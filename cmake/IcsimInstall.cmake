# Install rules: the icsim binary, the shipped scenarios, the docs and the analysis package.
include(GNUInstallDirs)
install(TARGETS icsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT icsim)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/icsim/scenarios
  COMPONENT icsim FILES_MATCHING PATTERN "*.toml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT icsim)
if(EXISTS ${PROJECT_SOURCE_DIR}/analysis/icsim_analysis)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/analysis/icsim_analysis
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icsim/analysis COMPONENT icsim
    PATTERN "__pycache__" EXCLUDE)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/CITATION.cff
  ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT icsim)
install(FILES ${PROJECT_BINARY_DIR}/icsim.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME icsim COMPONENT icsim)
if(ICSIM_HELP2MAN)
  install(FILES ${PROJECT_BINARY_DIR}/icsim.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT icsim)
endif()

# The library for C++ users: headers under include/icsim/, the static libraries, a CMake package
# (find_package(icsim) -> icsim::icsim) and a pkg-config file (icsim.pc).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sim/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/icsim COMPONENT icsim
  FILES_MATCHING PATTERN "*.hpp" PATTERN "cli" EXCLUDE)
install(TARGETS icsim_core icsim_model icsim_scenario icsim_io icsim_calibration icsim_app icsim_deps icsim_flags icsim_lib
  EXPORT icsimTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT icsim)
set(ICSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/icsim)
install(EXPORT icsimTargets NAMESPACE icsim:: DESTINATION ${ICSIM_CMAKE_DIR} COMPONENT icsim)
include(CMakePackageConfigHelpers)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/icsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/icsimConfig.cmake INSTALL_DESTINATION ${ICSIM_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/icsimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/icsimConfig.cmake ${PROJECT_BINARY_DIR}/icsimConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindRandom123.cmake ${PROJECT_SOURCE_DIR}/cmake/FindXlsxWriter.cmake
  DESTINATION ${ICSIM_CMAKE_DIR} COMPONENT icsim)
# pkg-config: the libraries in link order, then what they need (Debian's .pc files where there
# are some; the header-only Boost, toml11 and Random123 live in /usr/include).
set(ICSIM_PC_REQUIRES "hdf5 tbb xlsxwriter nlopt zlib")
set(ICSIM_PC_CFLAGS "-std=c++20")
set(ICSIM_PC_LIBS "-lhdf5_serial_hl -pthread")
if(ICSIM_HAVE_MPI)
  string(APPEND ICSIM_PC_REQUIRES " ompi-cxx")
  string(APPEND ICSIM_PC_CFLAGS " -DICSIM_HAVE_MPI=1")
endif()
foreach(_lib ${HDF5_HL_LIBRARIES})
  get_filename_component(_dir ${_lib} DIRECTORY)
  get_filename_component(_name ${_lib} NAME_WE)
  string(REGEX REPLACE "^lib" "" _name ${_name})
  set(ICSIM_PC_LIBS "-L${_dir} -l${_name} -pthread")
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/icsim.pc.in ${PROJECT_BINARY_DIR}/icsim.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/icsim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT icsim)
