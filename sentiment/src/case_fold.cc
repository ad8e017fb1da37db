#include "case_fold.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/stringoptions.h>

namespace heed::sentiment {
namespace {

// Folds text when every byte is ASCII, a Latin-1 letter (C3 80..BF) or a typographic apostrophe.
// Returns false, leaving *out as it was, when a character needs ICU.
bool AppendFoldedFast(std::string_view text, std::string* out) {
  const size_t start = out->size();
  // The folded text is never longer than the text: write in place, trim at the end.
  out->resize(start + text.size());
  char* w = out->data() + start;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      *w++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      continue;
    }
    const auto next = [&](size_t k) {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    if (b == 0xC3 && next(1) >= 0x80 && next(1) <= 0xBF && next(1) != 0x9F) {
      // U+00C0..U+00DE upper case (except U+00D7 multiplication sign) fold by +0x20.
      // U+00DF (sharp s, 0x9F) folds to "ss": left to ICU.
      unsigned char c = next(1);
      if (c <= 0x9E && c != 0x97) c += 0x20;
      *w++ = static_cast<char>(0xC3);
      *w++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (b == 0xE2 && next(1) == 0x80 && (next(2) == 0x98 || next(2) == 0x99)) {
      *w++ = '\'';
      i += 2;
      continue;
    }
    if (b == 0xCA && next(1) == 0xBC) {
      *w++ = '\'';
      ++i;
      continue;
    }
    out->resize(start);
    return false;
  }
  out->resize(static_cast<size_t>(w - out->data()));
  return true;
}

void ReplaceApostrophes(std::string* s, size_t from) {
  // In place: the ASCII replacement is shorter than each sequence it replaces.
  size_t w = from;
  for (size_t r = from; r < s->size();) {
    const auto b = static_cast<unsigned char>((*s)[r]);
    if (b == 0xE2 && r + 2 < s->size() && static_cast<unsigned char>((*s)[r + 1]) == 0x80 &&
        (static_cast<unsigned char>((*s)[r + 2]) == 0x98 ||
         static_cast<unsigned char>((*s)[r + 2]) == 0x99)) {
      (*s)[w++] = '\'';
      r += 3;
    } else if (b == 0xCA && r + 1 < s->size() && static_cast<unsigned char>((*s)[r + 1]) == 0xBC) {
      (*s)[w++] = '\'';
      r += 2;
    } else {
      (*s)[w++] = (*s)[r++];
    }
  }
  s->resize(w);
}

}  // namespace

void AppendFolded(std::string_view text, std::string* out) {
  if (AppendFoldedFast(text, out)) return;
  const size_t start = out->size();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(out);
  icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, icu::StringPiece(text.data(), text.size()), sink,
                         nullptr, status);
  if (U_FAILURE(status)) {
    // Cannot happen for valid UTF-8; keep the text rather than lose the token.
    out->resize(start);
    out->append(text);
    return;
  }
  ReplaceApostrophes(out, start);
}

}  // namespace heed::sentiment
