// The reply check: what heed warns about before a public reply goes out. A reply is public and
// permanent on most platforms (heed never deletes), so the check runs before posting and the
// operator must confirm (--force) to post a reply that has warnings.
//
// Length is counted the way each platform counts it (PlatformLength): grapheme clusters by
// default (what a person sees as one character: an emoji ZWJ family, a flag, "e" + a combining
// accent), X's weighted count, Mastodon's URL and mention rules, Google Business Profile's bytes.
//
// Thread safety: every function is pure and safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/sentiment/scorer.h"

namespace heed::responder {

// Extended grapheme clusters in utf8 (ICU BreakIterator, Unicode UAX #29). Invalid UTF-8 is
// sanitised first (each bad sequence counts as one U+FFFD).
int CountGraphemes(std::string_view utf8);

// The longest public reply the platform accepts, in PlatformLength's unit; nullopt when heed
// knows no limit: read-only sources (hackernews, rss: there is nothing to post to), platforms
// whose API documents none (trustpilot) and unknown platforms.
std::optional<int> PlatformReplyLimit(std::string_view platform);

// How long text is for the platform's limit, and in what unit ("graphemes", "weighted
// characters", "bytes"). The unit is what the message to the operator names.
struct PlatformLength {
  int length = 0;
  std::string_view unit;
};
PlatformLength MeasureForPlatform(std::string_view platform, std::string_view utf8);

enum class ReplyWarningKind {
  kTooLong,           // over the platform's limit
  kEmpty,             // nothing but white space
  kNegativeTone,      // the draft itself scores negative
  kDefensive,         // "as we already said", "non è colpa nostra"...
  kMissingGreeting,   // no "Hi", "Ciao", "Dear"... at the start
  kMissingApology,    // the post is negative and the reply does not apologise
  kLanguageMismatch,  // the draft is in English and the post in Italian, or the reverse
};
// "too-long", "empty", "negative-tone", "defensive", "missing-greeting", "missing-apology",
// "language-mismatch": stable, for scripts.
std::string_view ReplyWarningKindName(ReplyWarningKind kind);

struct ReplyWarning {
  ReplyWarningKind kind;
  std::string message;  // one line, for the operator: what is wrong and the evidence
};

struct ReplyCheckInput {
  std::string draft;          // the reply as it would be posted (UTF-8)
  std::string platform;       // "mastodon", "x", ...
  std::string post_language;  // the post's language ("it", "en-GB"), empty when unknown
  std::string post_label;     // the post's sentiment label: "negative", "neutral", "positive"
  std::string author_name;    // display name or handle, for the greeting hint; may be empty
  // The post itself, when known: a negative word the author used ("damaged", "in ritardo") is
  // their problem restated, not the reply's tone.
  std::string post_text;
};

// Every warning for the draft, in the order of ReplyWarningKind; empty when the reply is fine.
// An empty draft yields only kEmpty. Phrase lists (greeting, apology, defensive) cover English
// and Italian whatever the post's language, matched case-insensitively on ASCII-folded text
// ("è" matches "e", "’" matches "'"), on word boundaries. The tone is scored with scorer,
// leaving out apologies ("sorry" is not a negative tone in a reply) and the post's own negative
// words, and warned about below a compound of -0.5.
std::vector<ReplyWarning> CheckReply(const sentiment::Scorer& scorer, const ReplyCheckInput& input);

}  // namespace heed::responder
