#include "stemmer.h"

#include <libstemmer.h>

#include <memory>

namespace heed::sentiment {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// One stemmer per language per thread, created on first use.
sb_stemmer* ThreadStemmer(StemLanguage language) {
  thread_local StemmerPtr english(sb_stemmer_new("english", "UTF_8"));
  thread_local StemmerPtr italian(sb_stemmer_new("italian", "UTF_8"));
  return language == StemLanguage::kEnglish ? english.get() : italian.get();
}

}  // namespace

std::string_view Stem(StemLanguage language, std::string_view word) {
  sb_stemmer* stemmer = ThreadStemmer(language);
  if (stemmer == nullptr || word.empty()) return word;
  const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return word;  // out of memory inside libstemmer
  return std::string_view(reinterpret_cast<const char*>(stem),
                          static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace heed::sentiment
