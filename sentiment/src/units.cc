#include "units.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <iterator>
#include <memory>

#include "rules.h"
#include "stemmer.h"
#include "word_cache.h"

namespace heed::sentiment {

std::string_view SourceName(Source s) {
  switch (s) {
    case Source::kLexicon:
      return "lexicon";
    case Source::kSpelling:
      return "lexicon (spelling)";
    case Source::kIdiom:
      return "idiom";
    case Source::kStem:
      return "lexicon (stem)";
    case Source::kEmoji:
      return "emoji";
    case Source::kEmoticon:
      return "emoticon";
    case Source::kHashtag:
      return "hashtag";
    case Source::kHashtagWords:
      return "hashtag words";
    case Source::kLaughter:
      return "laughter";
    case Source::kUser:
      return "user lexicon";
    case Source::kOverride:
      return "override";
    case Source::kNone:
      break;
  }
  return "";
}

namespace {

// English "n't" forms that the lexicon does not list are negators all the same.
constexpr Entry kNtNegator = [] {
  Entry e;
  e.negation = static_cast<float>(kDefaultNegation);
  e.roles = e.RolesOf();
  return e;
}();

bool IsFunctionWord(const Entry* e) {
  return e != nullptr && (e->is_stopword || e->is_negator() || e->is_booster || e->is_contrast);
}

// "perche'" -> "perchè" then "perche"; "customers'" -> "customers". nullptr when neither is known.
const Entry* FindSpellingVariant(const LanguageLexicon& lex, std::string_view key,
                                 std::string* scratch) {
  if (key.size() < 2 || key.back() != '\'') return nullptr;
  const std::string_view stem = key.substr(0, key.size() - 2);
  std::string_view accented;
  switch (key[key.size() - 2]) {
    case 'a':
      accented = "à";
      break;
    case 'e':
      accented = "è";
      break;
    case 'i':
      accented = "ì";
      break;
    case 'o':
      accented = "ò";
      break;
    case 'u':
      accented = "ù";
      break;
    default:
      break;
  }
  if (!accented.empty()) {
    scratch->assign(stem);
    scratch->append(accented);
    if (const Entry* e = lex.FindWord(*scratch)) return e;
  }
  return lex.FindWord(key.substr(0, key.size() - 1));
}

// What one pass over a key that missed the lexicon tells: whether it has three equal ASCII bytes
// in a row ("sooo", maybe elongated) and whether it is written only with laughter's letters
// ("ahahah"). Both are rare; computed without a branch per letter, so the common answer (neither)
// costs the processor no mispredicted branch but the loop's end.
struct KeyShape {
  bool run_of_three = false;
  bool laughter_letters = false;
};
// head: DigestKey(key).head. Keys of up to 8 bytes (most) are told by SWAR on it.
KeyShape ShapeOf(std::string_view key, uint64_t head) {
  const size_t n = key.size();
  if (std::endian::native == std::endian::little && n <= 8) {
    constexpr uint64_t k01 = 0x0101010101010101ull, k7F = k01 * 0x7F, k80 = k01 * 0x80;
    // 0x80 in each byte of v that is 0 (exact: no carry crosses a byte).
    auto zero_bytes = [](uint64_t v) { return ~(((v & k7F) + k7F) | v) & k80; };
    const uint64_t in_key = key_internal::FirstBytesMask(n) & k80;  // bytes [0, n)
    uint64_t laughter = 0;
    for (const char c : std::string_view("hjaei")) {
      laughter |= zero_bytes(head ^ (k01 * static_cast<unsigned char>(c)));
    }
    // Byte k equal to bytes k - 1 and k - 2 (head << 8 moves byte k - 1 to k), for k >= 2.
    const uint64_t run =
        zero_bytes(head ^ (head << 8)) & zero_bytes(head ^ (head << 16)) & in_key & ~0xFFFFull;
    return {run != 0, (laughter & in_key) == in_key};
  }
  static constexpr auto kNotLaughter = [] {
    std::array<uint8_t, 256> table{};
    table.fill(1);
    for (const char c : std::string_view("hjaei")) table[static_cast<unsigned char>(c)] = 0;
    return table;
  }();
  unsigned run = 0, other_letter = 0;
  unsigned prev1 = 0x100, prev2 = 0x100;  // the bytes before; 0x100 equals no byte
  for (const char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    other_letter |= kNotLaughter[c];
    run |= (c == prev1) & (c == prev2);  // FindElongated then checks the run is ASCII
    prev2 = prev1;
    prev1 = c;
  }
  return {run != 0, other_letter == 0};
}

// Three equal ASCII bytes in a row ("sooo"): most words have none, and are not elongated.
bool HasRunOfThree(std::string_view key) {
  for (size_t i = 2; i < key.size(); ++i) {
    if (key[i] == key[i - 1] && key[i] == key[i - 2] && static_cast<unsigned char>(key[i]) < 0x80) {
      return true;
    }
  }
  return false;
}

// "goooood" -> "good" (runs cut to two letters), then "god"-style runs of one: "grazieeee" ->
// "grazie". Only ASCII letters are collapsed. nullptr unless a variant has a valence.
const Entry* FindElongated(const LanguageLexicon& lex, std::string_view key, std::string* scratch) {
  if (!HasRunOfThree(key)) return nullptr;
  for (size_t keep : {2, 1}) {
    scratch->clear();
    size_t run = 0;
    for (size_t i = 0; i < key.size(); ++i) {
      run = (i > 0 && key[i] == key[i - 1]) ? run + 1 : 1;
      if (run <= keep || static_cast<unsigned char>(key[i]) >= 0x80) scratch->push_back(key[i]);
    }
    const Entry* e = lex.FindWord(*scratch);
    if (e != nullptr && e->has_valence) return e;
  }
  return nullptr;
}

const Entry* FindStem(const LanguageLexicon& lex, std::string_view key) {
  for (const LanguageLexicon::StemTable& table : lex.stem_tables) {
    if (const Entry* e = table.Find(key)) return e;
  }
  return nullptr;
}

// Italian absolute superlatives the lexicon does not list: "scortesissima" -> "scortese",
// "lentissimi" -> "lento". nullptr unless the base word has a valence.
const Entry* FindSuperlative(const LanguageLexicon& lex, std::string_view key,
                             std::string* scratch) {
  if (key.size() < 9) return nullptr;
  const std::string_view tail = key.substr(key.size() - 6);
  if (!tail.starts_with("issim") ||
      std::string_view("oaie").find(tail.back()) == std::string_view::npos) {
    return nullptr;
  }
  const std::string_view base = key.substr(0, key.size() - 6);
  for (char ending : {'o', 'e', 'a'}) {
    scratch->assign(base);
    scratch->push_back(ending);
    const Entry* e = lex.FindWord(*scratch);
    if (e == nullptr) e = FindStem(lex, *scratch);
    if (e != nullptr && e->has_valence) return e;
  }
  return nullptr;
}

void SetValence(Unit* u, const Entry* e, Source source) {
  if (e != nullptr && e->has_valence) {
    u->base = e->valence;
    u->has_valence = true;
    u->source = e->origin == Origin::kUser       ? Source::kUser
                : e->origin == Origin::kOverride ? Source::kOverride
                                                 : source;
  }
}

// Laughter written out: "haha", "ahahahah", "hahah", "hehehe", "eheh", "ihih", "jajaja" (only
// the letters of one laugh, at least two of each, alternating).
bool IsLaughter(std::string_view key) {
  if (key.size() < 4 || key.size() > 40) return false;
  char vowel = 0;
  int hs = 0, vowels = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == 'h' || c == 'j') {
      ++hs;
    } else if (c == 'a' || c == 'e' || c == 'i') {
      if (vowel != 0 && c != vowel) return false;
      vowel = c;
      ++vowels;
    } else {
      return false;
    }
    // At most two equal letters in a row ("ahh" is a sigh, not a laugh).
    if (i >= 2 && key[i] == key[i - 1] && key[i] == key[i - 2]) return false;
  }
  return hs >= 2 && vowels >= 2;
}

