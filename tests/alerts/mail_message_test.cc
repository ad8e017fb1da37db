// RFC 5322 message building: encoded-words, quoted-printable, header injection.
#include "heed/alerts/mail_message.h"

#include <gtest/gtest.h>

namespace heed::alerts {
namespace {

TEST(MailMessageTest, AsciiSubjectStaysReadable) {
  EXPECT_EQ(EncodeHeaderWord("heed: BREACHED first reply"), "heed: BREACHED first reply");
}

TEST(MailMessageTest, Utf8SubjectBecomesShortEncodedWords) {
  EXPECT_EQ(EncodeHeaderWord("caffè"), "=?UTF-8?B?Y2FmZsOo?=");
  std::string long_subject;
  for (int i = 0; i < 40; ++i) long_subject += "è€";  // 2- and 3-byte sequences
  std::string encoded = EncodeHeaderWord(long_subject);
  size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    ++words;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GT(words, 1);
}

TEST(MailMessageTest, HeaderValuesLoseLineBreaks) {
  EXPECT_EQ(HeaderSafe("x\r\nBcc: victim@example.com"), "x  Bcc: victim@example.com");
  EXPECT_EQ(EncodeHeaderWord("a\nb"), "a b");
  MailMessage m;
  m.from = "heed@example.com";
  m.to = {"care@example.com"};
  m.subject = "hi\r\nBcc: victim@example.com";
  m.body = "body";
  m.message_id = "<1@example.com>";
  std::string rendered = RenderMailMessage(m);
  EXPECT_EQ(rendered.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(rendered.find("Subject: hi  Bcc: victim@example.com\r\n"), std::string::npos);
}

TEST(MailMessageTest, QuotedPrintableKeepsLinesShortAndEncodesUtf8) {
  EXPECT_EQ(QuotedPrintable("caffè = ok\nline two \n.dot"),
            "caff=C3=A8 =3D ok\r\nline two=20\r\n.dot");
  std::string long_line(200, 'a');
  std::string qp = QuotedPrintable(long_line);
  size_t start = 0;
  while (start < qp.size()) {
    size_t end = qp.find("\r\n", start);
    size_t len = (end == std::string::npos ? qp.size() : end) - start;
    EXPECT_LE(len, 76u);
    start = end == std::string::npos ? qp.size() : end + 2;
  }
}

TEST(MailMessageTest, RendersTheRequiredHeaders) {
  MailMessage m;
  m.from = "heed@example.com";
  m.to = {"care@example.com", "lead@example.com"};
  m.subject = "Test";
  m.body = "Hello\n";
  m.date = *ParseIso8601("2026-11-24T08:30:05Z");
  m.message_id = "<abc@example.com>";
  std::string r = RenderMailMessage(m);
  EXPECT_EQ(r.rfind("Date: Tue, 24 Nov 2026 08:30:05 +0000\r\n", 0), 0u);
  for (const char* header :
       {"\r\nFrom: heed@example.com\r\n", "\r\nTo: care@example.com, lead@example.com\r\n",
        "\r\nSubject: Test\r\n", "\r\nMessage-ID: <abc@example.com>\r\n",
        "\r\nMIME-Version: 1.0\r\n", "\r\nContent-Type: text/plain; charset=utf-8\r\n",
        "\r\nContent-Transfer-Encoding: quoted-printable\r\n", "\r\n\r\nHello\r\n"}) {
    EXPECT_NE(r.find(header), std::string::npos) << header;
  }
}

TEST(MailMessageTest, AddressesMustBePlainAddrSpecs) {
  EXPECT_TRUE(ValidateMailAddress("care+heed@example.com").ok());
  for (const char* bad : {"care", "@example.com", "care@", "a b@example.com",
                          "a@example.com\r\nBcc: x@y", "<a@example.com>", "a@b,c@d", "a@b@c"}) {
    EXPECT_EQ(ValidateMailAddress(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace heed::alerts
