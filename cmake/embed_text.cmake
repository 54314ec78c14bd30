# Script mode: embeds INPUT as a raw string literal returned by FUNCTION (e.g. icsim::scenario::default_text).
file(READ "${INPUT}" text)
string(FIND "${text}" ")icsim_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )icsim_embed\"")
endif()
string(REGEX MATCH "^(.*)::([^:]+)$" _ "${FUNCTION}")
set(ns "${CMAKE_MATCH_1}")
set(fn "${CMAKE_MATCH_2}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed_text.cmake: do not edit.
#include <string_view>
namespace ${ns} {
std::string_view ${fn}() {
  static constexpr std::string_view text = R\"icsim_embed(${text})icsim_embed\";
  return text;
}
}  // namespace ${ns}
")
