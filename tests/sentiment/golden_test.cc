// Golden sentences (tests/sentiment/data/golden.tsv): lang, expected label, text. Each row is
// scored with its language as hint and must get the expected label.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace heed::sentiment {
namespace {

struct GoldenRow {
  int line = 0;
  std::string language;
  std::string label;
  std::string text;
};

std::vector<GoldenRow> LoadGolden() {
  std::vector<GoldenRow> rows;
  std::ifstream in(HEED_SENTIMENT_GOLDEN);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t');
    const size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos) {
      rows.push_back(GoldenRow{number, "", "malformed", line});
      continue;
    }
    rows.push_back(
        GoldenRow{number, line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return rows;
}

class GoldenTest : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(GoldenTest, Label) {
  const GoldenRow& row = GetParam();
  ASSERT_NE(row.label, "malformed") << "golden.tsv:" << row.line;
  const Score score = testing::Analyze(row.text, row.language);
  EXPECT_EQ(LabelName(score.label), row.label)
      << "golden.tsv:" << row.line << " " << row.text << "\n"
      << score.Explain();
}

TEST(GoldenFileTest, HasEnoughRows) {
  const std::vector<GoldenRow> rows = LoadGolden();
  EXPECT_GE(rows.size(), 40u);
}

INSTANTIATE_TEST_SUITE_P(Rows, GoldenTest, ::testing::ValuesIn(LoadGolden()),
                         [](const ::testing::TestParamInfo<GoldenRow>& row) {
                           return row.param.language + "_line" + std::to_string(row.param.line);
                         });

}  // namespace
}  // namespace heed::sentiment
