#include "tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <bit>
#include <cstring>

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
  // a word without any is its own key (no copy, and no norm_offset).
  void EmitWord(size_t begin, size_t end, int upper, int lower, bool digits_only, bool ascii) {
    Token& t = out_->tokens.emplace_back();
    t.raw = std::string_view(text_.data() + begin, end - begin);
    t.kind = digits_only ? TokenKind::kNumber : TokenKind::kWord;
    t.all_caps = upper >= 2 && lower == 0;
    t.has_lower = lower > 0;
    if (ascii && upper == 0) {
      t.norm_is_raw = true;
      t.norm_size = static_cast<uint32_t>(end - begin);
      return;
    }
    AppendNorm(&t, ascii, upper);
  }

  // Appends the key of a word that is not its own key to norm (out of line: most words need
  // none). upper: for an ASCII word, the number of its upper case letters.
  [[gnu::noinline]] void AppendNorm(Token* t, bool ascii, int upper) {
    std::string& norm = out_->norm;
    const size_t offset = norm.size();
    t->norm_offset = static_cast<uint32_t>(offset);
    if (ascii) {
      norm.append(t->raw);
      // Lowers the `upper` letters, stopping after the last: "Hello" is done at 'h'.
      char* const end = norm.data() + norm.size();
      for (char* c = norm.data() + offset; upper > 0 && c != end; ++c) {
        if (IsAsciiUpper(static_cast<unsigned char>(*c))) {
          *c = static_cast<char>(*c + ('a' - 'A'));
          --upper;
        }
      }
    } else {
      AppendFolded(t->raw, &norm);
    }
    t->norm_size = static_cast<uint32_t>(norm.size() - offset);
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
  // the word's tallies; returns the position of the first other byte. One table lookup and one
  // add per byte: see kAsciiWordTally.
  size_t ScanAsciiRun(size_t pos, int* upper, int* lower, bool* digits_only) const {
    const size_t n = text_.size();
    const auto* const s = reinterpret_cast<const unsigned char*>(text_.data());
    size_t i = pos;
    if constexpr (std::endian::native == std::endian::little) {
      // Eight bytes at a time while eight remain, without a branch on where the run ends
      // inside them (see ClassifyAsciiWordBytes).
      constexpr uint64_t k80 = 0x8080808080808080ull;
      uint64_t uppers = 0, lowers = 0, letters = 0;
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, s + i, 8);
        const AsciiWordBytes bytes = ClassifyAsciiWordBytes(w);
        const uint64_t stop = ~bytes.alnum & k80;         // bytes that end the run
        const uint64_t in_run = (stop & (0 - stop)) - 1;  // the bits below the first (all if none)
        // One 1 per upper case byte, summed into the top byte by the multiply.
        uppers += (((bytes.upper & in_run) >> 7) * 0x0101010101010101ull) >> 56;
        lowers |= bytes.letter & ~bytes.upper & in_run;
        letters |= bytes.letter & in_run;
        if (stop != 0) {
          i += static_cast<size_t>(std::countr_zero(stop)) / 8;
          *upper += static_cast<int>(uppers);
          if (lowers != 0) ++*lower;  // only ever compared with 0
          if (letters != 0) *digits_only = false;
          return i;
        }
        i += 8;
      }
      *upper += static_cast<int>(uppers);
      if (lowers != 0) ++*lower;
      if (letters != 0) *digits_only = false;
      pos = i;  // the last bytes of the text, below, one at a time
    }
    uint64_t tally = 0;
    for (uint64_t t; i < n && (t = kAsciiWordTally[s[i]]) != 0; ++i) tally += t;
    const auto lowers = static_cast<uint32_t>(tally);
    auto uppers = static_cast<int>((tally >> 32) & 0x7FFFFFFF);
    if (i - pos >= kMaxTalliedRun) [[unlikely]] {  // the sum may have overflowed: count again
      uppers = static_cast<int>(std::count_if(s + pos, s + i, IsAsciiUpper));
    }
    *upper += uppers;
    if (lowers != 0) ++*lower;  // only ever compared with 0
    if ((tally & ~kAsciiDigit) != 0) *digits_only = false;
    return i;
  }

  // Other ASCII ends a word, except an apostrophe and number separators.
  static bool EndsWord(unsigned char b) {
    return (kByteClass[b] & (kByteWordGlue | kByteNumberGlue)) == 0;
  }

  // Scans a word (or number) starting at pos; returns the position after it. Most words are
  // ASCII letters and digits up to a space or punctuation: they take the short way, without
  // ScanWordOn's bookkeeping.
  size_t ScanWord(size_t pos) {
    int upper = 0, lower = 0;
    bool digits_only = true;
    const size_t i = ScanAsciiRun(pos, &upper, &lower, &digits_only);
    // ScanWordOn would stop at once, as at the common "word." and "word,", unless the word
    // goes on (an apostrophe, non-ASCII) or the number does ("3.5").
    if (i < text_.size()) {
      const uint8_t next = kByteClass[static_cast<unsigned char>(text_[i])];
      if ((next & kByteWordGlue) || (digits_only && (next & kByteNumberGlue))) {
        return ScanWordOn(pos, i, upper, lower, digits_only);
      }
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

Tokenizer::Tokenizer(const StringSet& emoticons) : emoticons_(emoticons), byte_class_(kByteClass) {
  for (const std::string& e : emoticons_) {
    if (e.empty()) continue;
    const auto first = static_cast<unsigned char>(e[0]);
    if (!IsSpace(first)) byte_class_[first] |= kByteEmoticon;
    if (e.size() >= 2) emoticon_prefix_.set(PrefixIndex(e[0], e[1]));
    max_emoticon_size_ = std::max(max_emoticon_size_, e.size());
  }
}

bool Tokenizer::MayStartEmoticon(std::string_view text, size_t pos) const {
  return pos + 1 < text.size() && emoticon_prefix_[PrefixIndex(text[pos], text[pos + 1])];
}

size_t Tokenizer::MatchEmoticon(std::string_view text, size_t pos, std::string_view* key) const {
  const size_t n = text.size();
  if (!MayStartEmoticon(text, pos)) return 0;
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
    const uint8_t cls = byte_class_[b];
    // The common cases first: a space, and a letter that starts neither a URL nor an emoticon.
    if (cls == kByteSpace) {
      ++i;
      continue;
    }
    if (cls == kByteLetter) {
      i = scan.ScanWord(i);
      if (i < n && text[i] == ' ') ++i;  // the usual space after a word, without the dispatch
      continue;
    }
    if (cls == kByteNewline) {
      scan.EmitBreak(i, i + 1, TokenKind::kSentenceBreak);
      ++i;
      continue;
    }
    if ((cls & kByteEmoticon) && MayStartEmoticon(text, i)) {
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
      if (cls & (kByteLetter | kByteDigit)) {
        if ((cls & kByteUrlStart) && !IsAsciiAlnum(prev) &&
            (StartsWithNoCase(text, i, "http://") || StartsWithNoCase(text, i, "https://") ||
             StartsWithNoCase(text, i, "www."))) {
          i = scan.ScanUrl(i);
        } else {
          const size_t start = i;
          i = scan.ScanWord(i);
          if (prev == '-' && (cls & kByteDigit) &&
              (start < 2 || !IsAsciiAlnum(static_cast<unsigned char>(text[start - 2])))) {
            scan.JoinMinusSign();
          }
        }
        continue;
      }
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
        case '-': {
          const char32_t next = PeekCp(text, i + 1);
          if (IsSpace(prev) && (next == 0 || next == '-' ||
                                (next < 0x80 && IsSpace(static_cast<unsigned char>(next))))) {
            scan.EmitBreak(i, i + 1, TokenKind::kClauseBreak);
          }
          ++i;
          continue;
        }
        case '@': {
          const char32_t next = PeekCp(text, i + 1);
          if (next != 0 && next < 0x80 &&
              (IsAsciiAlnum(static_cast<unsigned char>(next)) || next == '_')) {
            i = scan.ScanMention(i);
            continue;
          }
          ++i;
          continue;
        }
        case '#': {
          const char32_t next = PeekCp(text, i + 1);
          if (next != 0 && (IsWordCp(next) || next == '_')) {
            i = scan.ScanHashtag(i);
            continue;
          }
          ++i;
          continue;
        }
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
