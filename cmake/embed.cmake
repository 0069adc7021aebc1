# jointly_embed(TARGET SYMBOL BASE_DIR FILE...) compiles FILEs into TARGET as a
# jointly::embedded::FileMap returned by jointly::embedded::SYMBOL(), keyed by
# the path relative to BASE_DIR. The product then needs no files beside it.
set(JOINTLY_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)
function(jointly_embed target symbol base)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${symbol}_embedded.cc)
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} -DBASE=${base}
            "-DFILES=${files}" -P ${JOINTLY_EMBED_SCRIPT}
    DEPENDS ${ARGN} ${JOINTLY_EMBED_SCRIPT}
    COMMENT "Embedding ${symbol}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
