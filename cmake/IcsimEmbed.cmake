# icsim_embed_text(<output.cpp> <input file> <namespace-qualified function name>)
# Generates a .cpp defining `std::string_view <fn>()` that returns the file's text, at build time,
# so that edits to the file rebuild the binary.
function(icsim_embed_text output input function_name)
  add_custom_command(OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DFUNCTION=${function_name}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake
    DEPENDS "${input}" ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
endfunction()
