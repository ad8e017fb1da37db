#include "tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "case_fold.h"
#include "char_class.h"

namespace heed::sentiment {
namespace {

using namespace chars;  // NOLINT: the tokenizer is made of these

// Emits tokens into one TokenizedText; holds the scanning helpers.
class Scanner {
 public:
  Scanner(std::string_view text, TokenizedText* out) : text_(text), out_(out) {}

  void Emit(size_t begin, size_t end, TokenKind kind) {
    Token& t = out_->tokens.emplace_back();
    t.raw = std::string_view(text_.data() + begin, end - begin);  // begin <= end <= size
    t.kind = kind;
    t.norm_offset = static_cast<uint32_t>(out_->norm.size());
  }
  // Closes the norm of the last token (everything appended to norm since Emit).
  void EndNorm() {
    Token& t = out_->tokens.back();
    t.norm_size = static_cast<uint32_t>(out_->norm.size() - t.norm_offset);
  }
  void EmitBreak(size_t begin, size_t end, TokenKind kind) {
    Emit(begin, end, kind);
    EndNorm();
  }

  // ascii: every byte of the word is ASCII, so folding is lower-casing its `upper` letters, and
  // a word without any is its own key (no copy).
  void EmitWord(size_t begin, size_t end, int upper, int lower, bool digits_only, bool ascii) {
    Emit(begin, end, digits_only ? TokenKind::kNumber : TokenKind::kWord);
    Token& t = out_->tokens.back();
    t.all_caps = upper >= 2 && lower == 0;
    t.has_lower = lower > 0;
    if (ascii && upper == 0) {
      t.norm_is_raw = true;
      t.norm_size = static_cast<uint32_t>(t.raw.size());
      return;
    }
    if (ascii) {
      for (const char c : t.raw) {
        out_->norm.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      }
    } else {
      AppendFolded(t.raw, &out_->norm);
    }
    EndNorm();
  }

  // "-5" is minus five, not five: a '-' right before a number (and not between two words or
  // numbers, as in "1-5") joins the number token, so "-5 stars" never matches "5 stars".
  void JoinMinusSign() {
    Token& t = out_->tokens.back();
    if (t.kind != TokenKind::kNumber) return;
    // A number is ASCII, so its key is its raw text, which now starts at the '-'.
    if (!t.norm_is_raw) out_->norm.insert(t.norm_offset, 1, '-');
    ++t.norm_size;
    t.raw = std::string_view(t.raw.data() - 1, t.raw.size() + 1);
  }

  // Skips the ASCII letters and digits from pos, the bulk of most posts, and counts them into
  // the word's tallies; returns the position of the first other byte. The loop only tells
  // "word byte or not": upper case letters are counted afterwards, when the run has any.
  size_t ScanAsciiRun(size_t pos, int* upper, int* lower, bool* digits_only) const {
    const size_t n = text_.size();
    size_t i = pos;
    uint8_t seen = 0;
    for (uint8_t c; i < n && (c = kAsciiWordClass[static_cast<unsigned char>(text_[i])]) != 0;
         ++i) {
      seen |= c;
    }
    if (seen & kAsciiUpper) {
      for (size_t k = pos; k < i; ++k) *upper += IsAsciiUpper(static_cast<unsigned char>(text_[k]));
    }
    if (seen & kAsciiLower) ++*lower;  // only ever compared with 0
    if (seen & (kAsciiLower | kAsciiUpper)) *digits_only = false;
    return i;
  }

  // Other ASCII ends a word, except an apostrophe and number separators.
  static bool EndsWord(unsigned char b) {
    return b < 0x80 && b != '\'' && b != '.' && b != ',' && b != ':';
  }

