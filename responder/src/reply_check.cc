#include "heed/responder/reply_check.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "heed/core/text.h"

namespace heed::responder {
namespace {

// Case-folded, accent-free ASCII-ish text for phrase matching: each code point is decomposed
// (NFD), its combining marks dropped and the rest case-folded; typographic apostrophes become
// "'", and anything that is neither a letter, a digit nor "'" becomes a space. origin[i] is the
// byte offset in the input of the code point that produced output byte i.
struct Folded {
  std::string text;
  std::vector<size_t> origin;
};

Folded Fold(std::string_view utf8) {
  Folded out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    const auto start = static_cast<size_t>(i);
    UChar32 cp;
    U8_NEXT(bytes, i, length, cp);
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) cp = '\'';
    icu::UnicodeString piece(cp < 0 ? 0xFFFD : cp);
    if (nfd != nullptr && U_SUCCESS(status)) piece = nfd->normalize(piece, status);
    piece.foldCase();
    for (int32_t k = 0; k < piece.length(); k = piece.moveIndex32(k, 1)) {
      const UChar32 c = piece.char32At(k);
      if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
      std::string kept;
      if (c == '\'' || u_isalnum(c)) {
        icu::UnicodeString(c).toUTF8String(kept);
      } else {
        kept = " ";
      }
      for (char b : kept) {
        out.text.push_back(b);
        out.origin.push_back(start);
      }
    }
  }
  // "gia'" is how many type "già": an apostrophe ending a word stands for its accent. Then runs
  // of spaces collapse to one, so phrases match across punctuation ("già, detto" aside).
  Folded collapsed;
  for (size_t i = 0; i < out.text.size(); ++i) {
    char c = out.text[i];
    const bool word_end = i + 1 == out.text.size() || out.text[i + 1] == ' ';
    if (c == '\'' && word_end && i > 0 && out.text[i - 1] != ' ') c = ' ';
    if (c == ' ' && !collapsed.text.empty() && collapsed.text.back() == ' ') continue;
    collapsed.text.push_back(c);
    collapsed.origin.push_back(out.origin[i]);
  }
  return collapsed;
}

// A phrase list entry: folded words; a trailing '*' matches any word continuing the last one
// ("apolog*" matches "apologise" and "apologies").
struct Match {
  size_t begin = 0, end = 0;  // in the folded text
  std::string phrase;
};

std::optional<Match> FindPhrase(const std::string& folded, std::string_view phrase,
                                size_t from = 0) {
  const bool prefix = !phrase.empty() && phrase.back() == '*';
  const std::string needle = Fold(prefix ? phrase.substr(0, phrase.size() - 1) : phrase).text;
  for (size_t at = folded.find(needle, from); at != std::string::npos;
       at = folded.find(needle, at + 1)) {
    size_t end = at + needle.size();
    const bool starts_word = at == 0 || folded[at - 1] == ' ' || folded[at - 1] == '\'';
    if (!starts_word) continue;
    if (prefix) {
      while (end < folded.size() && folded[end] != ' ') ++end;
    } else if (end < folded.size() && folded[end] != ' ' && folded[end] != '\'') {
      continue;
    }
    return Match{at, end, std::string(phrase)};
  }
  return std::nullopt;
}

std::optional<Match> FindAny(const std::string& folded, const std::vector<std::string_view>& list) {
  std::optional<Match> first;
  for (std::string_view phrase : list) {
    std::optional<Match> m = FindPhrase(folded, phrase);
    if (m && (!first || m->begin < first->begin)) first = m;
  }
  return first;
}

// English and Italian, written as an operator would type them (Fold applies to both sides).
const std::vector<std::string_view> kGreetings = {"hi",           "hello",        "hey",
                                                  "dear",         "good morning", "good afternoon",
                                                  "good evening", "greetings",    "thanks",
                                                  "thank you",    "many thanks",  "ciao",
                                                  "buongiorno",   "buonasera",    "buon pomeriggio",
                                                  "salve",        "gentile",      "gentilissim*",
                                                  "caro",         "cara",         "cari",
                                                  "care",         "grazie"};
const std::vector<std::string_view> kApologies = {
    "sorry",       "apolog*",         "regret*",        "scusa",     "scuse",    "scusi",
    "scusate",     "scusiamo",        "ci scusiamo",    "mi scuso",  "scusarci", "ci dispiace",
    "mi dispiace", "siamo spiacenti", "sono spiacente", "spiacenti", "rammaric*"};
