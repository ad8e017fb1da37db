// Bringing untrusted input into the shape the pipeline assumes: valid UTF-8 of bounded length.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "heed/core/text.h"

namespace heed::sentiment {

// Posts are short; longer inputs are cut here so one huge text cannot stall a scoring thread
// (and lengths fit the int CLD2 takes). Only the first kMaxTextBytes are scored.
inline constexpr size_t kMaxTextBytes = 64 * 1024;

// Returns utf8 cut to kMaxTextBytes (at a character boundary) as valid UTF-8: a view of the
// input when it is already valid, else of *storage holding the sanitised copy.
inline std::string_view PrepareInput(std::string_view utf8, std::string* storage) {
  if (utf8.size() > kMaxTextBytes) {
    size_t cut = kMaxTextBytes;
    while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
    utf8 = utf8.substr(0, cut);
  }
  if (IsValidUtf8(utf8)) return utf8;
  *storage = SanitizeUtf8(utf8);
  return *storage;
}

// Sets *out to PrepareInput(utf8) followed by `padding` NUL bytes (reusing out's capacity).
inline void PreparePaddedInput(std::string_view utf8, size_t padding, std::string* out) {
  std::string storage;
  const std::string_view text = PrepareInput(utf8, &storage);
  out->assign(text);
  out->append(padding, '\0');
}

}  // namespace heed::sentiment