  // Scans a word (or number) starting at pos; returns the position after it. Most words are
  // ASCII letters and digits up to a space or punctuation: they take the short way, without
  // ScanWordOn's bookkeeping.
  size_t ScanWord(size_t pos) {
    int upper = 0, lower = 0;
    bool digits_only = true;
    const size_t i = ScanAsciiRun(pos, &upper, &lower, &digits_only);
    if (i < text_.size() && !EndsWord(static_cast<unsigned char>(text_[i]))) {
      return ScanWordOn(pos, i, upper, lower, digits_only);
    }
    EmitWord(pos, i, upper, lower, digits_only, /*ascii=*/true);
    return i;
  }

  // ScanWord past its ASCII start text_[seg, i), whose tallies are given.
  [[gnu::noinline]] size_t ScanWordOn(size_t seg, size_t i, int upper, int lower,
                                      bool digits_only) {
    const size_t n = text_.size();
    bool ascii = true;
    while (i < n) {
      i = ScanAsciiRun(i, &upper, &lower, &digits_only);
      if (i >= n) break;
      const auto b = static_cast<unsigned char>(text_[i]);
      if (EndsWord(b)) break;
      char32_t cp;
      const size_t len = Decode(text_, i, &cp);
      if (cp >= 0x80) ascii = false;
      if (cp >= 0x80 && IsWordCp(cp)) {
        digits_only = false;
        if (u_isupper(static_cast<UChar32>(cp))) ++upper;
        if (u_islower(static_cast<UChar32>(cp))) ++lower;
        i += len;
        continue;
      }
      if (IsApostrophe(cp) && i > seg && !digits_only) {
        const size_t after = i + len;
        const char32_t next = PeekCp(text_, after);
        if (next != 0 && IsWordCp(next)) {
          if (IsVowelLike(next) && IsElisionPrefix(text_.substr(seg, i - seg))) {
            EmitWord(seg, after, upper, lower, false, ascii);
            seg = i = after;
            upper = lower = 0;
            digits_only = true;
            ascii = true;
            continue;
          }
          i = after;  // a contraction: "don't", "it's"
          continue;
        }
        // A trailing apostrophe after a vowel stands for an accent or a truncation ("perche'",
        // "po'"): keep it in the token so the lookup can resolve it.
        const auto last = static_cast<unsigned char>(text_[i - 1]);
        if (std::string_view("aeiouAEIOU").find(static_cast<char>(last)) !=
            std::string_view::npos) {
          i = after;
        }
        break;
      }
      // Separators inside numbers: "3.5", "10:30", "1,000".
      if (digits_only && i > seg && (cp == '.' || cp == ',' || cp == ':') && i + 1 < n &&
          IsAsciiDigit(static_cast<unsigned char>(text_[i + 1]))) {
        ++i;
        continue;
      }
      break;
    }
    if (i > seg) EmitWord(seg, i, upper, lower, digits_only, ascii);
    return i;
  }

  size_t ScanEmoji(size_t pos) {
    const size_t n = text_.size();
    Emit(pos, pos, TokenKind::kEmoji);
    char32_t cp;
    size_t i = pos + Decode(text_, pos, &cp);
    out_->norm.append(text_.substr(pos, i - pos));
    if (IsRegionalIndicator(cp)) {
      char32_t second;
      if (i < n) {
        const size_t len = Decode(text_, i, &second);
        if (IsRegionalIndicator(second)) {
          out_->norm.append(text_.substr(i, len));
          i += len;
        }
      }
    } else {
      while (i < n) {
        char32_t c;
        size_t len = Decode(text_, i, &c);
        if (IsEmojiModifier(c)) {
          i += len;
          continue;
        }
        if (c == 0x200D && i + len < n) {
          char32_t joined;
          const size_t jlen = Decode(text_, i + len, &joined);
          if (IsPictographic(joined)) {
            out_->norm.append(text_.substr(i, len + jlen));
            i += len + jlen;
            continue;
          }
        }
        break;
      }
    }
    Token& t = out_->tokens.back();
    t.raw = text_.substr(pos, i - pos);
    EndNorm();
    return i;
  }

