// `heed report` in-process: the period options, formats, --output, errors that name the bad
// option, and no progress bar when nothing is a terminal.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "report_fixture.h"

namespace heed::cli {
namespace {

namespace fs = std::filesystem;

class CliReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-report-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = dir_ + "/heed.db";
    auto store = store::Store::Open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(report::testing::FillFixture(**store).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Run(std::vector<std::string> args, bool tty = false) {
    args.insert(args.begin(), "report");
    args.insert(args.end(), {"--db", db_});
    out_.str(""), err_.str("");
    CliContext context{out_, err_};
    context.env = [this](const std::string& k) -> std::optional<std::string> {
      if (k == "HOME") return dir_;
      return std::nullopt;
    };
    context.clock = &clock_;
    context.out_is_tty = tty;
    context.err_is_tty = tty;
    return RunCli(args, context);
  }

  std::string dir_, db_;
  std::ostringstream out_, err_;
  SimulatedClock clock_{report::testing::FixtureNow()};
};

TEST_F(CliReportTest, JsonForDatesAndPlatform) {
  ASSERT_EQ(Run({"--from", "2026-03-23", "--to", "2026-03-29", "--format", "json"}), kExitOk)
      << err_.str();
  rapidjson::Document doc;
  ASSERT_FALSE(doc.Parse(out_.str().c_str()).HasParseError());
  EXPECT_EQ(doc["mentions"].GetInt64(), 6);
  EXPECT_STREQ(doc["period"]["to"].GetString(), "2026-03-30T00:00:00.000Z");
  EXPECT_EQ(err_.str(), "");  // no progress bar off a terminal
  ASSERT_EQ(
      Run({"--from", "2026-03-23", "--to", "2026-03-29", "--platform", "x", "--format", "json"}),
      kExitOk);
  ASSERT_FALSE(doc.Parse(out_.str().c_str()).HasParseError());
  EXPECT_EQ(doc["mentions"].GetInt64(), 1);
}

TEST_F(CliReportTest, SinceCountsBackFromNow) {
  // now is 2026-04-01T00:00Z: the last 3 days hold M6 (03-29 23:30) and M7 (03-30).
  ASSERT_EQ(Run({"--since", "3d", "--format", "csv"}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("2026-03-29T00:00:00.000Z,2026-04-01T00:00:00.000Z,,UTC,2\r\n"),
            std::string::npos)
      << out_.str();
}

TEST_F(CliReportTest, HtmlToAFileAndNotToATerminal) {
  const std::string file = dir_ + "/report.html";
  EXPECT_EQ(Run({"--format", "html"}, true), kExitUsage);
  EXPECT_NE(err_.str().find("--output"), std::string::npos);
  ASSERT_EQ(
      Run({"--from", "2026-03-23", "--to", "2026-03-29", "--format", "html", "--output", file},
          true),
      kExitOk)
      << err_.str();
  std::stringstream html;
  html << std::ifstream(file).rdbuf();
  EXPECT_NE(html.str().find("<svg"), std::string::npos);
  EXPECT_EQ(out_.str(), "");
  EXPECT_NE(err_.str().find("4/4"), std::string::npos);  // the progress bar, on a terminal
}

TEST_F(CliReportTest, ErrorsNameTheOption) {
  const std::map<std::vector<std::string>, std::string> cases = {
      {{"--since", "7y"}, "--since"},
      {{"--since", "7d", "--from", "2026-03-01"}, "--since"},
      {{"--to", "2026-03-01"}, "--to"},
      {{"--from", "2026-13-01"}, "--from"},
      {{"--from", "2026-03-10", "--to", "2026-03-01"}, "--from"},
      {{"--format", "pdf"}, "--format"},
      {{"--time-zone", "Mars/Olympus"}, "--time-zone"},
      {{"--platform", ""}, "--platform"},
  };
  for (const auto& [args, option] : cases) {
    EXPECT_EQ(Run(args), kExitUsage) << args[0];
    EXPECT_NE(err_.str().find("heed report: " + option), std::string::npos) << err_.str();
  }
}

}  // namespace
}  // namespace heed::cli
