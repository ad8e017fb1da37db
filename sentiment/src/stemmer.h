// Snowball stemming (libstemmer) for the lexicon fallback: a token that misses the lexicon is
// looked up again by stem, so "pessimamente" or "refunded" find "pessim" / "refund".
#pragma once

#include <string_view>

namespace heed::sentiment {

enum class StemLanguage { kEnglish, kItalian };

// Returns the stem of a case-folded UTF-8 word. The view points into a per-thread buffer and is
// valid until the next Stem call on the same thread; copy it to keep it. Thread-safe
// (libstemmer objects are not, so each thread owns its own). Returns `word` unchanged if the
// stemmer is unavailable.
std::string_view Stem(StemLanguage language, std::string_view word);

}  // namespace heed::sentiment
