// Inputs found by the fuzz/ targets (docs/RELIABILITY.md, "Fuzzing") that once crashed or hit
// undefined behaviour in core, kept as regression cases.
#include <gtest/gtest.h>

#include <limits>

#include "heed/core/clock.h"

namespace heed {
namespace {

// fuzz_core_text: FormatDuration negated the millisecond count before dividing, and
// -Millis::min() overflows int64 (UBSan: "negation of -9223372036854775808").
TEST(FuzzRegression, FormatDurationOfExtremeDurations) {
  EXPECT_EQ(FormatDuration(Millis(std::numeric_limits<int64_t>::min())), "-106751991167d 7h");
  EXPECT_EQ(FormatDuration(Millis(std::numeric_limits<int64_t>::max())), "106751991167d 7h");
  EXPECT_EQ(FormatDuration(Millis(-1)), "-0s");  // unchanged for ordinary values
  EXPECT_EQ(FormatDuration(Millis(-20 * 60'000)), "-20m");
}

}  // namespace
}  // namespace heed
