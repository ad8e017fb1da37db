// Helpers shared by the lexicon loaders (built-in files and operator extras): keys as the
// tokenizer sees them, numbers, and the hash behind the lexicon version.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/result.h"
#include "lexicon.h"
#include "tokenizer.h"

namespace heed::sentiment {

// Reads lexicon text a line at a time, skipping blank lines and '#' comments; lines come trimmed
// of '\r' and surrounding spaces, with their 1-based number.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : rest_(text) {}

  // Sets *line and *number to the next line with content; false at the end.
  bool Next(std::string_view* line, int* number) {
    while (!rest_.empty()) {
      ++number_;
      const size_t eol = rest_.find('\n');
      std::string_view l = rest_.substr(0, eol);
      rest_ = eol == std::string_view::npos ? std::string_view() : rest_.substr(eol + 1);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
      while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
      if (l.empty() || l.front() == '#') continue;
      *line = l;
      *number = number_;
      return true;
    }
    return false;
  }

 private:
  std::string_view rest_;
  int number_ = 0;
};

// Parses a whole field as a float; kDataLoss naming the text otherwise.
Status ParseFloat(std::string_view text, float* value);

// The lookup keys of a lexicon key: its tokens' norms, produced by the scorer's own tokenizer so
// keys and text always agree ("l'ora" -> "l'", "ora"; "Don’t" -> "don't"). kDataLoss for a key
// with a non-word token or none.
Result<std::vector<std::string>> KeyTokens(const Tokenizer& tokenizer, std::string_view key);

// Applies update to the entry of key (a word or a phrase) in lex.
template <typename F>
Status UpdateKey(const Tokenizer& tokenizer, std::string_view key, LanguageLexicon* lex, F update) {
  HEED_ASSIGN_OR_RETURN(std::vector<std::string> words, KeyTokens(tokenizer, key));
  if (words.size() == 1) {
    update(lex->words[words.front()]);
  } else {
    lex->phrases.Update(words, update);
  }
  return Status::Ok();
}

// FNV-1a over a sequence of strings.
class Hasher {
 public:
  void Mix(std::string_view s) {
    for (char c : s) {
      h_ ^= static_cast<unsigned char>(c);
      h_ *= 1099511628211ull;
    }
    h_ ^= 0xFF;  // separator, so ("ab","c") and ("a","bc") differ
    h_ *= 1099511628211ull;
  }
  std::string Hex12() const {
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h_));
    return std::string(buf, 12);
  }

 private:
  uint64_t h_ = 1469598103934665603ull;
};

}  // namespace heed::sentiment