  size_t ScanUrl(size_t pos) {
    size_t i = pos;
    while (i < text_.size() && !IsSpace(static_cast<unsigned char>(text_[i]))) ++i;
    // Sentence punctuation right after a URL belongs to the sentence.
    while (i > pos + 1 &&
           std::string_view(".,;:!?)\"'").find(text_[i - 1]) != std::string_view::npos) {
      --i;
    }
    EmitBreak(pos, i, TokenKind::kUrl);
    return i;
  }

  size_t ScanMention(size_t pos) {
    size_t i = pos + 1;
    while (i < text_.size()) {
      const auto b = static_cast<unsigned char>(text_[i]);
      if (IsAsciiAlnum(b) || b == '_' || b == '-' || b == '@' ||
          (b == '.' && i + 1 < text_.size() &&
           IsAsciiAlnum(static_cast<unsigned char>(text_[i + 1])))) {
        ++i;
      } else {
        break;
      }
    }
    EmitBreak(pos, i, TokenKind::kMention);
    return i;
  }

  size_t ScanHashtag(size_t pos) {
    size_t i = pos + 1;
    while (i < text_.size()) {
      char32_t cp;
      const size_t len = Decode(text_, i, &cp);
      if (!IsWordCp(cp) && cp != '_') break;
      i += len;
    }
    Emit(pos, i, TokenKind::kHashtag);
    AppendFolded(text_.substr(pos + 1, i - pos - 1), &out_->norm);
    EndNorm();
    return i;
  }

  size_t ScanMarks(size_t pos) {
    size_t i = pos;
    int bangs = 0, questions = 0;
    while (i < text_.size() && (text_[i] == '!' || text_[i] == '?')) {
      (text_[i] == '!' ? bangs : questions)++;
      ++i;
    }
    EmitBreak(pos, i, TokenKind::kPunct);
    Token& t = out_->tokens.back();
    t.exclamations = static_cast<uint8_t>(std::min(bangs, 255));
    t.questions = static_cast<uint8_t>(std::min(questions, 255));
    return i;
  }

