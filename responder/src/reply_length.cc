// Reply length as each platform counts it (declared in reply_check.h).
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>
#include <utility>
#include <vector>

#include "heed/core/text.h"
#include "heed/responder/reply_check.h"

namespace heed::responder {
namespace {

using Span = std::pair<size_t, size_t>;  // [begin, end) byte offsets

// Grapheme clusters of an ICU string (UAX #29 extended clusters; ICU 72 knows emoji ZWJ
// sequences, regional-indicator pairs and combining marks).
std::vector<Span> Clusters(const icu::UnicodeString& text) {
  std::vector<Span> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) {  // no break data: fall back to one cluster per code point
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
      out.emplace_back(i, text.moveIndex32(i, 1));
    }
    return out;
  }
  it->setText(text);
  for (int32_t start = it->first(), end = it->next(); end != icu::BreakIterator::DONE;
       start = end, end = it->next()) {
    out.emplace_back(start, end);
  }
  return out;
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

bool StartsWithNoCase(std::string_view text, size_t at, std::string_view prefix) {
  return text.size() - at >= prefix.size() && AsciiLower(text.substr(at, prefix.size())) == prefix;
}

// Links as X and Mastodon find them for their fixed URL weight: "http://", "https://" or "www."
// at a word start, up to white space, without trailing punctuation. (Both also shorten bare
// domains such as "example.com"; heed leaves those counted in full, which can only overcount.)
std::vector<Span> FindUrls(std::string_view text) {
  std::vector<Span> urls;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && IsWordByte(text[i - 1])) continue;
    if (!StartsWithNoCase(text, i, "http://") && !StartsWithNoCase(text, i, "https://") &&
        !StartsWithNoCase(text, i, "www.")) {
      continue;
    }
    size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '<' && text[end] != '>' && text[end] != '"') {
      ++end;
    }
    while (end > i &&
           std::string_view(".,;:!?)]}'").find(text[end - 1]) != std::string_view::npos) {
      --end;
    }
    urls.emplace_back(i, end);
    i = end;
  }
  return urls;
}

// Mastodon: URLs count as 23 characters whatever their length (characters_reserved_per_url)
// and a remote mention counts only its local part ("@ana@example.social" as "@ana"); the rest
// is counted in grapheme clusters (StatusLengthValidator, Mastodon 4).
int MastodonLength(std::string_view text) {
  constexpr int kUrlLength = 23;
  std::string counted;
  int urls = 0;
  size_t at = 0;
  for (const Span& url : FindUrls(text)) {
    counted.append(text.substr(at, url.first - at));
    ++urls;
    at = url.second;
  }
  counted.append(text.substr(at));
  std::string folded;  // remote mentions shortened
  for (size_t i = 0; i < counted.size(); ++i) {
    folded.push_back(counted[i]);
    if (counted[i] != '@' || (i > 0 && IsWordByte(counted[i - 1]))) continue;
    size_t user_end = i + 1;
    while (user_end < counted.size() && IsWordByte(counted[user_end])) ++user_end;
    if (user_end == i + 1 || user_end >= counted.size() || counted[user_end] != '@') continue;
    size_t domain_end = user_end + 1;
    while (domain_end < counted.size() &&
           (IsWordByte(counted[domain_end]) || counted[domain_end] == '.' ||
            counted[domain_end] == '-')) {
      ++domain_end;
    }
    folded.append(counted, i + 1, user_end - i - 1);
    i = domain_end - 1;
  }
  return CountGraphemes(folded) + urls * kUrlLength;
}

