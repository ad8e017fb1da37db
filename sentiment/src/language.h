// Which language a post is scored in.
#pragma once

#include <string>
#include <string_view>

#include "lexicon.h"
#include "tokenizer.h"

namespace heed::sentiment {

// "en" or "it" when the platform's tag names one of them ("en", "en-US", "it_IT", "IT"); else
// empty.
std::string_view SupportedLanguageFromHint(std::string_view hint);

// Detects the language of valid UTF-8 `text`, already tokenized as `tokens`. CLD2 decides for
// texts long enough for it to be reliable; short posts (where CLD2 defaults to English) are
// decided by counting English vs Italian function words and lexicon words. Returns "en", "it",
// another ISO-639-1 code from CLD2, or "und".
std::string DetectLanguageOfTokens(std::string_view text, const TokenizedText& tokens,
                                   const Lexicon& lexicon);

}  // namespace heed::sentiment