 private:
  std::string_view text_;
  TokenizedText* out_;
};

}  // namespace

Tokenizer::Tokenizer(const StringSet& emoticons) : emoticons_(emoticons) {
  for (const std::string& e : emoticons_) {
    if (e.empty()) continue;
    emoticon_first_byte_.set(static_cast<unsigned char>(e[0]));
    if (e.size() >= 2) emoticon_prefix_.set(PrefixIndex(e[0], e[1]));
    max_emoticon_size_ = std::max(max_emoticon_size_, e.size());
  }
}

size_t Tokenizer::MatchEmoticon(std::string_view text, size_t pos, std::string_view* key) const {
  const size_t n = text.size();
  if (pos + 1 >= n || !emoticon_prefix_.test(PrefixIndex(text[pos], text[pos + 1]))) return 0;
  const unsigned char prev = pos > 0 ? static_cast<unsigned char>(text[pos - 1]) : ' ';
  for (size_t len = std::min(max_emoticon_size_, n - pos); len >= 2; --len) {
    const std::string_view candidate = text.substr(pos, len);
    if (!emoticons_.contains(candidate)) continue;
    const auto first = static_cast<unsigned char>(candidate.front());
    const auto last = static_cast<unsigned char>(candidate.back());
    // "xD" inside a word is not an emoticon, nor ":3" in "10:30".
    if (IsAsciiAlnum(first) && IsAsciiAlnum(prev)) continue;
    if ((first == ':' || first == ';' || first == '=') && IsAsciiDigit(prev)) continue;
    // A bracket right after a word or symbol closes or opens a parenthesis: "(Classico):" and
    // "f(:" hold no emoticon. Bracket emoticons ("):", "(:") stand apart.
    if ((first == '(' || first == ')') && !IsSpace(prev) && pos > 0) continue;
    size_t end = pos + len;
    while (end < n && static_cast<unsigned char>(text[end]) == last) ++end;  // ":)))"
    if (IsAsciiAlnum(last) && end < n && IsAsciiAlnum(static_cast<unsigned char>(text[end]))) {
      continue;  // ":Dog"
    }
    *key = candidate;
    return end - pos;
  }
  return 0;
}

void Tokenizer::Tokenize(std::string_view text, TokenizedText* out) const {
  Scanner scan(text, out);
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      scan.EmitBreak(i, i + 1, TokenKind::kSentenceBreak);
      ++i;
      continue;
    }
    if (IsSpace(b)) {
      ++i;
      continue;
    }
    if (emoticon_first_byte_[b]) {
      std::string_view key;
      if (const size_t len = MatchEmoticon(text, i, &key); len > 0) {
        scan.Emit(i, i + len, TokenKind::kEmoticon);
        out->norm.append(key);
        scan.EndNorm();
        i += len;
        continue;
      }
    }
    const unsigned char prev = i > 0 ? static_cast<unsigned char>(text[i - 1]) : ' ';
    if (b < 0x80) {
      if (IsAsciiAlnum(b)) {
        const auto lower = static_cast<unsigned char>(b | 0x20);
        if ((lower == 'h' || lower == 'w') && !IsAsciiAlnum(prev) &&
            (StartsWithNoCase(text, i, "http://") || StartsWithNoCase(text, i, "https://") ||
             StartsWithNoCase(text, i, "www."))) {
          i = scan.ScanUrl(i);
        } else {
          const size_t start = i;
          i = scan.ScanWord(i);
          if (prev == '-' && IsAsciiDigit(b) &&
              (start < 2 || !IsAsciiAlnum(static_cast<unsigned char>(text[start - 2])))) {
            scan.JoinMinusSign();
          }
        }
        continue;
      }
      const char32_t next = PeekCp(text, i + 1);
      switch (b) {
        case '!':
        case '?':
          i = scan.ScanMarks(i);
          continue;
        case '.': {
          size_t end = i;
          while (end < n && text[end] == '.') ++end;
          scan.EmitBreak(i, end, TokenKind::kSentenceBreak);
          i = end;
          continue;
        }
        case ',':
        case ';':
        case ':':
        case '(':
        case ')':
          scan.EmitBreak(i, i + 1, TokenKind::kClauseBreak);
          ++i;
          continue;
        case '-':
          if (IsSpace(prev) && (next == 0 || next == '-' ||
                                (next < 0x80 && IsSpace(static_cast<unsigned char>(next))))) {
            scan.EmitBreak(i, i + 1, TokenKind::kClauseBreak);
          }
          ++i;
          continue;
        case '@':
          if (next != 0 && next < 0x80 &&
              (IsAsciiAlnum(static_cast<unsigned char>(next)) || next == '_')) {
            i = scan.ScanMention(i);
            continue;
          }
          ++i;
          continue;
        case '#':
          if (next != 0 && (IsWordCp(next) || next == '_')) {
            i = scan.ScanHashtag(i);
            continue;
          }
          ++i;
          continue;
        default:
          ++i;  // quotes, brackets, symbols: no sentiment, no boundary
          continue;
      }
    }
    char32_t cp;
    const size_t len = Decode(text, i, &cp);
    if (IsPictographic(cp) || IsRegionalIndicator(cp)) {
      i = scan.ScanEmoji(i);
    } else if (IsWordCp(cp)) {
      i = scan.ScanWord(i);
    } else if (cp == 0x2026) {  // …
      scan.EmitBreak(i, i + len, TokenKind::kSentenceBreak);
      i += len;
    } else if (cp == 0x2013 || cp == 0x2014) {  // – —
      scan.EmitBreak(i, i + len, TokenKind::kClauseBreak);
      i += len;
    } else {
      i += len;
    }
  }
}

}  // namespace heed::sentiment
