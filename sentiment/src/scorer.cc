#include "heed/sentiment/scorer.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "input.h"
#include "language.h"
#include "lexicon.h"
#include "rules.h"
#include "tokenizer.h"

namespace heed::sentiment {
namespace {

// VADER's normalisation: maps a raw sum to (-1, 1); alpha is the sum at which |compound| ~ 0.97
// of the way to saturation for typical posts.
constexpr double kNormalizationAlpha = 15.0;

double Normalize(double sum) {
  if (sum == 0) return 0;
  const double c = sum / std::sqrt(sum * sum + kNormalizationAlpha);
  return std::clamp(c, -1.0, 1.0);
}

class LexiconScorer final : public Scorer {
 public:
  // owned is null for the default lexicon, else the lexicon itself.
  LexiconScorer(const Lexicon* lexicon, std::unique_ptr<const Lexicon> owned, double negative,
                double positive)
      : lexicon_(lexicon), owned_(std::move(owned)), negative_(negative), positive_(positive) {}

  Score Analyze(std::string_view utf8, std::string_view language_hint) const override {
    Score score;
    // The text and the folded keys go to padded buffers: the rules read keys 8 bytes at a time
    // (kKeyPadding). Copying a post costs less than a branch mispredicted per word.
    thread_local std::string padded;
    PreparePaddedInput(utf8, kKeyPadding, &padded);
    const std::string_view text(padded.data(), padded.size() - kKeyPadding);

    thread_local TokenizedText tokens;
    tokens.Clear();
    lexicon_->tokenizer().Tokenize(text, &tokens);
    tokens.norm.append(kKeyPadding, '\0');  // after the last key; Norm() views exclude it

    const std::string_view hinted = SupportedLanguageFromHint(language_hint);
    score.language =
        hinted.empty() ? DetectLanguageOfTokens(text, tokens, *lexicon_) : std::string(hinted);

    const double sum = ApplyRules(tokens, lexicon_->ForLanguage(score.language), lexicon_->emoji(),
                                  &lexicon_->tokenizer(), &score);
    score.compound = Normalize(sum);
    if (score.compound >= positive_) {
      score.label = Label::kPositive;
    } else if (score.compound <= negative_) {
      score.label = Label::kNegative;
    } else {
      score.label = Label::kNeutral;
    }
    return score;
  }

  std::string_view LexiconVersion() const override { return lexicon_->version(); }

 private:
  const Lexicon* lexicon_;                // the default lexicon (never destroyed) or owned_
  std::unique_ptr<const Lexicon> owned_;  // with the user's extras, when there are any
  double negative_;
  double positive_;
};

void AppendFixed(std::string* out, double v, int precision) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed, precision);
  if (ec == std::errc()) out->append(buf, end);
}

}  // namespace

std::string_view LabelName(Label label) {
  switch (label) {
    case Label::kNegative:
      return "negative";
    case Label::kNeutral:
      return "neutral";
    case Label::kPositive:
      return "positive";
  }
  return "neutral";
}

std::string Urgency::ToString() const {
  std::string out;
  auto add = [&out](bool flag, std::string_view name) {
    if (!flag) return;
    if (!out.empty()) out.push_back(',');
    out.append(name);
  };
  add(question, "question");
  add(churn, "churn");
  add(refund, "refund");
  add(legal, "legal");
  add(safety, "safety");
  add(profanity, "profanity");
  return out;
}

std::string Score::Explain() const {
  std::string out;
  out.append(LabelName(label));
  out.append(" (compound ");
  AppendFixed(&out, compound, 3);
  out.append(", language ");
  out.append(language.empty() ? "und" : language);
  out.append(")\n");
  if (urgency.any()) {
    out.append("urgency: ");
    out.append(urgency.ToString());
    out.push_back('\n');
  }
  if (contributions.empty()) out.append("  no sentiment-bearing words\n");
  for (const Contribution& c : contributions) {
    out.append("  ");
    if (c.valence >= 0) out.push_back('+');
    AppendFixed(&out, c.valence, 2);
    out.append("  ");
    out.append(c.token);
    out.append("  <- ");
    out.append(c.rule);
    out.push_back('\n');
  }
  return out;
}

Result<std::unique_ptr<Scorer>> Scorer::CreateDefault(ScorerOptions options) {
  return Create(std::move(options));
}

Result<std::unique_ptr<Scorer>> Scorer::Create(ScorerOptions options) {
  if (!(options.negative_threshold <= 0 && options.positive_threshold >= 0 &&
        options.negative_threshold >= -1 && options.positive_threshold <= 1)) {
    return Status::InvalidArgument(
        "sentiment thresholds must satisfy -1 <= negative <= 0 <= positive <= 1");
  }
  HEED_ASSIGN_OR_RETURN(const Lexicon* lexicon, Lexicon::Default());
  std::unique_ptr<const Lexicon> owned;
  if (!options.extra_lexicons.empty() || !options.phrase_overrides.empty()) {
    HEED_ASSIGN_OR_RETURN(owned, Lexicon::WithUserEntries(*lexicon, options.extra_lexicons,
                                                          options.phrase_overrides));
    lexicon = owned.get();
  }
  return std::unique_ptr<Scorer>(new LexiconScorer(
      lexicon, std::move(owned), options.negative_threshold, options.positive_threshold));
}

}  // namespace heed::sentiment
