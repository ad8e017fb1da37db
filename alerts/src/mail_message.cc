#include "heed/alerts/mail_message.h"

#include <cstdio>

#include "heed/core/text.h"

namespace heed::alerts {
namespace {

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out.push_back(kBase64[(n >> shift) & 63]);
  }
  if (size_t rest = in.size() - i; rest > 0) {
    uint32_t n = uint8_t(in[i]) << 16;
    if (rest == 2) n |= uint8_t(in[i + 1]) << 8;
    out.push_back(kBase64[(n >> 18) & 63]);
    out.push_back(kBase64[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

bool PrintableAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

}  // namespace

Status ValidateMailAddress(std::string_view address) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument("\"" + HeaderSafe(address) +
                                   "\" is not a usable e-mail address (" + why + ")");
  };
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) {
    return bad("expected local@domain");
  }
  for (char c : address) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == '"' || c == '(' ||
        c == ')' || c == ';' || c == ':' || c == '\\') {
      return bad("no spaces, controls, quotes, brackets, commas or colons");
    }
  }
  if (address.find('@') != at) return bad("more than one @");
  return Status::Ok();
}

std::string HeaderSafe(std::string_view value) {
  std::string out = SanitizeUtf8(value);
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

std::string EncodeHeaderWord(std::string_view raw) {
  std::string value = HeaderSafe(raw);
  if (PrintableAscii(value)) return value;
  // 75 - len("=?UTF-8?B?") - len("?=") = 63 base64 characters, i.e. 45 bytes per word.
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t end = i;
    while (end < value.size()) {
      size_t next = end + Utf8Length(static_cast<unsigned char>(value[end]));
      if (next - i > kMaxBytes) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(value.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t nl = text.find('\n', line_start);
    std::string_view line = text.substr(
        line_start, nl == std::string_view::npos ? std::string_view::npos : nl - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t column = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      std::string piece = literal ? std::string(1, static_cast<char>(c))
                                  : std::string{'=', kHex[c >> 4], kHex[c & 15]};
      // Soft break ("=" CRLF) so that no encoded line passes 76 characters.
      if (column + piece.size() > 75) {
        out += "=\r\n";
        column = 0;
      }
      out += piece;
      column += piece.size();
    }
    if (nl == std::string_view::npos) break;
    out += "\r\n";
    line_start = nl + 1;
  }
  return out;
}

std::string Rfc5322Date(TimePoint t) {
  using namespace std::chrono;
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  sys_days day = floor<days>(t);
  year_month_day ymd(day);
  weekday wd(day);
  hh_mm_ss<Millis> hms(t - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string RenderMailMessage(const MailMessage& m) {
  std::string to;
  for (const std::string& address : m.to) {
    if (!to.empty()) to += ", ";
    to += HeaderSafe(address);
  }
  std::string out;
  out += "Date: " + Rfc5322Date(m.date) + "\r\n";
  out += "From: " + HeaderSafe(m.from) + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + EncodeHeaderWord(m.subject) + "\r\n";
  out += "Message-ID: " + HeaderSafe(m.message_id) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += QuotedPrintable(SanitizeUtf8(m.body));
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

}  // namespace heed::alerts
