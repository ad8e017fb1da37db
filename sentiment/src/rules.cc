#include "rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace heed::sentiment {
namespace {

enum class Source : uint8_t {
  kNone,
  kLexicon,
  kSpelling,
  kIdiom,
  kStem,
  kEmoji,
  kEmoticon,
  kHashtag,
  kHashtagWords,  // a CamelCase hashtag scored by its words: #NonMiPiace
  kLaughter,      // "ahahah", "hahaha", "hehe": mild positive
  kUser,          // an operator's extra lexicon
  kOverride,      // a brand phrase override
};

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

// One step of the rules: a token, or the tokens of a phrase.
struct Unit {
  std::string_view raw;
  const Entry* entry = nullptr;  // word or phrase entry; null when unknown
  float base = 0;                // lexicon valence, when has_valence
  bool has_valence = false;
  Source source = Source::kNone;
  bool all_caps = false;
  // Non-null when the word was found in a marked form that intensifies it: "elongated" ("sooo
  // good", found after collapsing letters) or "superlative" ("scortesissima" -> "scortese").
  const char* emphasis = nullptr;
  bool scope_break = false;     // ends negation/booster scope: punctuation, breaks
  bool sentence_break = false;  // ends a sentence: . … newline ! ?
  bool content = false;         // a word, emoji, hashtag... (not punctuation)
  uint8_t urgency = 0;
  uint8_t exclamations = 0;
  uint8_t questions = 0;

