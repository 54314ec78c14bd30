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
