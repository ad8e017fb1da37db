// Customer-post text for the sandbox, composed from templates x products x details so the stream
// varies with the seed. English and Italian; complaints, praise, questions, neutral remarks and
// follow-ups ("any update?"). All text here is original.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "prng.h"

namespace heed::sandbox {

enum class Lang { kEnglish, kItalian };
enum class Category { kComplaint, kPraise, kQuestion, kNeutral, kFollowUp };

// Stands in for the brand's name inside composed text; the renderer turns it into the name, or
// into the #brand hashtag on the tag timeline.
inline constexpr char kBrandMarker = '\x01';

struct ComposedText {
  // Plain-text paragraphs; '\n' inside one is a line break, kBrandMarker is the brand's name.
  std::vector<std::string> paragraphs;
  Category category = Category::kNeutral;
};

// Draws a category with a realistic mix (complaints dominate).
Category PickCategory(Prng& rng);

// Composes one post in `lang`.
ComposedText ComposePost(Prng& rng, Lang lang, Category category);

// A content warning some people put on rants ("rant", "sfogo").
std::string_view RantSpoiler(Lang lang);

// Extra hashtags people add to complaints, without '#'.
std::string_view PickComplaintTag(Prng& rng, Lang lang);

std::string_view LangCode(Lang lang);  // "en", "it"

}  // namespace heed::sandbox
