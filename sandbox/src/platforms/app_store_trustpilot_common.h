// Review-site helpers shared by the App Store and Trustpilot emulators: turning the corpus's
// mention posts into reviews (text without the @brand mention, a title, a star rating from the
// text's tone, a deterministic owner reply on some), base64url for opaque cursors and JWT parts.
// Pure functions; deterministic for a given (seed, post).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content.h"

namespace heed::sandbox::review_sites {

struct ReviewSeed {
  const Post* post = nullptr;
  std::string title;         // the first words of the text
  std::string body;          // the post's text without the brand's @mention
  int rating = 3;            // 1..5 from the text's tone, jittered by the seed
  std::string language;      // "en"/"it" or empty
  std::string owner_reply;   // non-empty on about one review in four
  TimePoint owner_reply_at;  // when owner_reply was written
};

// One review per corpus.mention_posts entry, in corpus order.
std::vector<ReviewSeed> MakeReviews(const Corpus& corpus, uint64_t seed);

// A deterministic lower-case hex string of `digits` characters from (seed, value).
std::string HexId(uint64_t seed, uint64_t value, size_t digits);

std::string Base64UrlEncode(std::string_view bytes);
// nullopt on characters outside the base64url alphabet or an impossible length.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace heed::sandbox::review_sites
