# Compiler flags for all icsim targets, carried by an interface target rather than set globally.
#
# Reproducibility: -ffp-contract=off stops GCC from fusing a*b+c into FMA (which changes results
# between targets), there is never -ffast-math, and x86_64 builds use one fixed -march.
add_library(icsim_flags INTERFACE)
target_compile_options(icsim_flags INTERFACE
  -ffp-contract=off -fno-fast-math
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64" AND ICSIM_MARCH)
  target_compile_options(icsim_flags INTERFACE -march=${ICSIM_MARCH})
endif()
if(ICSIM_WARNINGS_AS_ERRORS)
  target_compile_options(icsim_flags INTERFACE -Werror)
endif()
if(ICSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ICSIM_FUZZ needs Clang (libFuzzer): configure with the fuzz preset")
  endif()
  target_compile_options(icsim_flags INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(icsim_flags INTERFACE -fsanitize=address,undefined)
endif()
if(ICSIM_SANITIZERS)
  list(JOIN ICSIM_SANITIZERS "," _icsim_san)
  target_compile_options(icsim_flags INTERFACE -fsanitize=${_icsim_san} -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  target_link_options(icsim_flags INTERFACE -fsanitize=${_icsim_san})
endif()

# Third-party headers are included as system headers so their warnings do not fail our build.
add_library(icsim_deps INTERFACE)
target_link_libraries(icsim_deps INTERFACE Boost::headers TBB::tbb toml11::toml11
  Random123::Random123 Threads::Threads)