const std::vector<std::string_view> kDefensive = {"as we already said",
                                                  "as we said",
                                                  "as we already explained",
                                                  "as already explained",
                                                  "as previously stated",
                                                  "as already stated",
                                                  "as i already said",
                                                  "we already told you",
                                                  "you should have",
                                                  "you should've",
                                                  "you failed to",
                                                  "not our fault",
                                                  "not our problem",
                                                  "per your own",
                                                  "if you had read",
                                                  "calm down",
                                                  "with all due respect",
                                                  "come già detto",
                                                  "come già scritto",
                                                  "come già spiegato",
                                                  "come le abbiamo già spiegato",
                                                  "come ti abbiamo già spiegato",
                                                  "come le avevamo già detto",
                                                  "avrebbe dovuto",
                                                  "avresti dovuto",
                                                  "non è colpa nostra",
                                                  "non è un nostro problema",
                                                  "non dipende da noi",
                                                  "se avesse letto",
                                                  "se avessi letto",
                                                  "si calmi"};

// The draft's own tone, apologies aside, must stay above this compound score: far below the
// scorer's "negative" label (-0.05) on purpose, since a good reply names the customer's problem
// ("your parcel arrived damaged" alone scores -0.44); insults and blame score far lower.
constexpr double kNegativeToneThreshold = -0.5;
// Below this many words language detection on a short reply is a guess: no mismatch warning.
constexpr int kMinWordsForLanguage = 5;

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string PrimaryLanguage(std::string_view tag) {
  return AsciiLower(tag.substr(0, std::min(tag.find_first_of("-_"), tag.size())));
}

std::string LanguageName(std::string_view code) {
  return code == "en" ? "English" : code == "it" ? "Italian" : std::string(code);
}

// Words after leading @mentions: the greeting must open the reply, and many platforms put the
// author's handle first.
std::vector<std::string> OpeningWords(const std::string& draft, size_t count) {
  std::vector<std::string> words;
  bool leading = true;
  size_t i = 0;
  while (i < draft.size() && words.size() < count) {
    while (i < draft.size() && std::isspace(static_cast<unsigned char>(draft[i]))) ++i;
    size_t end = i;
    while (end < draft.size() && !std::isspace(static_cast<unsigned char>(draft[end]))) ++end;
    if (end == i) break;
    std::string word = draft.substr(i, end - i);
    i = end;
    if (leading && word[0] == '@') continue;
    leading = false;
    words.push_back(std::move(word));
  }
  return words;
}

}  // namespace

std::string_view ReplyWarningKindName(ReplyWarningKind kind) {
  switch (kind) {
    case ReplyWarningKind::kTooLong:
      return "too-long";
    case ReplyWarningKind::kEmpty:
      return "empty";
    case ReplyWarningKind::kNegativeTone:
      return "negative-tone";
    case ReplyWarningKind::kDefensive:
      return "defensive";
    case ReplyWarningKind::kMissingGreeting:
      return "missing-greeting";
    case ReplyWarningKind::kMissingApology:
      return "missing-apology";
    case ReplyWarningKind::kLanguageMismatch:
      return "language-mismatch";
  }
  return "unknown";
}

