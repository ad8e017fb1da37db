# Build-time script (cmake -P): writes OUTPUT, a C++ source holding every file of LEXICON_FILES
# as a byte array, so the lexicons travel inside the binary. Bytes rather than raw string
# literals so no file content can ever break the generated code.
#
# Inputs: LEXICON_DIR, LEXICON_FILES (;-list of absolute paths), TEMPLATE, OUTPUT.
set(HEED_LEXICON_ARRAYS "")
set(HEED_LEXICON_TABLE "")
set(index 0)
foreach(path IN LISTS LEXICON_FILES)
  file(RELATIVE_PATH name ${LEXICON_DIR} ${path})
  file(READ ${path} hex HEX)
  string(LENGTH "${hex}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND HEED_LEXICON_ARRAYS "constexpr char kFile${index}[] = {${bytes} 0};\n")
  string(APPEND HEED_LEXICON_TABLE "    {\"${name}\", std::string_view(kFile${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
set(HEED_LEXICON_COUNT ${index})
configure_file(${TEMPLATE} ${OUTPUT}.tmp @ONLY)
# Only touch OUTPUT when it changed, so an unrelated reconfigure does not rebuild the library.
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
