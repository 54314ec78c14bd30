# Run in script mode at build time: the man page of icsim by help2man, from `icsim --help`,
# `icsim --version` and each command's --help (a COMMANDS section).
#   cmake -DICSIM=... -DHELP2MAN=... -DOUT=icsim.1 -DWORK=dir -P man_page.cmake
set(commands run resume sweep validate params observables bench generate report export completion)
set(include "[COMMANDS]\n")
foreach(c ${commands})
  execute_process(COMMAND ${ICSIM} ${c} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "icsim ${c} --help failed")
  endif()
  string(REPLACE "\\" "\\\\" help "${help}")
  string(REPLACE "\n" "\n.br\n" help "${help}")
  string(APPEND include ".SS icsim ${c}\n.nf\n${help}\n.fi\n")
endforeach()
string(APPEND include "[EXIT STATUS]\n0 ok; 1 a run failed; 2 bad input (an unknown command, option or scenario error); "
                      "3 results in the way (use --force); 4 the output folder is in use; 75 stopped by a "
                      "signal with the state saved (icsim resume).\n"
                      "[SEE ALSO]\nThe documentation installed with icsim (share/doc/icsim): outputs.md, "
                      "scenarios.md, sweeps.md, embedding.md.\n")
file(WRITE ${WORK}/icsim.h2m "${include}")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr
                        --name "agent-based simulation of NHS provider collaboration"
                        --section 1 --include ${WORK}/icsim.h2m --output ${OUT}.tmp ${ICSIM}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc})")
endif()
file(RENAME ${OUT}.tmp ${OUT})