// X: twitter-text's configuration v3 (docs.x.com "Counting characters"): the text is NFC
// normalised; code points in U+0000-10FF, U+2000-200D, U+2010-201F and U+2032-2037 weigh 1,
// every other code point 2 (CJK, most symbols); an emoji, however many code points its sequence
// takes (ZWJ family, skin tone, flag, keycap), weighs 2 once; every URL weighs 23.
int XWeightedLength(std::string_view text) {
  constexpr int kUrlLength = 23;
  const auto weight = [](UChar32 cp) {
    const bool light = cp <= 0x10FF || (cp >= 0x2000 && cp <= 0x200D) ||
                       (cp >= 0x2010 && cp <= 0x201F) || (cp >= 0x2032 && cp <= 0x2037);
    return light ? 1 : 2;
  };
  int total = 0;
  size_t at = 0;
  std::vector<Span> urls = FindUrls(text);
  urls.emplace_back(text.size(), text.size());  // sentinel: the tail after the last URL
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  for (const Span& url : urls) {
    icu::UnicodeString part = icu::UnicodeString::fromUTF8(text.substr(at, url.first - at));
    if (nfc != nullptr && U_SUCCESS(status)) part = nfc->normalize(part, status);
    for (const Span& cluster : Clusters(part)) {
      const UChar32 first = part.char32At(static_cast<int32_t>(cluster.first));
      const icu::UnicodeString g = part.tempSubStringBetween(static_cast<int32_t>(cluster.first),
                                                             static_cast<int32_t>(cluster.second));
      const bool emoji = u_hasBinaryProperty(first, UCHAR_EMOJI_PRESENTATION) ||
                         u_hasBinaryProperty(first, UCHAR_REGIONAL_INDICATOR) ||
                         (u_hasBinaryProperty(first, UCHAR_EXTENDED_PICTOGRAPHIC) &&
                          g.indexOf(static_cast<char16_t>(0xFE0F)) >= 0) ||
                         g.indexOf(static_cast<char16_t>(0x20E3)) >= 0;
      if (emoji) {
        total += 2;
        continue;
      }
      for (int32_t i = 0; i < g.length(); i = g.moveIndex32(i, 1)) total += weight(g.char32At(i));
    }
    if (url.first < url.second) total += kUrlLength;
    at = url.second;
  }
  return total;
}

}  // namespace

int CountGraphemes(std::string_view utf8) {
  return static_cast<int>(Clusters(icu::UnicodeString::fromUTF8(SanitizeUtf8(utf8))).size());
}

std::optional<int> PlatformReplyLimit(std::string_view platform) {
  // Sources, per platform (see also shared/platforms/API-NOTES.md):
  //  mastodon         500: the default of configuration.statuses.max_characters
  //                   (docs.joinmastodon.org, Instance entity); a server may allow more.
  //  bluesky          300 graphemes: app.bsky.feed.post lexicon, text maxGraphemes 300.
  //  x                280 weighted: docs.x.com "Counting characters" (standard accounts).
  //  reddit           10,000 characters per comment (Reddit's validator; publishers' limit
  //                   tables such as Ayrshare and Upload-Post agree).
  //  youtube          10,000 characters per comment (publishers' tables; not in the Data API
  //                   reference) [unc].
  //  facebook         8,000 characters per comment (publishers' tables) [unc].
  //  instagram        2,200 characters per comment (publishers' tables; some say 2,196) [unc].
  //  google_business  4,096 bytes: ReviewReply.comment, "the maximum length is 4096 bytes"
  //                   (Business Profile API reference).
  //  google_play      350 characters: API-NOTES.md and reviews.reply ("replies of more than
  //                   approximately 350 characters will be rejected").
  //  app_store        5,970 characters per developer response (App Store Connect) [unc].
  //  trustpilot       none documented for POST /v1/private/reviews/{id}/reply: no check.
  static constexpr std::pair<std::string_view, int> kLimits[] = {
      {"mastodon", 500},    {"bluesky", 300},   {"x", 280},          {"reddit", 10000},
      {"youtube", 10000},   {"facebook", 8000}, {"instagram", 2200}, {"google_business", 4096},
      {"google_play", 350}, {"app_store", 5970}};
  for (const auto& [name, limit] : kLimits) {
    if (name == platform) return limit;
  }
  return std::nullopt;
}

PlatformLength MeasureForPlatform(std::string_view platform, std::string_view utf8) {
  const std::string text = SanitizeUtf8(utf8);
  if (platform == "x") return {XWeightedLength(text), "weighted characters"};
  if (platform == "google_business") return {static_cast<int>(text.size()), "bytes"};
  if (platform == "mastodon") return {MastodonLength(text), "characters"};
  return {CountGraphemes(text), "characters"};
}

}  // namespace heed::responder
