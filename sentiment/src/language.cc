#include "language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>

#include "heed/sentiment/scorer.h"
#include "input.h"

namespace heed::sentiment {
namespace {

// Below this many words CLD2's answer is a guess even when it says it is reliable.
constexpr int kMinWordsForCld2 = 6;

char AsciiLowerChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Evidence for English and Italian from the words of the text: function words weigh 1, lexicon
// words 0.5, and words both languages know weigh nothing.
struct Evidence {
  double en = 0;
  double it = 0;
  int words = 0;
};

Evidence CountEvidence(const TokenizedText& text, const Lexicon& lexicon) {
  Evidence ev;
  const LanguageLexicon& en = lexicon.english();
  const LanguageLexicon& it = lexicon.italian();
  auto weight = [](const Entry* e) {
    if (e == nullptr) return 0.0;
    if (e->is_stopword || e->is_negator() || e->is_contrast) return 1.0;
    return (e->has_valence || e->is_booster) ? 0.5 : 0.0;
  };
  for (const Token& t : text.tokens) {
    if (t.kind != TokenKind::kWord) continue;
    ++ev.words;
    const std::string_view key = text.Norm(t);
    const KeyDigest digest = DigestKey(key);
    const double w_en = weight(en.FindWord(key, digest));
    const double w_it = weight(it.FindWord(key, digest));
    if (w_en > 0 && w_it > 0) continue;
    ev.en += w_en;
    ev.it += w_it;
  }
  return ev;
}

// For short posts without a known word: inflected forms found by stem count half.
void AddStemEvidence(const TokenizedText& text, const Lexicon& lexicon, Evidence* ev) {
  auto known_stem = [](const LanguageLexicon& lex, std::string_view key) {
    for (const LanguageLexicon::StemTable& table : lex.stem_tables) {
      const Entry* e = table.Find(key);
      if (e != nullptr && e->has_valence) return true;
    }
    return false;
  };
  for (const Token& t : text.tokens) {
    if (t.kind != TokenKind::kWord || t.norm_size < 4) continue;
    const std::string_view key = text.Norm(t);
    const bool en = known_stem(lexicon.english(), key);
    const bool it = known_stem(lexicon.italian(), key);
    if (en != it) (en ? ev->en : ev->it) += 0.5;
  }
}

}  // namespace

std::string_view SupportedLanguageFromHint(std::string_view hint) {
  if (hint.size() < 2) return {};
  if (hint.size() > 2 && hint[2] != '-' && hint[2] != '_') return {};
  const char a = AsciiLowerChar(hint[0]);
  const char b = AsciiLowerChar(hint[1]);
  if (a == 'e' && b == 'n') return "en";
  if (a == 'i' && b == 't') return "it";
  return {};
}

std::string DetectLanguageOfTokens(std::string_view text, const TokenizedText& tokens,
                                   const Lexicon& lexicon) {
  Evidence ev = CountEvidence(tokens, lexicon);
  if (ev.words == 0) return "und";
  if (ev.en == ev.it && ev.words < kMinWordsForCld2) AddStemEvidence(tokens, lexicon, &ev);

  // Clear word evidence settles it without CLD2, which costs far more than scoring a post.
  const double strong = std::max(ev.en, ev.it);
  const double weak = std::min(ev.en, ev.it);
  if (strong >= 2 && strong >= 3 * weak + 2 && strong >= 0.3 * ev.words) {
    return ev.en > ev.it ? "en" : "it";
  }

  bool reliable = false;
  const CLD2::Language detected = CLD2::DetectLanguage(text.data(), static_cast<int>(text.size()),
                                                       /*is_plain_text=*/true, &reliable);
  std::string code = detected == CLD2::UNKNOWN_LANGUAGE ? "und" : CLD2::LanguageCode(detected);

  if (reliable && ev.words >= kMinWordsForCld2) {
    // A long post: trust CLD2, unless it says one of our languages and the words clearly say
    // the other (CLD2 can be swayed by names and loanwords).
    if (code == "en" && ev.it >= 2 * ev.en + 2) return "it";
    if (code == "it" && ev.en >= 2 * ev.it + 2) return "en";
    return code;
  }
  if (ev.en != ev.it) return ev.en > ev.it ? "en" : "it";
  // CLD2 answers English for short text it cannot tell; without word evidence that is a guess.
  if (reliable) return code;
  return "und";
}

std::string DetectLanguage(std::string_view utf8) {
  Result<const Lexicon*> lexicon = Lexicon::Default();
  if (!lexicon.ok()) return "und";
  std::string storage;
  const std::string_view text = PrepareInput(utf8, &storage);
  thread_local TokenizedText tokens;
  tokens.Clear();
  (*lexicon)->tokenizer().Tokenize(text, &tokens);
  return DetectLanguageOfTokens(text, tokens, **lexicon);
}

}  // namespace heed::sentiment