// A CamelCase or snake_case hashtag scored by its words ("#NonMiPiace" -> "non mi piace",
// "#epic_fail"): phrases first, negators flip the words after them. Returns false when no word
// carries a valence. Only runs for hashtags the lexicon does not know as one word.
bool HashtagWordsValence(std::string_view raw, const LanguageLexicon& lex, const Tokenizer* tok,
                         float* valence) {
  if (tok == nullptr || raw.size() < 4) return false;
  thread_local std::string spaced;
  thread_local TokenizedText parts;
  spaced.clear();
  bool split = false;
  for (size_t i = 1; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    const auto prev = static_cast<unsigned char>(raw[i - 1]);
    if (c == '_') {
      spaced.push_back(' ');
      split = true;
      continue;
    }
    if (i > 1 && c >= 'A' && c <= 'Z' && ((prev >= 'a' && prev <= 'z') || prev >= 0x80)) {
      spaced.push_back(' ');
      split = true;
    }
    spaced.push_back(static_cast<char>(c));
  }
  if (!split) return false;
  parts.Clear();
  tok->Tokenize(spaced, &parts);
  float sum = 0, negation = 1;
  bool found = false;
  for (size_t i = 0; i < parts.tokens.size(); ++i) {
    const Entry* e = nullptr;
    if (const PhraseTable::Phrase* p = lex.phrases.Match(parts, i)) {
      e = &p->entry;
      i += p->words.size() - 1;
    } else {
      e = lex.FindWord(parts.Norm(parts.tokens[i]));
    }
    if (e == nullptr) continue;
    if (e->has_valence) {
      sum += e->valence * negation;
      found = true;
      negation = 1;
    } else if (e->is_negator()) {
      negation = e->negation;
    }
  }
  *valence = sum;
  return found && sum != 0;
}

