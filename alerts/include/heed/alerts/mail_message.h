// Building RFC 5322 messages for e-mail alerts: headers safe against injection, UTF-8 subjects
// as RFC 2047 encoded-words, quoted-printable UTF-8 bodies, CRLF line ends. Dot-stuffing is
// not done here: libcurl escapes lines starting with '.' while it sends (its SMTP upload path).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/status.h"

namespace heed::alerts {

struct MailMessage {
  std::string from;             // addr-spec: "heed@example.com"
  std::vector<std::string> to;  // addr-specs
  std::string subject;          // UTF-8, untrusted parts allowed
  std::string body;             // UTF-8, '\n' line ends
  TimePoint date;
  std::string message_id;  // "<unique@domain>"
};

// OK when address is a bare addr-spec local@domain with no spaces, controls, quotes, angle
// brackets or commas (all heed needs, and nothing that could smuggle a header or a recipient).
Status ValidateMailAddress(std::string_view address);

// A header value with CR, LF and every other control character replaced by a space.
std::string HeaderSafe(std::string_view value);

// value as it goes after "Subject: ": itself when printable ASCII, else RFC 2047 B encoded-words
// ("=?UTF-8?B?...?=") of at most 75 characters each, folded with CRLF SP, never splitting a
// UTF-8 sequence.
std::string EncodeHeaderWord(std::string_view value);

// Quoted-printable (RFC 2045) of UTF-8 text with '\n' line ends, lines at most 76 characters,
// CRLF line ends.
std::string QuotedPrintable(std::string_view text);

// "Tue, 24 Nov 2026 08:30:00 +0000".
std::string Rfc5322Date(TimePoint t);

// The whole message: Date, From, To, Subject, Message-ID, MIME-Version, Content-Type,
// Content-Transfer-Encoding, a blank line and the body; CRLF line ends.
std::string RenderMailMessage(const MailMessage& message);

}  // namespace heed::alerts
