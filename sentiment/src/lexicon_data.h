// The lexicon files of data/lexicon/, compiled into the library by
// sentiment/cmake/EmbedLexicon.cmake. Static storage: the views live for the whole program.
#pragma once

#include <span>
#include <string_view>

namespace heed::sentiment {

struct EmbeddedFile {
  std::string_view path;      // relative to data/lexicon/, e.g. "en/valence.tsv"
  std::string_view contents;  // the file's bytes, as committed
};

// Sorted by path.
std::span<const EmbeddedFile> EmbeddedLexiconFiles();

}  // namespace heed::sentiment