// English "like" is a verb of liking only after its subject or an auxiliary ("I like", "we
// really like", "don't like", "to like"); elsewhere it compares or hedges ("looks like", "like
// a rock", "like 5 minutes", "would like a refund") and carries no tone.
bool LikeIsAVerb(const TokenizedText& text, size_t i) {
  static constexpr std::string_view kBefore[] = {
      "i",     "we",         "you",    "they",   "u",     "ya",        "people",   "ppl",
      "who",   "everyone",   "really", "also",   "do",    "does",      "did",      "don't",
      "dont",  "doesn't",    "doesnt", "didn't", "didnt", "to",        "actually", "totally",
      "still", "definitely", "kinda",  "always", "truly", "genuinely", "honestly", "all",
      "both",  "yall",       "y'all",  "guys",   "def",   "rly",       "srsly",    "seriously"};
  if (i == 0) return false;
  const Token& prev = text.tokens[i - 1];
  if (prev.kind != TokenKind::kWord) return false;
  const std::string_view key = text.Norm(prev);
  return std::find(std::begin(kBefore), std::end(kBefore), key) != std::end(kBefore);
}

// English "so bad" after wanting or needing is a degree, not a judgement: "I want it so bad",
// "we need a holiday so badly". True when the word at i is "bad" or "badly" after a degree word
// ("so", "really", "soo") or "badly" alone, with want/need earlier in the same clause.
bool BadMeansBadly(const TokenizedText& text, size_t i) {
  static constexpr std::string_view kDegree[] = {"so",   "soo",  "sooo", "really",
                                                 "real", "very", "too"};
  static constexpr std::string_view kWant[] = {"want",    "wants", "wanted", "wanting",
                                               "wanna",   "need",  "needs",  "needed",
                                               "needing", "needa", "gotta",  "craving"};
  const std::string_view key = text.Norm(text.tokens[i]);
  if (key == "bad") {
    if (i == 0 || text.tokens[i - 1].kind != TokenKind::kWord) return false;
    const std::string_view prev = text.Norm(text.tokens[i - 1]);
    if (std::find(std::begin(kDegree), std::end(kDegree), prev) == std::end(kDegree)) return false;
  } else if (key != "badly") {
    return false;
  }
  int words = 0;
  for (size_t p = i; p-- > 0 && words < 8;) {
    const Token& t = text.tokens[p];
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber &&
        t.kind != TokenKind::kMention) {
      return false;  // the clause ends here
    }
    ++words;
    const std::string_view w = text.Norm(t);
    if (std::find(std::begin(kWant), std::end(kWant), w) != std::end(kWant)) return true;
  }
  return false;
}

