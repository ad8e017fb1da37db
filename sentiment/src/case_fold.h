// Case folding for lexicon keys.
#pragma once

#include <string>
#include <string_view>

namespace heed::sentiment {

// Appends the case-folded form of valid UTF-8 `text` to *out. ASCII and Latin-1 letters (the
// Italian accented vowels) are folded inline; anything else goes through ICU full case folding.
// Typographic apostrophes (U+2019, U+2018, U+02BC) become ASCII "'" so every lexicon key needs
// only one spelling.
void AppendFolded(std::string_view text, std::string* out);

}  // namespace heed::sentiment
