// Inputs found by the fuzz/ targets (docs/RELIABILITY.md, "Fuzzing") that once hung or crashed
// the configuration parser, kept as regression cases.
#include <gtest/gtest.h>

#include <string>

#include "heed/app/config.h"

namespace heed::app {
namespace {

// fuzz_config (timeout): a line Boost.Program_options cannot parse that contains the text
// "%invalid_line%". Boost's error message substitutes the line for that placeholder until none
// is left, so building the message never ended (and grew without bound). The input is the
// fuzzer's, byte for byte.
TEST(FuzzRegression, InvalidLineContainingBoostPlaceholderIsAnError) {
  const std::string text(
      ";\x1f=\n\n"
      "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
      "%invalid_line%\xff\n\n\n",
      38);
  ConfigContext context;
  context.reference_year = 2026;
  auto config = ParseConfig(text, "fuzz.conf", context);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  const std::string message = config.status().message();
  EXPECT_EQ(message.rfind("fuzz.conf: invalid line '", 0), 0u) << message;
  EXPECT_NE(message.find("%invalid_line%"), std::string::npos) << message;
}

// The offending line is quoted terminal-safe: an escape sequence in it is neutralised.
TEST(FuzzRegression, InvalidLineIsQuotedTerminalSafe) {
  auto config = ParseConfig("[store]\n\x1b]0;owned\x07 no equals sign\n", "fuzz.conf", {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find('\x1b'), std::string::npos) << config.status().message();
  EXPECT_NE(config.status().message().find("no equals sign"), std::string::npos)
      << config.status().message();
}

}  // namespace
}  // namespace heed::app