// BuildWordUnit for a word that is not in the lexicon with a valence or as a function word:
// spelling variants, "n't", elongation, laughter, stem, superlative. e: its entry, if any; head:
// DigestKey(key).head.
void ResolveFallbacks(const LanguageLexicon& lex, const Token& t, std::string_view key,
                      uint64_t head, const Entry* e, std::string* scratch, Unit* u) {
  Source source = Source::kLexicon;
  if (const Entry* v = FindSpellingVariant(lex, key, scratch)) {
    e = v;
    source = Source::kSpelling;
  }
  if (e == nullptr && key.size() > 3 && key.ends_with("n't")) e = &kNtNegator;
  u->entry = e;
  u->urgency = e != nullptr ? e->urgency : 0;
  if (e != nullptr && (e->has_valence || IsFunctionWord(e))) {
    SetValence(u, e, source);
    return;
  }
  const KeyShape shape = ShapeOf(key, head);
  if (const Entry* v = shape.run_of_three ? FindElongated(lex, key, scratch) : nullptr) {
    u->entry = v;
    u->emphasis = "elongated";
    u->urgency |= v->urgency;
    SetValence(u, v, Source::kLexicon);
    return;
  }
  if (shape.laughter_letters && IsLaughter(key)) {
    u->base = kLaughterValence;
    u->has_valence = true;
    u->source = Source::kLaughter;
    return;
  }
  // Stemming is the costly step: only for words long enough to carry an inflection.
  if (t.kind == TokenKind::kWord && key.size() >= 4) {
    if (const Entry* s = FindStem(lex, key)) {
      u->urgency |= s->urgency;
      SetValence(u, s, Source::kStem);
      if (u->has_valence) return;
    }
  }
  if (const Entry* s = FindSuperlative(lex, key, scratch)) {
    u->emphasis = "superlative";
    SetValence(u, s, Source::kStem);
  }
}

void BuildWordUnit(const LanguageLexicon& lex, const Token& t, std::string_view key,
                   const KeyDigest& digest, std::string* scratch, Unit* u) {
  const Entry* e = lex.FindWord(key, digest);
  const uint64_t hash = digest.hash;
  if (e != nullptr && (e->has_valence || IsFunctionWord(e))) {
    u->entry = e;
    u->urgency = e->urgency;
    SetValence(u, e, Source::kLexicon);
    return;
  }
  // On the heap, made by a thread's first miss: a thread that never scores (a server's I/O
  // threads) pays neither the 128 KiB nor zeroing it at its start.
  thread_local std::unique_ptr<WordFallbackCache> cache_storage;
  if (cache_storage == nullptr) cache_storage = std::make_unique<WordFallbackCache>();
  WordFallbackCache& cache = *cache_storage;
  const bool is_word = t.kind == TokenKind::kWord;
  const uint64_t lexicon_id = lex.id.value();
  if (const WordFallbackCache::Outcome* o = cache.Find(lexicon_id, is_word, key, digest)) {
    u->entry = o->entry;
    u->emphasis = o->emphasis;
    u->base = o->base;
    u->urgency = o->urgency;
    u->has_valence = o->has_valence;
    u->source = o->source;
    return;
  }
  ResolveFallbacks(lex, t, key, digest.head, e, scratch, u);
  cache.Put(lexicon_id, is_word, key, hash,
            {u->entry, u->emphasis, u->base, u->urgency, u->has_valence, u->source});
}

}  // namespace

