#include "heed/core/text.h"

#include <gtest/gtest.h>

namespace heed {
namespace {

TEST(Utf8, ValidatesAndSanitises) {
  EXPECT_TRUE(IsValidUtf8("caffè ☕ 😀"));
  EXPECT_FALSE(IsValidUtf8("bad \xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(SanitizeUtf8("a\xFFz"), "a\xEF\xBF\xBDz");
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
