#include "heed/core/text.h"

#include <cstdint>
#include <cstring>

namespace heed {
namespace {

// Decodes one UTF-8 sequence at text[pos]. Returns its length and sets *cp, or 0 when the
// sequence is ill-formed (overlong, surrogate, > U+10FFFF, truncated).
size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t* cp) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  uint32_t value;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > text.size()) return 0;
  for (size_t i = 1; i < len; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return 0;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *cp = value;
  return len;
}

bool IsBidiControl(uint32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

}  // namespace

// Validates without decoding (scorers and parsers call this on every text): ASCII is skipped
// 8 bytes at a time, and each lead byte is checked against the ranges DecodeUtf8 accepts (no
// overlong forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  auto continues = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
    } else if (b >= 0xC2 && b <= 0xDF) {  // C0 and C1 would be overlong
      if (!continues(1)) return false;
      i += 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      if (!continues(1) || !continues(2)) return false;
      // E0 needs A0.. (else overlong), ED ..9F (else a surrogate).
      const unsigned char b1 = p[i + 1];
      if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F)) return false;
      i += 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      if (!continues(1) || !continues(2) || !continues(3)) return false;
      // F0 needs 90.. (else overlong), F4 ..8F (else above U+10FFFF).
      const unsigned char b1 = p[i + 1];
      if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) return false;
      i += 4;
    } else {
      return false;  // a continuation byte out of place, or C0, C1, F5..FF
    }
  }
  return true;
}

std::string SanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  uint32_t cp;
  for (size_t pos = 0; pos < text.size();) {
    size_t len = DecodeUtf8(text, pos, &cp);
    if (len == 0) {
      out.append("\xEF\xBF\xBD");
      ++pos;
    } else {
      out.append(text.substr(pos, len));
      pos += len;
    }
  }
  return out;
}

std::string ForTerminal(std::string_view input, bool keep_newlines) {
  std::string text = SanitizeUtf8(input);
  std::string out;
  out.reserve(text.size());
  uint32_t cp = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t len = DecodeUtf8(text, pos, &cp);
    if (len == 0) {  // cannot happen after SanitizeUtf8; never loop on it regardless
      ++pos;
      continue;
    }
    if (cp == 0x1B) {  // ESC: drop the whole escape sequence, not just the ESC byte
      ++pos;
      if (pos < text.size() && text[pos] == '[') {  // CSI: parameters then a final byte @..~
        ++pos;
        while (pos < text.size() && !(text[pos] >= '@' && text[pos] <= '~')) ++pos;
        if (pos < text.size()) ++pos;
      } else if (pos < text.size() && (text[pos] == ']' || text[pos] == 'P' || text[pos] == '_' ||
                                       text[pos] == '^')) {  // OSC/DCS/APC/PM: until BEL or ST
        ++pos;
        while (pos < text.size() && text[pos] != '\a' &&
               !(text[pos] == 0x1B && pos + 1 < text.size() && text[pos + 1] == '\\')) {
          ++pos;
        }
        if (pos < text.size()) pos += text[pos] == '\a' ? 1 : 2;
      } else if (pos < text.size()) {
        ++pos;  // two-character escape
      }
      continue;
    }
    bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (keep_newlines && (cp == '\n' || cp == '\t')) control = false;
    if (control) {
      if (cp == '\n' || cp == '\t' || cp == '\r') out.push_back(' ');
    } else if (!IsBidiControl(cp)) {
      out.append(text, pos, len);
    }
    pos += len;
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  const std::string clean = SanitizeUtf8(text);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string CsvCell(std::string_view raw) {
  std::string value = ForTerminal(raw, /*keep_newlines=*/true);
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace heed
