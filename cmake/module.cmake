# jointly_module(TARGET PREFIX [DIR dir] [HEADERS file...]) gives TARGET its
# own include root, so that a target compiles only against the headers of
# the targets it links.
#
# At configure time ${CMAKE_BINARY_DIR}/include/TARGET/PREFIX/ is filled with
# a symbolic link to each header in DIR (default: the current source
# directory; not its subdirectories, which are targets of their own), or to
# each of HEADERS (relative to DIR) where one folder holds several targets;
# that root becomes TARGET's PUBLIC include directory (INTERFACE for a
# header-only target). Sources keep writing #include "PREFIX/file.h"; the
# line resolves in TARGET and in whatever links TARGET, and fails to compile
# anywhere else.
function(jointly_module target prefix)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "DIR" "HEADERS")
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  if(arg_DIR)
    set(dir ${arg_DIR})
  endif()
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  if(arg_HEADERS)
    list(TRANSFORM arg_HEADERS PREPEND ${dir}/ OUTPUT_VARIABLE headers)
  else()
    file(GLOB headers CONFIGURE_DEPENDS ${dir}/*.h)
  endif()
  file(REMOVE_RECURSE ${root})  # links to headers that no longer exist
  file(MAKE_DIRECTORY ${root}/${prefix})
  foreach(header ${headers})
    get_filename_component(name ${header} NAME)
    file(CREATE_LINK ${header} ${root}/${prefix}/${name} SYMBOLIC)
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${root})
  else()
    target_include_directories(${target} PUBLIC ${root})
  endif()
endfunction()
