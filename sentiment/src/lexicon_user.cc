// Lexicon::WithUserEntries: the operator's extra lexicons (VADER's format) and brand phrase
// overrides, applied to a copy of the built-in lexicon.
#include <array>
#include <string>

#include "lexicon.h"
#include "lexicon_keys.h"

namespace heed::sentiment {
namespace {

// Splits one line of a user lexicon into TAB-separated fields (at most 5 kept).
size_t SplitFields(std::string_view line, std::array<std::string_view, 5>* fields) {
  size_t count = 0;
  while (count < fields->size()) {
    const size_t tab = line.find('\t');
    (*fields)[count++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line = line.substr(tab + 1);
  }
  return count;
}

}  // namespace

Status Lexicon::AddUserEntry(std::string_view language, std::string_view key, float valence,
                             Origin origin) {
  const Tokenizer& tok = *tokenizer_;
  TokenizedText text;
  tok.Tokenize(key, &text);
  if (text.tokens.size() == 1 &&
      (text.tokens[0].kind == TokenKind::kEmoji || text.tokens[0].kind == TokenKind::kEmoticon)) {
    emoji_[std::string(text.Norm(text.tokens[0]))] = valence;
    return Status::Ok();
  }
  const bool words_only = !text.tokens.empty() &&
                          std::all_of(text.tokens.begin(), text.tokens.end(), [](const Token& t) {
                            return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
                          });
  if (!words_only) {
    // Symbol-only keys (VADER's "%-)") are emoticons heed does not tokenize: skipped. Anything
    // else mixing words and symbols is a mistake worth reporting.
    const bool symbols_only = std::none_of(
        text.tokens.begin(), text.tokens.end(),
        [](const Token& t) { return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber; });
    if (symbols_only && origin == Origin::kUser) return Status::Ok();
    return Status::InvalidArgument("key '" + std::string(key) + "' is not a word, phrase or emoji");
  }
  auto apply = [&](LanguageLexicon* lex) -> Status {
    return UpdateKey(tok, key, lex, [&](Entry& e) {
      if (e.origin == Origin::kOverride && origin != Origin::kOverride) return;
      e.valence = valence;
      e.has_valence = true;
      e.origin = origin;
    });
  };
  const bool en = language == "*" || language == "en";
  const bool it = language == "*" || language == "it";
  if (!en && !it) {
    return Status::InvalidArgument("language must be \"en\", \"it\" or \"*\", not '" +
                                   std::string(language) + "'");
  }
  if (en) HEED_RETURN_IF_ERROR(apply(&english_));
  if (it) HEED_RETURN_IF_ERROR(apply(&italian_));
  return apply(&both_);
}

Result<std::unique_ptr<const Lexicon>> Lexicon::WithUserEntries(
    const Lexicon& base, std::span<const UserLexicon> extras,
    std::span<const std::pair<std::string, double>> overrides) {
  std::unique_ptr<Lexicon> lex(new Lexicon(base));
  Hasher hasher;
  for (const UserLexicon& extra : extras) {
    hasher.Mix(extra.language);
    hasher.Mix(extra.text);
    LineReader reader(extra.text);
    std::string_view line;
    int number = 0;
    while (reader.Next(&line, &number)) {
      auto fail = [&](std::string_view why) {
        return Status::InvalidArgument(extra.name + ": line " + std::to_string(number) + ": " +
                                       std::string(why));
      };
      std::array<std::string_view, 5> fields{};
      const size_t count = SplitFields(line, &fields);
      if (count != 2 && count != 4) {
        return fail("expected token<TAB>valence or token<TAB>mean<TAB>std<TAB>ratings");
      }
      if (fields[0].empty()) return fail("empty token");
      float v;
      Status parsed = ParseFloat(fields[1], &v);
      if (!parsed.ok()) return fail(parsed.message());
      if (v < -4.5f || v > 4.5f) return fail("valence out of [-4.5, 4.5]");
      if (count == 4) {
        float sd;
        if (!ParseFloat(fields[2], &sd).ok()) return fail("std is not a number");
      }
      Status added = lex->AddUserEntry(extra.language, fields[0], v, Origin::kUser);
      if (!added.ok()) return fail(added.message());
    }
  }
  for (size_t i = 0; i < overrides.size(); ++i) {
    const std::string& phrase = overrides[i].first;
    const double valence = overrides[i].second;
    hasher.Mix(phrase);
    hasher.Mix(std::to_string(valence));
    auto fail = [&](std::string_view why) {
      return Status::InvalidArgument("phrase override " + std::to_string(i + 1) + " ('" + phrase +
                                     "'): " + std::string(why));
    };
    if (!(valence >= -4.5 && valence <= 4.5)) return fail("valence out of [-4.5, 4.5]");
    Status added = lex->AddUserEntry("*", phrase, static_cast<float>(valence), Origin::kOverride);
    if (!added.ok()) return fail(added.message());
  }
  if (!extras.empty() || !overrides.empty()) lex->version_ += "+user:" + hasher.Hex12();
  lex->StoreRoles();
  return std::unique_ptr<const Lexicon>(std::move(lex));
}

}  // namespace heed::sentiment
