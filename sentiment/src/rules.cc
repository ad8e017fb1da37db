#include "rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "units.h"

namespace heed::sentiment {
namespace {

// Per-thread scratch so Analyze allocates nothing per token once warmed up.
struct Scratch {
  UnitBuffers buffers;
  bool has_contrast = false;  // when false, contrast_factor and contrast_unit are not filled
  std::vector<float> contrast_factor;
  std::vector<int> contrast_unit;
  std::vector<uint8_t> active_booster;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// factor x0.5 for the units before a contrastive conjunction (back to the start of its sentence,
// or of the previous one when the conjunction opens its sentence), x1.5 after it (to the end of
// its sentence). A later conjunction overrides an earlier one.
void ComputeContrast(Scratch* s) {
  const std::vector<Unit>& units = s->buffers.units;
  const size_t n = units.size();
  s->has_contrast = s->buffers.any_contrast;
  if (!s->has_contrast) return;
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

// v with two decimals ("-0.74", "+1.50" with plus_sign). Written by hand: std::to_chars for
// doubles costs more than scoring a word, and every contribution prints a few numbers.
void AppendNumber(std::string* out, double v, bool plus_sign) {
  const long long hundredths = std::llround(v * 100);
  if (hundredths < 0) {
    out->push_back('-');
  } else if (plus_sign) {
    out->push_back('+');
  }
  const unsigned long long a =
      hundredths < 0 ? 0ULL - static_cast<unsigned long long>(hundredths) : hundredths;
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), a / 100);
  if (ec != std::errc()) return;
  *end++ = '.';
  *end++ = static_cast<char>('0' + a / 10 % 10);
  *end++ = static_cast<char>('0' + a % 10);
  out->append(buf, end);
}

void AppendQuoted(std::string* out, std::string_view token) {
  out->push_back('\'');
  out->append(token);
  out->push_back('\'');
}

bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// A negator that offers an alternative rather than denying: "whether or not", "like it or not",
// "may or may not", "will or won't". It negates nothing after it.
bool IsAlternative(const std::vector<Unit>& units, size_t p) {
  if (p >= 1 && SameWord(units[p - 1].raw, "or")) return true;
  return p >= 3 && SameWord(units[p - 2].raw, "or") &&
         SameWord(units[p - 1].raw, units[p - 3].raw) && units[p - 1].content;
}

// Applies every rule to the sentiment unit at index u. Returns its final valence and writes the
// rule chain to *rule.
double ScoreUnit(const Scratch& s, size_t u, int window, bool mixed_caps, bool question_only,
                 std::string* rule) {
  const std::vector<Unit>& units = s.buffers.units;
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
    if (q.is_post_booster()) {
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
  // Emoji and emoticons are not negated: they show the writer's own feeling, not a claim a
  // "not" can deny ("non ho scelta 💔", "not fair :(").
  // Nor is swearing: "non ho un cazzo di voglia" is as cross as its swear word.
  const bool negatable = unit.source != Source::kEmoji && unit.source != Source::kEmoticon &&
                         !((unit.urgency & kUrgencyProfanity) && unit.base < 0);
  const Unit* negator = nullptr;
  const Unit* never = nullptr;
  const Unit* degree = nullptr;
  dist = 0;
  for (size_t p = u; negatable && p-- > 0 && dist < window;) {
    const Unit& q = units[p];
    if (q.ends_scope()) break;
    ++dist;
    if (q.is_negator() && !IsAlternative(units, p)) {
      if (negator == nullptr) negator = &q;
      if (q.entry->is_never && degree != nullptr) never = &q;
    }
    if (q.is_pre_booster() && degree == nullptr) degree = &q;
  }
  // A post-negator right after the word ("gentili per niente", "utile affatto") when nothing
  // before it negates. Not after idioms: "non mi è piaciuto per niente" is one negation.
  if (negatable && negator == nullptr && never == nullptr && unit.source != Source::kIdiom) {
    dist = 0;
    for (size_t p = u + 1; p < units.size() && dist < 2; ++p) {
      const Unit& q = units[p];
      if (q.ends_scope() || (q.has_valence && !q.is_negator())) {
        break;
      }
      ++dist;
      if (q.is_post_negator()) {
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

  if (unit.in_name) {
    v = 0;
    rule->append("; part of a name (x0.00)");
  }

  if (s.has_contrast && s.contrast_unit[u] >= 0) {
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

// True when nothing but mentions and links stands between unit u and the start of its sentence
// or clause (where any word may be written with a capital).
bool StartsClause(const std::vector<Unit>& units, size_t u) {
  for (size_t p = u; p-- > 0;) {
    const Unit& q = units[p];
    if (q.scope_break) return true;
    if (q.kind != TokenKind::kMention && q.kind != TokenKind::kUrl) return false;
  }
  return true;
}

// A capitalised word that can be part of a name: "Walking", "Miss"; an acronym the lexicon does
// not know ("USA", not "LOL" or "SO"). Not "I", "I'm".
bool NameWord(const std::vector<Unit>& units, size_t u) {
  const Unit& q = units[u];
  if (q.kind != TokenKind::kWord) return false;
  if (!IsCapitalized(q.raw) && !(q.all_caps && q.entry == nullptr)) return false;
  // An opening word counts when the lexicon does not know it and it is no verb form: "Taylor
  // Swift", not "Feeling Sad", "Oh Yay".
  return !StartsClause(units, u) || (q.entry == nullptr && q.raw.size() >= 3 &&
                                     !q.raw.ends_with("ing") && !q.raw.ends_with("ed"));
}

// In a post written in sentence case, a capitalised sentiment word next to another capitalised
// word, neither opening its sentence or clause, names something ("watching The Walking Dead",
// "Bad Blood is on", "the Miss USA pageant"): the title's words say nothing of the writer's mood.
void MarkNames(std::vector<Unit>* units) {
  const size_t n = units->size();
  for (size_t u = 0; u < n; ++u) {
    Unit& unit = (*units)[u];
    // Not swearing written with a capital for emphasis ("Every Fucking Day") nor sentence
    // adverbs ("Sadly", "Unfortunately"), which are not parts of names.
    if (!unit.has_valence || !unit.capitalized ||
        (unit.source != Source::kLexicon && unit.source != Source::kStem &&
         unit.source != Source::kSpelling) ||
        (unit.urgency & kUrgencyProfanity) || unit.raw.ends_with("ly")) {
      continue;
    }
    if (StartsClause(*units, u)) continue;
    unit.in_name = (u > 0 && NameWord(*units, u - 1)) || (u + 1 < n && NameWord(*units, u + 1));
  }
}

uint8_t OpeningQuestion(const TokenizedText& text, const LanguageLexicon& lex, const Scratch& s) {
  const std::vector<Unit>& units = s.buffers.units;
  for (size_t i = 0; i < text.tokens.size(); ++i) {
    const TokenKind k = text.tokens[i].kind;
    if (k == TokenKind::kMention) continue;  // "@brand how do I ..."
    if (k != TokenKind::kWord) return 0;
    if (const PhraseTable::Phrase* p =
            lex.urgency_phrases.Match(text, i, s.buffers.hashes.data(), s.buffers.heads.data())) {
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
  BuildUnits(text, lex, emoji, tokenizer, &s.buffers);
  const std::vector<Unit>& units = s.buffers.units;
  const size_t n = units.size();

  // ALL CAPS only emphasises when the rest of the text is not shouting too.
  const bool mixed_caps = s.buffers.mixed_caps;
  // Names only stand out in a post mostly written in lower case (not In Title Case).
  if (s.buffers.capitalized_valence) {
    int words = 0, capitalized = 0;
    for (const Token& t : text.tokens) {
      words += t.kind == TokenKind::kWord;
      capitalized += t.kind == TokenKind::kWord && IsCapitalized(t.raw);
    }
    if (2 * capitalized < words) MarkNames(&s.buffers.units);
  }

  ComputeContrast(&s);
  // A booster that also has a valence ("super", "damn") boosts when a sentiment word follows it
  // (or, for a post-booster, precedes it); otherwise it is scored as a word.
  // In the same pass, question-only: every sentence with content ends in '?' (not "?!").
  s.active_booster.assign(n, 0);
  bool question_only = false;
  {
    bool content = false, all_questions = true;
    for (size_t u = 0; u < n; ++u) {
      const Unit& unit = units[u];
      if (unit.is_booster()) {
        s.active_booster[u] = unit.is_post_booster() ? (u > 0 && units[u - 1].has_valence)
                                                     : (u + 1 < n && units[u + 1].has_valence);
      }
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

  uint8_t urgency = OpeningQuestion(text, lex, s);
  double sum = 0;
  int exclamations = 0, questions = 0;
  size_t punct_position = std::string::npos;  // contribution index for the "!" emphasis
  // Room for every contribution and the "!" emphasis, allocated once; a post without any
  // sentiment unit (three in ten on TweetEval) has no contribution and allocates nothing.
  if (s.buffers.valence_units > 0) {
    score->contributions.reserve(score->contributions.size() + 1 + s.buffers.valence_units);
  }
  for (size_t u = 0; u < n; ++u) {
    const Unit& unit = units[u];
    urgency |= unit.urgency & ~kUrgencyQuestion;
    if (unit.exclamations > 0 || unit.questions > 0) {
      exclamations += unit.exclamations;
      questions += unit.questions;
      punct_position = score->contributions.size();
    }
    if (!unit.has_valence || s.active_booster[u]) continue;
    if (unit.is_negator()) continue;
    // The rule text is written straight into the contribution (no copy).
    Contribution& c = score->contributions.emplace_back();
    c.valence = ScoreUnit(s, u, lex.negation_window, mixed_caps, question_only, &c.rule);
    if (c.valence == 0 && unit.base == 0) {  // kept when a rule zeroed it: explains why
      score->contributions.pop_back();
      continue;
    }
    c.token.assign(unit.raw);
    sum += c.valence;
  }
  for (size_t i = 0; i < text.tokens.size(); ++i) {
    if (const PhraseTable::Phrase* p =
            lex.urgency_phrases.Match(text, i, s.buffers.hashes.data(), s.buffers.heads.data())) {
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
      std::string rule = "emphasis: ";
      rule.append(std::to_string(exclamations)).append(" '!', ");
      rule.append(std::to_string(questions)).append(" '?' (");
      AppendNumber(&rule, delta, true);
      rule.push_back(')');
      std::string marks(static_cast<size_t>(std::min(exclamations, kMaxExclamations)), '!');
      marks.append(static_cast<size_t>(std::min(questions, 3)), '?');
      const size_t at = std::min(punct_position, score->contributions.size());
      score->contributions.insert(score->contributions.begin() + static_cast<std::ptrdiff_t>(at),
                                  Contribution{std::move(marks), delta, std::move(rule)});
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
