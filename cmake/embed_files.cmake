# Script mode helper for jointly_embed(): writes OUT from FILES.
string(REPLACE "|" ";" FILES "${FILES}")
set(body "")
set(entries "")
set(i 0)
foreach(f ${FILES})
  file(READ ${f} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  file(RELATIVE_PATH rel ${BASE} ${f})
  string(APPEND body "const unsigned char d${i}[] = {${hex}0x00};\n")
  string(APPEND entries "      {\"${rel}\", std::string_view(reinterpret_cast<const char*>(d${i}), sizeof(d${i}) - 1)},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from source files by cmake/embed_files.cmake.
#include \"core/embedded.h\"
namespace jointly::embedded {
namespace {
${body}}  // namespace
const FileMap& ${SYMBOL}() {
  static const FileMap* files = new FileMap{
${entries}  };
  return *files;
}
}  // namespace jointly::embedded
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