  bool is_contrast() const { return entry != nullptr && entry->is_contrast; }
  bool ends_scope() const { return scope_break || is_contrast(); }
  bool is_pre_booster() const {
    return entry != nullptr && entry->is_booster && !entry->post_booster;
  }
};

// English "n't" forms that the lexicon does not list are negators all the same.
constexpr Entry kNtNegator = [] {
  Entry e;
  e.negation = static_cast<float>(kDefaultNegation);
  return e;
}();

bool IsFunctionWord(const Entry* e) {
  return e != nullptr && (e->is_stopword || e->is_negator() || e->is_booster || e->is_contrast);
}

// Per-thread scratch so Analyze allocates nothing per token once warmed up.
struct Scratch {
  std::vector<Unit> units;
  std::vector<float> contrast_factor;
  std::vector<int> contrast_unit;
  std::vector<bool> active_booster;
  std::string key;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
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

// "goooood" -> "good" (runs cut to two letters), then "god"-style runs of one: "grazieeee" ->
// "grazie". Only ASCII letters are collapsed. nullptr unless a variant has a valence.
const Entry* FindElongated(const LanguageLexicon& lex, std::string_view key, std::string* scratch) {
  bool has_run = false;
  for (size_t i = 2; i < key.size() && !has_run; ++i) {
    has_run =
        key[i] == key[i - 1] && key[i] == key[i - 2] && static_cast<unsigned char>(key[i]) < 0x80;
  }
  if (!has_run) return nullptr;
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
    const std::string_view stem = Stem(table.language, key);
    auto it = table.stems.find(stem);
    if (it != table.stems.end()) return &it->second;
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

void BuildWordUnit(const LanguageLexicon& lex, const Token& t, std::string_view key,
                   std::string* scratch, Unit* u) {
  const Entry* e = lex.FindWord(key);
  Source source = Source::kLexicon;
  if (e == nullptr || !(e->has_valence || IsFunctionWord(e))) {
    if (const Entry* v = FindSpellingVariant(lex, key, scratch)) {
      e = v;
      source = Source::kSpelling;
    }
  }
  if (e == nullptr && key.size() > 3 && key.ends_with("n't")) e = &kNtNegator;
  u->entry = e;
  u->urgency = e != nullptr ? e->urgency : 0;
  if (e != nullptr && (e->has_valence || IsFunctionWord(e))) {
    SetValence(u, e, source);
    return;
  }
  if (const Entry* v = FindElongated(lex, key, scratch)) {
    u->entry = v;
    u->emphasis = "elongated";
    u->urgency |= v->urgency;
    SetValence(u, v, Source::kLexicon);
    return;
  }
  if (IsLaughter(key)) {
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

void BuildUnits(const TokenizedText& text, const LanguageLexicon& lex,
                const StringMap<float>& emoji, const Tokenizer* tokenizer, Scratch* scratch) {
  std::vector<Unit>& units = scratch->units;
  units.clear();
  const std::vector<Token>& tokens = text.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const std::string_view key = text.Norm(t);
    Unit u;
    u.raw = t.raw;
    u.all_caps = t.all_caps;
    switch (t.kind) {
      case TokenKind::kWord:
      case TokenKind::kNumber:
        u.content = true;
        if (const PhraseTable::Phrase* p = lex.phrases.Match(text, i)) {
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
          BuildWordUnit(lex, t, key, &scratch->key, &u);
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
    units.push_back(u);
  }
}

// factor x0.5 for the units before a contrastive conjunction (back to the start of its sentence,
// or of the previous one when the conjunction opens its sentence), x1.5 after it (to the end of
// its sentence). A later conjunction overrides an earlier one.
void ComputeContrast(Scratch* s) {
  const std::vector<Unit>& units = s->units;
  const size_t n = units.size();
  s->contrast_factor.assign(n, 1.0f);
  s->contrast_unit.assign(n, -1);
  for (size_t c = 0; c < n; ++c) {
    if (!units[c].is_contrast()) continue;
    size_t start = c;
    bool initial = true;
    while (start > 0 && !units[start - 1].sentence_break) {
      --start;
      initial = initial && !units[start].content;
    }
    if (initial) {
      while (start > 0 && units[start - 1].sentence_break) --start;  // the break(s) themselves
      while (start > 0 && !units[start - 1].sentence_break) --start;
    }
    for (size_t u = start; u < c; ++u) {
      s->contrast_factor[u] = static_cast<float>(kBeforeContrast);
      s->contrast_unit[u] = static_cast<int>(c);
    }
    for (size_t u = c + 1; u < n && !units[u].sentence_break; ++u) {
      s->contrast_factor[u] = static_cast<float>(kAfterContrast);
      s->contrast_unit[u] = static_cast<int>(c);
    }
  }
}

void AppendNumber(std::string* out, double v, bool plus_sign) {
  char buf[32];
  if (plus_sign && v >= 0) out->push_back('+');
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed, 2);
  if (ec == std::errc()) out->append(buf, end);
}

void AppendQuoted(std::string* out, std::string_view token) {
  out->push_back('\'');
  out->append(token);
  out->push_back('\'');
}

// Applies every rule to the sentiment unit at index u. Returns its final valence and writes the
// rule chain to *rule.
double ScoreUnit(const Scratch& s, size_t u, int window, bool mixed_caps, bool question_only,
                 std::string* rule) {
  const std::vector<Unit>& units = s.units;
  const Unit& unit = units[u];
  double v = unit.base;
  const double sign = v >= 0 ? 1.0 : -1.0;
  rule->append(SourceName(unit.source));
  rule->push_back(' ');
  AppendNumber(rule, v, false);

  if (unit.all_caps && mixed_caps) {
    v += sign * kCapsIncrement;
    rule->append("; ALL CAPS (");
    AppendNumber(rule, sign * kCapsIncrement, true);
    rule->push_back(')');
  }
  if (unit.emphasis != nullptr) {
    v += sign * kElongationIncrement;
    rule->append("; ");
    rule->append(unit.emphasis);
    rule->append(" (");
    AppendNumber(rule, sign * kElongationIncrement, true);
    rule->push_back(')');
  }

  // Boosters before the word, decaying with distance.
  int dist = 0;
  for (size_t p = u; p-- > 0 && dist < window;) {
    const Unit& q = units[p];
    if (q.ends_scope()) break;
    ++dist;
    if (!q.is_pre_booster() || (q.has_valence && !s.active_booster[p])) continue;
    double w = q.entry->booster;
    if (q.all_caps && mixed_caps) w += std::copysign(kCapsIncrement, w);
    w *= (dist == 1 ? 1.0 : dist == 2 ? 0.95 : 0.9) * sign;
    v += w;
    rule->append(q.entry->booster > 0 ? "; intensified by " : "; dampened by ");
    AppendQuoted(rule, q.raw);
    rule->append(" (");
    AppendNumber(rule, w, true);
    rule->push_back(')');
  }
  // Post-boosters right after it ("scandaloso a dir poco"), up to the next sentiment word.
  dist = 0;
  for (size_t p = u + 1; p < units.size() && dist < 3; ++p) {
    const Unit& q = units[p];
    if (q.ends_scope()) break;
    ++dist;
    if (q.entry != nullptr && q.entry->is_booster && q.entry->post_booster) {
      const double w = q.entry->booster * sign;
      v += w;
      rule->append("; intensified by ");
      AppendQuoted(rule, q.raw);
      rule->append(" (");
      AppendNumber(rule, w, true);
      rule->push_back(')');
      break;
    }
    if (q.has_valence) break;
  }

  // Negation: once, however many negators ("non ... mai" is one negation in Italian). A "never"
  // negator with a booster between it and the word emphasises instead ("never been so slow").
  const Unit* negator = nullptr;
  const Unit* never = nullptr;
  const Unit* degree = nullptr;
  dist = 0;
  for (size_t p = u; p-- > 0 && dist < window;) {
    const Unit& q = units[p];
    if (q.ends_scope()) break;
    ++dist;
    if (q.entry != nullptr && q.entry->is_negator()) {
      if (negator == nullptr) negator = &q;
      if (q.entry->is_never && degree != nullptr) never = &q;
    }
    if (q.is_pre_booster() && degree == nullptr) degree = &q;
  }
  // A post-negator right after the word ("gentili per niente", "utile affatto") when nothing
  // before it negates. Not after idioms: "non mi è piaciuto per niente" is one negation.
  if (negator == nullptr && never == nullptr && unit.source != Source::kIdiom) {
    dist = 0;
    for (size_t p = u + 1; p < units.size() && dist < 2; ++p) {
      const Unit& q = units[p];
      if (q.ends_scope() || (q.has_valence && (q.entry == nullptr || !q.entry->is_negator()))) {
        break;
      }
      ++dist;
      if (q.entry != nullptr && q.entry->is_negator() && q.entry->post_negator) {
        negator = &q;
        break;
      }
    }
  }
  if (never != nullptr) {
    v *= kNeverSoFactor;
    rule->append("; emphasised by ");
    AppendQuoted(rule, never->raw);
    rule->append(" ... ");
    AppendQuoted(rule, degree->raw);
    rule->append(" (x");
    AppendNumber(rule, kNeverSoFactor, false);
    rule->push_back(')');
  } else if (negator != nullptr) {
    v *= negator->entry->negation;
    rule->append("; negated by ");
    AppendQuoted(rule, negator->raw);
    rule->append(" (x");
    AppendNumber(rule, negator->entry->negation, false);
    rule->push_back(')');
  }

  // A post that only asks ("is the new plan any good?") does not state its words' tone. Only
  // words are damped: emoji and laughter still express it.
  if (question_only && unit.base > 0 && unit.source != Source::kEmoji &&
      unit.source != Source::kEmoticon && unit.source != Source::kLaughter) {
    v *= kQuestionDamping;
    rule->append("; in a question (x");
    AppendNumber(rule, kQuestionDamping, false);
    rule->push_back(')');
  }

  if (s.contrast_unit[u] >= 0) {
    const double f = s.contrast_factor[u];
    v *= f;
    rule->append(f < 1 ? "; before " : "; after ");
    AppendQuoted(rule, units[static_cast<size_t>(s.contrast_unit[u])].raw);
    rule->append(" (x");
    AppendNumber(rule, f, false);
    rule->push_back(')');
  }
  return v;
}

uint8_t OpeningQuestion(const TokenizedText& text, const LanguageLexicon& lex,
                        const std::vector<Unit>& units) {
  for (size_t i = 0; i < text.tokens.size(); ++i) {
    const TokenKind k = text.tokens[i].kind;
    if (k == TokenKind::kMention) continue;  // "@brand how do I ..."
    if (k != TokenKind::kWord) return 0;
    if (const PhraseTable::Phrase* p = lex.urgency_phrases.Match(text, i)) {
      if (p->entry.urgency & kUrgencyQuestion) return kUrgencyQuestion;
    }
    for (const Unit& u : units) {
      if (u.raw.data() == text.tokens[i].raw.data()) return u.urgency & kUrgencyQuestion;
    }
    return 0;
  }
  return 0;
}

}  // namespace

double ApplyRules(const TokenizedText& text, const LanguageLexicon& lex,
                  const StringMap<float>& emoji, const Tokenizer* tokenizer, Score* score) {
  Scratch& s = ThreadScratch();
  BuildUnits(text, lex, emoji, tokenizer, &s);
  const std::vector<Unit>& units = s.units;
  const size_t n = units.size();

  // ALL CAPS only emphasises when the rest of the text is not shouting too.
  int caps_words = 0, lower_words = 0;
  for (const Token& t : text.tokens) {
    caps_words += t.all_caps;
    lower_words += t.has_lower;
  }
  const bool mixed_caps = caps_words > 0 && lower_words > 0;

  ComputeContrast(&s);
  // A booster that also has a valence ("super", "damn") boosts when a sentiment word follows it
  // (or, for a post-booster, precedes it); otherwise it is scored as a word.
  s.active_booster.assign(n, false);
  for (size_t u = 0; u < n; ++u) {
    const Unit& q = units[u];
    if (q.entry == nullptr || !q.entry->is_booster) continue;
    s.active_booster[u] = q.entry->post_booster ? (u > 0 && units[u - 1].has_valence)
                                                : (u + 1 < n && units[u + 1].has_valence);
  }

  // Question-only: every sentence with content ends in '?' (not "?!").
  bool question_only = false;
  {
    bool content = false, all_questions = true;
    for (const Unit& unit : units) {
      content = content || unit.content;
      if (!unit.sentence_break) continue;
      if (content) {
        const bool question = unit.questions > 0 && unit.exclamations == 0;
        all_questions = all_questions && question;
        question_only = question_only || question;
      }
      content = false;
    }
    question_only = question_only && all_questions && !content;
  }

  uint8_t urgency = OpeningQuestion(text, lex, units);
  double sum = 0;
  int exclamations = 0, questions = 0;
  size_t punct_position = std::string::npos;  // contribution index for the "!" emphasis
  std::string rule;
  for (size_t u = 0; u < n; ++u) {
    const Unit& unit = units[u];
    urgency |= unit.urgency & ~kUrgencyQuestion;
    if (unit.exclamations > 0 || unit.questions > 0) {
      exclamations += unit.exclamations;
      questions += unit.questions;
      punct_position = score->contributions.size();
    }
    if (!unit.has_valence || s.active_booster[u]) continue;
    if (unit.entry != nullptr && unit.entry->is_negator()) continue;
    rule.clear();
    const double v = ScoreUnit(s, u, lex.negation_window, mixed_caps, question_only, &rule);
    if (v == 0 && unit.base == 0) continue;  // kept when a rule zeroed it: explains why
    sum += v;
    score->contributions.push_back(Contribution{std::string(unit.raw), v, rule});
  }
  for (size_t i = 0; i < text.tokens.size(); ++i) {
    if (const PhraseTable::Phrase* p = lex.urgency_phrases.Match(text, i)) {
      urgency |= p->entry.urgency & ~kUrgencyQuestion;
    }
  }
  if (questions > 0) urgency |= kUrgencyQuestion;

  // "!" and "??" push the sum away from zero (VADER's punctuation emphasis).
  if (sum != 0 && (exclamations > 0 || questions > 1)) {
    double amp = std::min(exclamations, kMaxExclamations) * kExclamationIncrement;
    if (questions > 1) {
      amp += questions <= 3 ? questions * kQuestionIncrement : kMaxQuestionEmphasis;
    }
    if (amp > 0) {
      const double delta = sum > 0 ? amp : -amp;
      sum += delta;
      rule.assign("emphasis: ");
      rule.append(std::to_string(exclamations)).append(" '!', ");
      rule.append(std::to_string(questions)).append(" '?' (");
      AppendNumber(&rule, delta, true);
      rule.push_back(')');
      std::string marks(static_cast<size_t>(std::min(exclamations, kMaxExclamations)), '!');
      marks.append(static_cast<size_t>(std::min(questions, 3)), '?');
      const size_t at = std::min(punct_position, score->contributions.size());
      score->contributions.insert(score->contributions.begin() + static_cast<std::ptrdiff_t>(at),
                                  Contribution{marks, delta, rule});
    }
  }

  Urgency& flags = score->urgency;
  flags.question = urgency & kUrgencyQuestion;
  flags.churn = urgency & kUrgencyChurn;
  flags.refund = urgency & kUrgencyRefund;
  flags.legal = urgency & kUrgencyLegal;
  flags.safety = urgency & kUrgencySafety;
  flags.profanity = urgency & kUrgencyProfanity;
  return sum;
}

}  // namespace heed::sentiment
