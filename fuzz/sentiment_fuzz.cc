// libFuzzer target: the sentiment scorer on arbitrary bytes, through its public API only
// (scorer.h): Analyze with and without a language hint, DetectLanguage, Score::Explain.
// The first NUL-separated field is the hint, the rest the post text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "default_scorer.h"
#include "fuzz_check.h"
#include "heed/sentiment/scorer.h"

namespace {

void CheckScore(const heed::sentiment::Score& score) {
  HEED_FUZZ_CHECK(std::isfinite(score.compound));
  HEED_FUZZ_CHECK(score.compound >= -1.0 && score.compound <= 1.0);
  HEED_FUZZ_CHECK(!score.language.empty());
  for (const auto& contribution : score.contributions) {
    HEED_FUZZ_CHECK(std::isfinite(contribution.valence));
  }
  HEED_FUZZ_CHECK(heed::IsValidUtf8(score.Explain()));
  (void)score.urgency.ToString();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = heed::fuzz::AsText(data, size);
  std::vector<std::string_view> fields = heed::fuzz::SplitFields(input, 2);
  const auto& scorer = heed::fuzz::DefaultScorer();

  CheckScore(scorer.Analyze(input, ""));
  CheckScore(scorer.Analyze(fields[1], fields[0]));
  CheckScore(scorer.Analyze(fields[1], "it"));
  CheckScore(scorer.Analyze(fields[1], "en-US"));
  HEED_FUZZ_CHECK(!heed::sentiment::DetectLanguage(input).empty());
  return 0;
}
