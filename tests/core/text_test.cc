#include "heed/core/text.h"

#include <gtest/gtest.h>

#include <string>

namespace heed {
namespace {

TEST(Utf8, ValidatesAndSanitises) {
  EXPECT_TRUE(IsValidUtf8("caffè ☕ 😀"));
  EXPECT_FALSE(IsValidUtf8("bad \xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(SanitizeUtf8("a\xFFz"), "a\xEF\xBF\xBDz");
}

// IsValidUtf8 checks byte ranges without decoding; SanitizeUtf8 decodes. They must agree on
// every sequence of up to two bytes, on three- and four-byte ones around every boundary, placed
// both on the 8-byte ASCII fast path's edges and off them.
TEST(Utf8, ValidationAgreesWithDecodingOnEveryShortSequence) {
  auto agree = [](const std::string& bytes) {
    for (const std::string& text : {bytes, "abcdefg" + bytes, "abcdefgh" + bytes + "xyz"}) {
      if (IsValidUtf8(text) != (SanitizeUtf8(text) == text)) return false;
    }
    return true;
  };
  int checked = 0;
  for (int a = 0; a < 256; ++a) {
    ASSERT_TRUE(agree(std::string(1, static_cast<char>(a)))) << a;
    for (int b = 0; b < 256; ++b) {
      const std::string two{static_cast<char>(a), static_cast<char>(b)};
      ASSERT_TRUE(agree(two)) << a << " " << b;
      // A third byte matters only after a lead byte, and then only where the second byte sits
      // relative to the range boundaries (80, 8F/90, 9F/A0, BF).
      if (a < 0xC0 || (b != 0x7F && b != 0x80 && b != 0x8F && b != 0x90 && b != 0x9F && b != 0xA0 &&
                       b != 0xBF && b != 0xC0)) {
        continue;
      }
      for (int c = 0; c < 256; ++c) {
        ASSERT_TRUE(agree(two + static_cast<char>(c))) << a << " " << b << " " << c;
        ++checked;
      }
    }
  }
  for (int a : {0xEF, 0xF0, 0xF1, 0xF4, 0xF5}) {
    for (int b : {0x80, 0x8F, 0x90, 0xBF, 0xC0}) {
      for (int d : {0x7F, 0x80, 0xBF, 0xC0}) {
        const std::string four{static_cast<char>(a), static_cast<char>(b), '\x80',
                               static_cast<char>(d)};
        ASSERT_TRUE(agree(four)) << a << " " << b << " " << d;
      }
    }
  }
  EXPECT_EQ(checked, 64 * 8 * 256);
}

TEST(ForTerminal, StripsEscapesControlsAndBidi) {
  EXPECT_EQ(ForTerminal("red \x1b[31malert\x1b[0m!"), "red alert!");
  EXPECT_EQ(ForTerminal("link \x1b]8;;http://evil\x07text\x1b]8;;\x07"), "link text");
  EXPECT_EQ(ForTerminal("a\u202Eb\u2066c"), "abc");
  EXPECT_EQ(ForTerminal("line1\nline2\r\x07"), "line1 line2 ");
  EXPECT_EQ(ForTerminal("line1\nline2", true), "line1\nline2");
}

TEST(HtmlEscape, EscapesMarkupAndRepairsUtf8) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("caff\xE8"), "caff\xEF\xBF\xBD");
}

TEST(CsvCell, QuotesDefusesFormulasAndNeutralisesControls) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvCell("red \x1b[31mtext"), "red text");
}

}  // namespace
}  // namespace heed