std::vector<ReplyWarning> CheckReply(const sentiment::Scorer& scorer,
                                     const ReplyCheckInput& input) {
  std::vector<ReplyWarning> warnings;
  const std::string draft = SanitizeUtf8(input.draft);
  if (draft.find_first_not_of(" \t\r\n\v\f") == std::string::npos) {
    warnings.push_back({ReplyWarningKind::kEmpty, "the reply is empty"});
    return warnings;
  }
  const Folded folded = Fold(draft);

  if (std::optional<int> limit = PlatformReplyLimit(input.platform)) {
    PlatformLength length = MeasureForPlatform(input.platform, draft);
    if (length.length > *limit) {
      warnings.push_back({ReplyWarningKind::kTooLong,
                          "too long for " + input.platform + ": " + std::to_string(length.length) +
                              " " + std::string(length.unit) + ", the limit is " +
                              std::to_string(*limit)});
    }
  }

  // Tone: apologies and the post's own negative words blanked out, then scored.
  std::string toned = draft;
  const auto blank = [&](std::string_view phrase) {
    for (auto m = FindPhrase(folded.text, phrase); m; m = FindPhrase(folded.text, phrase, m->end)) {
      const size_t end = m->end < folded.origin.size() ? folded.origin[m->end] : draft.size();
      for (size_t k = folded.origin[m->begin]; k < end; ++k) toned[k] = ' ';
    }
  };
  for (std::string_view phrase : kApologies) blank(phrase);
  sentiment::Score tone = scorer.Analyze(toned, "");
  if (tone.compound <= kNegativeToneThreshold && !input.post_text.empty()) {
    const std::string post = Fold(input.post_text).text;
    for (const auto& c : tone.contributions) {
      if (c.valence < 0 && FindPhrase(post, c.token)) blank(c.token);
    }
    tone = scorer.Analyze(toned, "");
  }
  if (tone.compound <= kNegativeToneThreshold) {
    std::vector<sentiment::Contribution> negative;
    for (const auto& c : tone.contributions) {
      if (c.valence < 0) negative.push_back(c);
    }
    std::stable_sort(negative.begin(), negative.end(),
                     [](const auto& a, const auto& b) { return a.valence < b.valence; });
    std::string words;
    for (size_t i = 0; i < negative.size() && i < 5; ++i) {
      char valence[16];
      std::snprintf(valence, sizeof valence, "%.1f", negative[i].valence);
      words += (i ? ", " : "") + Quote(negative[i].token) + " (" + valence + ")";
    }
    char compound[16];
    std::snprintf(compound, sizeof compound, "%.2f", tone.compound);
    warnings.push_back({ReplyWarningKind::kNegativeTone, "the reply sounds negative (score " +
                                                             std::string(compound) + ")" +
                                                             (words.empty() ? "" : ": " + words)});
  }

  std::vector<std::string> defensive;
  for (std::string_view phrase : kDefensive) {
    if (FindPhrase(folded.text, phrase)) defensive.push_back(Quote(phrase));
  }
  if (!defensive.empty()) {
    std::string list;
    for (const std::string& d : defensive) list += (list.empty() ? "" : ", ") + d;
    warnings.push_back({ReplyWarningKind::kDefensive, "defensive phrasing: " + list});
  }

  // The greeting opens the reply: one of the first three words (after @mentions).
  std::string opening;
  for (const std::string& word : OpeningWords(draft, 3)) opening += word + " ";
  if (!FindAny(Fold(opening).text, kGreetings)) {
    // The author's first name, or a handle's user part ("@ana@example.social" -> "ana").
    const size_t start =
        std::min(input.author_name.find_first_not_of(" @"), input.author_name.size());
    // An author's name is untrusted: repaired and stripped of controls before it is quoted.
    std::string name = ForTerminal(input.author_name.substr(start));
    name = name.substr(0, name.find_first_of(" @"));
    if (name.empty()) name = "...";
    const bool italian = PrimaryLanguage(input.post_language) == "it";
    warnings.push_back(
        {ReplyWarningKind::kMissingGreeting,
         "no greeting: open with e.g. " + Quote((italian ? "Ciao " : "Hi ") + name + ",")});
  }

  if (input.post_label == "negative" && !FindAny(folded.text, kApologies)) {
    warnings.push_back(
        {ReplyWarningKind::kMissingApology,
         "the post is negative and the reply does not apologise (e.g. " +
             Quote(PrimaryLanguage(input.post_language) == "it" ? "ci dispiace" : "we're sorry") +
             ")"});
  }

  const std::string post_language = PrimaryLanguage(input.post_language);
  if (post_language == "en" || post_language == "it") {
    int words = 0;
    for (const std::string& w : OpeningWords(draft, 1000)) {
      if (w.find("://") == std::string::npos) ++words;
    }
    const std::string draft_language = sentiment::DetectLanguage(draft);
    if (words >= kMinWordsForLanguage && (draft_language == "en" || draft_language == "it") &&
        draft_language != post_language) {
      warnings.push_back({ReplyWarningKind::kLanguageMismatch,
                          "the reply is in " + LanguageName(draft_language) +
                              " but the post is in " + LanguageName(post_language)});
    }
  }
  return warnings;
}

}  // namespace heed::responder