void BuildUnits(const TokenizedText& text, const LanguageLexicon& lex,
                const StringMap<float>& emoji, const Tokenizer* tokenizer, UnitBuffers* scratch) {
  std::vector<Unit>& units = scratch->units;
  units.clear();
  const std::vector<Token>& tokens = text.tokens;
  // Each word is looked up in up to three tables (phrases, words, urgency phrases): hash once.
  std::vector<uint64_t>& hashes = scratch->hashes;
  std::vector<uint64_t>& heads = scratch->heads;
  hashes.resize(tokens.size() + 1);
  heads.resize(tokens.size());
  hashes.back() = 0;  // for PhraseTable::Match at the last token
  int caps_words = 0, lower_words = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    // Every token, words or not: other tokens' digests are never used (their keys are empty
    // or never looked up), and a test of the kind would be a branch per token.
    const KeyDigest d = DigestPaddedKey(text.Norm(t));
    hashes[i] = d.hash;
    heads[i] = d.head;
    caps_words += t.all_caps;
    lower_words += t.has_lower;
  }
  scratch->mixed_caps = caps_words > 0 && lower_words > 0;
  // Tallied in locals: stores through scratch would be reloaded after every call.
  size_t valence_units = 0;
  bool any_contrast = false;
  bool capitalized_valence = false;
  units.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const std::string_view key = text.Norm(t);
    Unit& u = units.emplace_back();  // no reallocation: reserved
    u.raw = t.raw;
    u.kind = t.kind;
    u.all_caps = t.all_caps;
    switch (t.kind) {
      case TokenKind::kWord:
      case TokenKind::kNumber:
        u.content = true;
        if (const PhraseTable::Phrase* p =
                lex.phrases.Match(text, i, hashes.data(), heads.data())) {
          const Token& last = tokens[i + p->words.size() - 1];
          u.raw = std::string_view(
              t.raw.data(), static_cast<size_t>(last.raw.data() + last.raw.size() - t.raw.data()));
          u.entry = &p->entry;
          u.urgency = p->entry.urgency;
          for (size_t k = 0; k < p->words.size(); ++k) {
            u.all_caps = u.all_caps && tokens[i + k].all_caps;
            if (const Entry* w = lex.FindWord(p->words[k])) u.urgency |= w->urgency;
          }
          SetValence(&u, &p->entry, Source::kIdiom);
          i += p->words.size() - 1;
        } else {
          BuildWordUnit(lex, t, key, {hashes[i], heads[i]}, &scratch->key, &u);
          // Tested by hash first: comparing every word's length with "like"'s is a branch the
          // processor cannot predict.
          static const uint64_t kLike = HashKey("like"), kBad = HashKey("bad"),
                                kBadly = HashKey("badly");
          const uint64_t h = hashes[i];
          if (h == kLike && key == "like" && u.source == Source::kLexicon && lex.code != "it" &&
              !LikeIsAVerb(text, i)) {
            u.has_valence = false;  // "tastes like cardboard", "like 5 minutes"
          }
          if ((h == kBad || h == kBadly) && (key == "bad" || key == "badly") && u.has_valence &&
              lex.code == "en" && BadMeansBadly(text, i)) {
            u.has_valence = false;  // "I want it so bad"
          }
        }
        break;
      case TokenKind::kEmoji: {
        u.content = true;
        auto it = emoji.find(key);
        if (it == emoji.end()) {
          // A ZWJ sequence we do not list ("🤦‍♂"): score its first emoji.
          const size_t zwj = key.find("\u200D");
          if (zwj != std::string_view::npos) it = emoji.find(key.substr(0, zwj));
        }
        if (it != emoji.end()) {
          u.base = it->second;
          u.has_valence = true;
          u.source = Source::kEmoji;
        }
        break;
      }
      case TokenKind::kEmoticon:
        u.content = true;
        if (auto it = emoji.find(key); it != emoji.end()) {
          u.base = it->second;
          u.has_valence = true;
          u.source = Source::kEmoticon;
        }
        break;
      case TokenKind::kHashtag: {
        u.content = true;
        const Entry* e = lex.FindWord(key);
        if (e == nullptr) e = FindElongated(lex, key, &scratch->key);
        if (e != nullptr) {
          u.urgency = e->urgency & ~kUrgencyQuestion;
          SetValence(&u, e, Source::kHashtag);
        } else if (float v; HashtagWordsValence(t.raw, lex, tokenizer, &v)) {
          u.base = v;
          u.has_valence = true;
          u.source = Source::kHashtagWords;
        } else if (IsLaughter(key)) {
          u.base = kLaughterValence;
          u.has_valence = true;
          u.source = Source::kLaughter;
        }
        break;
      }
      case TokenKind::kMention:
      case TokenKind::kUrl:
        u.content = true;  // no sentiment, but it is a step for scopes
        break;
      case TokenKind::kPunct:
        u.scope_break = u.sentence_break = true;
        u.exclamations = t.exclamations;
        u.questions = t.questions;
        break;
      case TokenKind::kClauseBreak:
        u.scope_break = true;
        break;
      case TokenKind::kSentenceBreak:
        u.scope_break = u.sentence_break = true;
        break;
    }
    if (u.has_valence && u.kind == TokenKind::kWord && IsCapitalized(u.raw)) {
      u.capitalized = true;
      capitalized_valence = true;
    }
    u.roles = Unit::RolesOf(u.entry);
    assert(u.entry == nullptr || u.roles == u.entry->RolesOf());  // Lexicon::StoreRoles ran
    valence_units += u.has_valence;
    any_contrast |= u.is_contrast();
  }
  scratch->valence_units = valence_units;
  scratch->any_contrast = any_contrast;
  scratch->capitalized_valence = capitalized_valence;
}

}  // namespace heed::sentiment
