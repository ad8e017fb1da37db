// Lexicon-based sentiment scoring for short public posts, English and Italian, in the VADER
// style: token valences adjusted by negation, intensifiers, "but"/"ma" shifts, caps and "!"
// emphasis, then normalised to a compound score in [-1, 1]. Every adjustment is recorded so the
// score can be explained to the operator.
//
// A Scorer is immutable after construction: safe for concurrent use from many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/result.h"

namespace heed::sentiment {

enum class Label { kNegative, kNeutral, kPositive };
std::string_view LabelName(Label label);  // "negative", "neutral", "positive"

// One reason the score moved.
struct Contribution {
  std::string token;  // the word, emoji or phrase as it appeared
  double valence;     // its final contribution after rules
  std::string rule;   // e.g. "lexicon", "negated by 'non'", "intensified by 'very'"
};

// Signals that raise urgency whatever the tone.
struct Urgency {
  bool question = false;  // a question addressed to the brand
  bool churn = false;     // cancel, switch provider, disdire...
  bool refund = false;    // refund, money back, rimborso...
  bool legal = false;     // lawyer, sue, avvocato, denuncia...
  bool safety = false;    // fire, injury, dangerous, pericoloso...
  bool profanity = false;
  bool any() const { return question || churn || refund || legal || safety || profanity; }
  // Comma-separated names of the raised flags, e.g. "question,refund"; empty when none.
  std::string ToString() const;
};

struct Score {
  double compound = 0;  // [-1, 1]
  Label label = Label::kNeutral;
  std::string language;                     // "en", "it", or "und" when neither could be told
  std::vector<Contribution> contributions;  // in text order
  Urgency urgency;
  // One line per contribution plus rule notes, for `heed show`.
  std::string Explain() const;
};

struct ScorerOptions {
  double negative_threshold = -0.05;  // compound <= this is negative
  double positive_threshold = 0.05;   // compound >= this is positive
};

class Scorer {
 public:
  // Builds a scorer from the lexicons compiled into the binary (data/lexicon/*).
  static Result<std::unique_ptr<Scorer>> CreateDefault(ScorerOptions options = {});
  virtual ~Scorer() = default;

  // Scores utf8 text. language_hint is the platform's ISO-639-1 tag ("en", "it") or empty;
  // when empty or unsupported, the language is detected. Never fails: invalid UTF-8 is
  // sanitised and empty text scores neutral. Only the first 64 KiB are scored.
  //
  // Language: a hint naming "en" or "it" (by prefix: "en-US", "it_IT") wins; otherwise
  // DetectLanguage decides. Score::language is that code, which may be another language ("fr")
  // or "und"; such texts are scored with the union of the English and Italian lexicons
  // (English wins where both define a word), so emoji, emoticons and shared or borrowed words
  // still count.
  virtual Score Analyze(std::string_view utf8, std::string_view language_hint) const = 0;

  // Version of the lexicons in use, recorded with every stored score.
  virtual std::string_view LexiconVersion() const = 0;
};

// Detects "en" or "it" (the languages heed scores), or another ISO-639-1 code, or "und".
// CLD2 decides for posts of six words or more; shorter ones (where CLD2 guesses English) are
// decided by counting English vs Italian function words and lexicon words. Thread-safe.
std::string DetectLanguage(std::string_view utf8);

}  // namespace heed::sentiment
