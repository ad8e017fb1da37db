#include "lexicon.h"

#include <array>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <map>

#include "lexicon_keys.h"

namespace heed::sentiment {

uint64_t InstanceId::Next() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}
namespace {

constexpr std::string_view kVersionPrefix = "heed-lex-1+";

// Calls fn(line_number, fields) for every non-blank, non-comment line of file. Fields are the
// TAB-separated columns (at most 4), trimmed of '\r' and surrounding spaces.
template <typename F>
Status ForEachLine(const EmbeddedFile& file, F fn) {
  LineReader reader(file.contents);
  std::string_view line;
  int number = 0;
  while (reader.Next(&line, &number)) {
    std::array<std::string_view, 4> fields{};
    size_t count = 0;
    while (count < fields.size()) {
      const size_t tab = line.find('\t');
      fields[count++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    Status s = fn(number, std::span<const std::string_view>(fields.data(), count));
    if (!s.ok()) return s.WithContext(std::string(file.path) + ":" + std::to_string(number));
  }
  return Status::Ok();
}

const EmbeddedFile* FindFile(std::span<const EmbeddedFile> files, std::string_view path) {
  for (const EmbeddedFile& f : files) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

Result<uint8_t> UrgencyFlag(std::string_view name) {
  if (name == "question") return uint8_t{kUrgencyQuestion};
  if (name == "churn") return uint8_t{kUrgencyChurn};
  if (name == "refund") return uint8_t{kUrgencyRefund};
  if (name == "legal") return uint8_t{kUrgencyLegal};
  if (name == "safety") return uint8_t{kUrgencySafety};
  if (name == "profanity") return uint8_t{kUrgencyProfanity};
  return Status::DataLoss("unknown urgency flag '" + std::string(name) + "'");
}

Status RequireFields(std::span<const std::string_view> fields, size_t min, size_t max) {
  if (fields.size() < min || fields.size() > max || fields[0].empty()) {
    return Status::DataLoss("expected " + std::to_string(min) + ".." + std::to_string(max) +
                            " TAB-separated fields");
  }
  return Status::Ok();
}

// Shorter stems collide with unrelated words: Italian "solare" (sunny) and "sola" (alone) both
// stem to "sol".
size_t MinStemSize(StemLanguage language) { return language == StemLanguage::kItalian ? 4 : 3; }

// Builds the stem table of lex for one stemming language from its single-word keys.
LanguageLexicon::StemTable BuildStems(const LanguageLexicon& lex, StemLanguage language) {
  struct Acc {
    double sum = 0;
    int count = 0;
    bool positive = false;
    bool negative = false;
    uint8_t urgency = 0;
  };
  std::map<std::string, Acc, std::less<>> acc;
  for (const auto& [word, entry] : lex.words) {
    if (entry.is_stopword || entry.is_negator() || entry.is_booster || word.size() < 3) continue;
    const uint8_t urgency = entry.urgency & ~kUrgencyQuestion;
    if (!entry.has_valence && urgency == 0) continue;
    const std::string_view stem = Stem(language, word);
    if (stem.size() < MinStemSize(language) ||
        !StemKeepsTone(language, word, stem, StemSide::kLexicon)) {
      continue;
    }
    Acc& a = acc[std::string(stem)];
    a.urgency |= urgency;
    if (entry.has_valence && entry.valence != 0) {
      a.sum += entry.valence;
      ++a.count;
      (entry.valence > 0 ? a.positive : a.negative) = true;
    }
  }
  LanguageLexicon::StemTable table{language, {}, StemPrefixFilter(language)};
  for (const auto& [stem, a] : acc) {
    Entry e;
    e.urgency = a.urgency;
    if (a.count > 0 && !(a.positive && a.negative)) {
      e.valence = static_cast<float>(a.sum / a.count);
      e.has_valence = true;
    }
    if (e.has_valence || e.urgency != 0) {
      table.stems.emplace(stem, e);
      table.filter.Add(stem);
    }
  }
  return table;
}

std::string Hash64Hex(std::span<const EmbeddedFile> files) {
  Hasher hasher;
  for (const EmbeddedFile& f : files) {
    hasher.Mix(f.path);
    hasher.Mix(f.contents);
  }
  return hasher.Hex12();
}

}  // namespace

Status ParseFloat(std::string_view text, float* value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  if (ec != std::errc() || ptr != end) {
    return Status::DataLoss("not a number: '" + std::string(text) + "'");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> KeyTokens(const Tokenizer& tokenizer, std::string_view key) {
  TokenizedText text;
  tokenizer.Tokenize(key, &text);
  std::vector<std::string> words;
  for (const Token& t : text.tokens) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) {
      return Status::DataLoss("key '" + std::string(key) + "' has a non-word token '" +
                              std::string(t.raw) + "'");
    }
    words.emplace_back(text.Norm(t));
  }
  if (words.empty()) return Status::DataLoss("empty key");
  return words;
}

const PhraseTable::Phrase* PhraseTable::MatchAt(const TokenizedText& text, size_t i,
                                                const uint64_t* hashes,
                                                const uint64_t* heads) const {
  auto is_word = [](const Token& t) {
    return t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
  };
  auto hash_of = [&](size_t k) {
    return hashes != nullptr ? hashes[k] : HashKey(text.Norm(text.tokens[k]));
  };
  if (!is_word(text.tokens[i])) return nullptr;
  const uint64_t hash = hash_of(i);
  if (!first_filter_.test(FilterBit(hash))) return nullptr;
  const std::string_view first = text.Norm(text.tokens[i]);
  const uint64_t head = hashes != nullptr && heads != nullptr ? heads[i] : DigestKey(first).head;
  const std::vector<Phrase>* list = by_first_.Find(first, {hash, head});
  if (list == nullptr) return nullptr;
  for (const Phrase& p : *list) {
    if (i + p.words.size() > text.tokens.size()) continue;
    bool match = true;
    for (size_t k = 1; k < p.words.size() && match; ++k) {
      const Token& t = text.tokens[i + k];
      match = is_word(t) && hash_of(i + k) == p.hashes[k] && text.Norm(t) == p.words[k];
    }
    if (match) return &p;
  }
  return nullptr;
}

Status Lexicon::LoadLanguage(std::span<const EmbeddedFile> files, std::string_view code,
                             std::optional<StemLanguage> stem_language, bool overwrite,
                             LanguageLexicon* lex) const {
  const Tokenizer& tok = *tokenizer_;
  auto file = [&](std::string_view name) -> Result<const EmbeddedFile*> {
    const std::string path = std::string(code) + "/" + std::string(name);
    const EmbeddedFile* f = FindFile(files, path);
    if (f == nullptr) return Status::DataLoss("missing lexicon file " + path);
    return f;
  };

  auto valences = [&](std::string_view name) -> Status {
    HEED_ASSIGN_OR_RETURN(const EmbeddedFile* f, file(name));
    return ForEachLine(*f, [&](int, std::span<const std::string_view> fields) -> Status {
      HEED_RETURN_IF_ERROR(RequireFields(fields, 2, 2));
      float v;
      HEED_RETURN_IF_ERROR(ParseFloat(fields[1], &v));
      if (v < -4.5f || v > 4.5f) return Status::DataLoss("valence out of [-4.5, 4.5]");
      return UpdateKey(tok, fields[0], lex, [&](Entry& e) {
        if (e.has_valence && !overwrite) return;
        e.valence = v;
        e.has_valence = true;
      });
    });
  };
  HEED_RETURN_IF_ERROR(valences("valence.tsv"));
  HEED_RETURN_IF_ERROR(valences("idioms.tsv"));

  {
    HEED_ASSIGN_OR_RETURN(const EmbeddedFile* f, file("negators.tsv"));
    Status loaded = ForEachLine(*f, [&](int, std::span<const std::string_view> fields) {
      HEED_RETURN_IF_ERROR(RequireFields(fields, 2, 3));
      float factor;
      HEED_RETURN_IF_ERROR(ParseFloat(fields[1], &factor));
      if (factor >= 0 || factor < -2) return Status::DataLoss("negation factor must be in [-2, 0)");
      const bool never = fields.size() == 3 && fields[2] == "never";
      const bool post = fields.size() == 3 && fields[2] == "post";
      if (fields.size() == 3 && !never && !post) {
        return Status::DataLoss("third field must be 'never' or 'post'");
      }
      return UpdateKey(tok, fields[0], lex, [&](Entry& e) {
        if (e.is_negator() && !overwrite) return;
        e.negation = factor;
        e.is_never = never;
        e.post_negator = post;
      });
    });
    if (!loaded.ok()) return loaded;
  }
  {
    HEED_ASSIGN_OR_RETURN(const EmbeddedFile* f, file("boosters.tsv"));
    Status loaded = ForEachLine(*f, [&](int, std::span<const std::string_view> fields) {
      HEED_RETURN_IF_ERROR(RequireFields(fields, 2, 3));
      float weight;
      HEED_RETURN_IF_ERROR(ParseFloat(fields[1], &weight));
      if (weight < -1 || weight > 1) return Status::DataLoss("booster weight out of [-1, 1]");
      const bool post = fields.size() == 3 && fields[2] == "post";
      if (fields.size() == 3 && !post) return Status::DataLoss("third field must be 'post'");
      return UpdateKey(tok, fields[0], lex, [&](Entry& e) {
        if (e.is_booster && !overwrite) return;
        e.booster = weight;
        e.is_booster = true;
        e.post_booster = post;
      });
    });
    if (!loaded.ok()) return loaded;
  }
  {
    HEED_ASSIGN_OR_RETURN(const EmbeddedFile* f, file("contrast.txt"));
    Status loaded = ForEachLine(*f, [&](int, std::span<const std::string_view> fields) {
      HEED_RETURN_IF_ERROR(RequireFields(fields, 1, 1));
      return UpdateKey(tok, fields[0], lex, [](Entry& e) { e.is_contrast = true; });
    });
    if (!loaded.ok()) return loaded;
  }
  {
    HEED_ASSIGN_OR_RETURN(const EmbeddedFile* f, file("stopwords.txt"));
    Status loaded = ForEachLine(*f, [&](int, std::span<const std::string_view> fields) {
      HEED_RETURN_IF_ERROR(RequireFields(fields, 1, 1));
      return UpdateKey(tok, fields[0], lex, [](Entry& e) { e.is_stopword = true; });
    });
    if (!loaded.ok()) return loaded;
  }
  {
    HEED_ASSIGN_OR_RETURN(const EmbeddedFile* f, file("urgency.tsv"));
    Status loaded = ForEachLine(*f, [&](int, std::span<const std::string_view> fields) {
      HEED_RETURN_IF_ERROR(RequireFields(fields, 2, 2));
      HEED_ASSIGN_OR_RETURN(uint8_t flag, UrgencyFlag(fields[0]));
      HEED_ASSIGN_OR_RETURN(std::vector<std::string> words, KeyTokens(tok, fields[1]));
      if (words.size() == 1) {
        lex->words[words.front()].urgency |= flag;
      } else {
        lex->urgency_phrases.Update(words, [flag](Entry& e) { e.urgency |= flag; });
      }
      return Status::Ok();
    });
    if (!loaded.ok()) return loaded;
  }
  if (stem_language) lex->stem_tables.push_back(BuildStems(*lex, *stem_language));
  return Status::Ok();
}

Result<std::unique_ptr<const Lexicon>> Lexicon::FromFiles(std::span<const EmbeddedFile> files) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  lex->version_ = std::string(kVersionPrefix) + Hash64Hex(files);

  // Emoji first: the emoticons (the ASCII keys) configure the tokenizer every other key uses.
  const EmbeddedFile* emoji = FindFile(files, "emoji.tsv");
  if (emoji == nullptr) return Status::DataLoss("missing lexicon file emoji.tsv");
  struct Raw {
    std::string key;
    float valence;
  };
  std::vector<Raw> raw;
  StringSet emoticons;
  Status loaded = ForEachLine(*emoji, [&](int, std::span<const std::string_view> fields) {
    HEED_RETURN_IF_ERROR(RequireFields(fields, 2, 2));
    float v;
    HEED_RETURN_IF_ERROR(ParseFloat(fields[1], &v));
    const bool ascii = std::all_of(fields[0].begin(), fields[0].end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
      // A longer all-letter "emoticon" would swallow that word everywhere; "xD" is the limit.
      const bool has_symbol = std::any_of(fields[0].begin(), fields[0].end(), [](char c) {
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
      });
      if ((!has_symbol && fields[0].size() > 2) || fields[0].size() < 2) {
        return Status::DataLoss("emoticon '" + std::string(fields[0]) + "' needs a symbol");
      }
      emoticons.emplace(fields[0]);
    }
    raw.push_back(Raw{std::string(fields[0]), v});
    return Status::Ok();
  });
  if (!loaded.ok()) return loaded;
  lex->tokenizer_ = std::make_shared<const Tokenizer>(emoticons);
  for (const Raw& r : raw) {
    TokenizedText text;
    lex->tokenizer_->Tokenize(r.key, &text);
    if (text.tokens.size() != 1 ||
        (text.tokens[0].kind != TokenKind::kEmoji && text.tokens[0].kind != TokenKind::kEmoticon)) {
      return Status::DataLoss("emoji.tsv: '" + r.key + "' is not one emoji or emoticon");
    }
    lex->emoji_[std::string(text.Norm(text.tokens[0]))] = r.valence;
  }

  lex->english_.code = "en";
  lex->italian_.code = "it";
  lex->both_.code = "*";
  lex->english_.negation_window = 3;
  // Italian clitics and auxiliaries sit between the negator and the word ("non mi è piaciuto").
  lex->italian_.negation_window = 4;
  lex->both_.negation_window = 3;
  HEED_RETURN_IF_ERROR(
      lex->LoadLanguage(files, "en", StemLanguage::kEnglish, true, &lex->english_));
  HEED_RETURN_IF_ERROR(
      lex->LoadLanguage(files, "it", StemLanguage::kItalian, true, &lex->italian_));
  // The union: English wins where both languages define a key ("no", "super").
  HEED_RETURN_IF_ERROR(lex->LoadLanguage(files, "en", std::nullopt, true, &lex->both_));
  HEED_RETURN_IF_ERROR(lex->LoadLanguage(files, "it", std::nullopt, false, &lex->both_));
  // Each language's stems come from its own words only.
  lex->both_.stem_tables = lex->english_.stem_tables;
  lex->both_.stem_tables.insert(lex->both_.stem_tables.end(), lex->italian_.stem_tables.begin(),
                                lex->italian_.stem_tables.end());
  lex->StoreRoles();
  return std::unique_ptr<const Lexicon>(std::move(lex));
}

Result<const Lexicon*> Lexicon::Default() {
  // Never destroyed: Scorers and DetectLanguage may run during static destruction.
  static const auto* loaded =
      new Result<std::unique_ptr<const Lexicon>>(FromFiles(EmbeddedLexiconFiles()));
  if (!loaded->ok()) return loaded->status();
  return loaded->value().get();
}

void Lexicon::StoreRoles() {
  auto store = [](Entry& e) { e.roles = e.RolesOf(); };
  for (LanguageLexicon* lex : {&english_, &italian_, &both_}) {
    for (auto& [key, entry] : lex->words) store(entry);
    lex->phrases.ForEachEntry(store);
    lex->urgency_phrases.ForEachEntry(store);
    for (LanguageLexicon::StemTable& table : lex->stem_tables) {
      for (auto& [stem, entry] : table.stems) store(entry);
    }
  }
}

const LanguageLexicon& Lexicon::ForLanguage(std::string_view code) const {
  if (code == "en") return english_;
  if (code == "it") return italian_;
  return both_;
}

}  // namespace heed::sentiment
