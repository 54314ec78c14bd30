# Stamps the version and git revision into the binary (and so into every output file).
# The revision is re-read at every build; the generated file only changes when it changes.
set(ICSIM_VERSION_CPP "${PROJECT_BINARY_DIR}/generated/version_info.cpp")
add_custom_target(icsim_version_stamp ALL
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -DOUTPUT=${ICSIM_VERSION_CPP}
    -DVERSION=${PROJECT_VERSION}
    -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
    -DCXX_COMPILER=${CMAKE_CXX_COMPILER_ID}-${CMAKE_CXX_COMPILER_VERSION}
    -DHDF5_VERSION=${HDF5_VERSION}
    -DBOOST_VERSION=${Boost_VERSION}
    -DTBB_VERSION=${TBB_VERSION}
    -DTOML11_VERSION=${toml11_VERSION}
    -DCLI11_VERSION=${CLI11_VERSION}
    -P ${PROJECT_SOURCE_DIR}/cmake/write_version.cmake
  BYPRODUCTS ${ICSIM_VERSION_CPP}
  COMMENT "Stamping icsim version and git revision"
  VERBATIM)
