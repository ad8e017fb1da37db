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
#include <utility>
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

// An extra lexicon supplied by the operator, in VADER's format: one entry a line,
// `token<TAB>mean<TAB>std<TAB>raw-ratings` (std and ratings are not used) or `token<TAB>valence`.
// Blank lines and lines starting with '#' are skipped. Valences are on VADER's scale, within
// [-4.5, 4.5]. A token may be a word, a multi-word phrase, an emoji or a listed emoticon; other
// symbol-only tokens (VADER lists emoticons heed does not tokenize, e.g. "%-)") are skipped.
// Entries replace the built-in valence of the same key.
struct UserLexicon {
  std::string language = "*";         // "en", "it", or "*" for both
  std::string text;                   // the file's contents
  std::string name = "user lexicon";  // names the source in error messages, e.g. a path
};

struct ScorerOptions {
  double negative_threshold = -0.05;  // compound <= this is negative
  double positive_threshold = 0.05;   // compound >= this is positive
  std::vector<UserLexicon> extra_lexicons;
  // Brand overrides for both languages, e.g. {"killer feature", 2.5}: the phrase (one or more
  // words) is scored with this valence in place of the words inside it, and wins over built-in
  // and user entries of the same key. Valence within [-4.5, 4.5].
  std::vector<std::pair<std::string, double>> phrase_overrides;
};

class Scorer {
 public:
  // Builds a scorer from the lexicons compiled into the binary (data/lexicon/*) plus the
  // options' extra lexicons and phrase overrides. kInvalidArgument for bad thresholds, and for a
  // malformed extra lexicon line or override, naming the lexicon and line number (or the
  // override's index). With extras, LexiconVersion() is the built-in version followed by
  // "+user:<hash of the extras>".
  static Result<std::unique_ptr<Scorer>> Create(ScorerOptions options);
  // Same as Create; kept for callers that only set thresholds.
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
