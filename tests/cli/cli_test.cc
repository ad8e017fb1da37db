// The CLI's contract with people and scripts: help everywhere, clear errors, stable exit codes.
#include "heed/cli/cli.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/store/store.h"

namespace heed::cli {
namespace {

namespace fs = std::filesystem;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-cli-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    env_["HOME"] = dir_;
    db_ = dir_ + "/heed.db";
    config_ = dir_ + "/heed.conf";
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Run(std::vector<std::string> args, bool tty = false) {
    out_.str(""), err_.str("");
    CliContext context{out_, err_};
    context.env = [this](const std::string& k) -> std::optional<std::string> {
      auto it = env_.find(k);
      return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    context.out_is_tty = tty;
    context.clock = &clock_;
    return RunCli(args, context);
  }
  int RunWithPaths(std::vector<std::string> args, bool tty = false) {
    args.insert(args.end(), {"--db", db_, "--config", config_});
    return Run(args, tty);
  }
  void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
  int64_t AddMention(const std::string& text) {
    auto store = std::move(store::Store::Open(db_)).value();
    Mention m;
    m.platform = "mastodon";
    m.remote_id = std::to_string(++next_remote_);
    m.author.handle = "ana@example.social";
    m.text = text;
    m.created_at = clock_.Now();
    return store->InsertMention(m, "masto", clock_.Now())->id;
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  std::map<std::string, std::string> env_;
  std::string dir_, db_, config_;
  std::ostringstream out_, err_;
  int next_remote_ = 0;
};

TEST_F(CliTest, UsageAndUnknownCommand) {
  EXPECT_EQ(Run({}), kExitUsage);
  EXPECT_NE(err_.str().find("usage: heed COMMAND"), std::string::npos);
  EXPECT_EQ(Run({"--help"}), kExitOk);
  EXPECT_NE(out_.str().find("inbox"), std::string::npos);
  EXPECT_EQ(Run({"frobnicate"}), kExitUsage);
  EXPECT_NE(err_.str().find("unknown command \"frobnicate\""), std::string::npos);
}

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const char* command :
       {"init", "scan", "inbox", "show", "reply", "note", "resolve", "score", "demo", "sandbox"}) {
    EXPECT_EQ(Run({command, "--help"}), kExitOk) << command;
    EXPECT_NE(out_.str().find("usage: heed " + std::string(command)), std::string::npos)
        << command << ": " << out_.str();
  }
}

TEST_F(CliTest, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(Run({"inbox", "--no-such-flag"}), kExitUsage);
  EXPECT_NE(err_.str().find("no-such-flag"), std::string::npos);
  EXPECT_EQ(Run({"show", "abc"}), kExitUsage);
  EXPECT_NE(err_.str().find("\"abc\" is not an item id"), std::string::npos);
  EXPECT_EQ(Run({"show"}), kExitUsage);
  EXPECT_EQ(Run({"note", "1", "called", "back"}), kExitUsage);
  EXPECT_NE(err_.str().find("--by"), std::string::npos);
  EXPECT_EQ(Run({"reply", "1"}), kExitUsage);
  EXPECT_EQ(Run({"reply", "1", "--text", "hi", "--manual", "--replace"}), kExitUsage);
  EXPECT_NE(err_.str().find("--manual"), std::string::npos);
  EXPECT_EQ(Run({"inbox", "--color", "sometimes"}), kExitUsage);
  EXPECT_EQ(Run({"inbox", "--limit", "many"}), kExitUsage);
  EXPECT_EQ(Run({"inbox", "--status", "closed"}), kExitUsage);
  EXPECT_NE(err_.str().find("closed"), std::string::npos);
  EXPECT_EQ(Run({"inbox", "--label", "angry"}), kExitUsage);
  EXPECT_EQ(Run({"inbox", "--overdue", "--all"}), kExitUsage);
}

TEST_F(CliTest, MissingDatabaseSaysRunInit) {
  EXPECT_EQ(RunWithPaths({"inbox"}), kExitData);
  EXPECT_NE(err_.str().find("heed init"), std::string::npos);
  EXPECT_FALSE(fs::exists(db_));  // reading never creates the database
}

TEST_F(CliTest, CorruptDatabaseIsReportedNotOverwritten) {
  Write(db_, "this is not a database, it is a shopping list\n");
  EXPECT_EQ(RunWithPaths({"inbox"}), kExitData);
  EXPECT_NE(err_.str().find(db_), std::string::npos) << err_.str();
  std::ifstream in(db_);
  std::string first_line;
  std::getline(in, first_line);
  EXPECT_EQ(first_line, "this is not a database, it is a shopping list");
}

TEST_F(CliTest, BadConfigNamesTheKey) {
  Write(config_, "[policy]\nnegative = whenever\n");
  EXPECT_EQ(RunWithPaths({"init"}), kExitData);
  EXPECT_NE(err_.str().find("policy.negative"), std::string::npos) << err_.str();
}

TEST_F(CliTest, InitThenEmptyInbox) {
  ASSERT_EQ(RunWithPaths({"init"}), kExitOk) << err_.str();
  EXPECT_TRUE(fs::exists(db_));
  EXPECT_TRUE(fs::exists(config_));
  EXPECT_EQ((fs::status(config_).permissions() & fs::perms::others_read), fs::perms::none);
  ASSERT_EQ(RunWithPaths({"inbox"}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("Inbox zero"), std::string::npos);
  ASSERT_EQ(RunWithPaths({"inbox", "--json"}), kExitOk);
  EXPECT_EQ(out_.str(), "[]\n");
  EXPECT_EQ(RunWithPaths({"init"}), kExitOk);  // idempotent
  EXPECT_NE(out_.str().find("exists, kept"), std::string::npos);
}

TEST_F(CliTest, InitUsesXdgDefaults) {
  env_["XDG_DATA_HOME"] = dir_ + "/data";
  env_["XDG_CONFIG_HOME"] = dir_ + "/cfg";
  ASSERT_EQ(Run({"init"}), kExitOk) << err_.str();
  EXPECT_TRUE(fs::exists(dir_ + "/data/heed/heed.db"));
  EXPECT_TRUE(fs::exists(dir_ + "/cfg/heed/heed.conf"));
}

TEST_F(CliTest, ScanWithoutConnectorsExplainsWhatToAdd) {
  ASSERT_EQ(RunWithPaths({"init"}), kExitOk);
  EXPECT_EQ(RunWithPaths({"scan"}), kExitData);
  EXPECT_NE(err_.str().find("[connector.NAME]"), std::string::npos);
}

TEST_F(CliTest, ScanWithMissingTokenNamesTheVariable) {
  Write(config_,
        "[connector.m]\nplatform=mastodon\nbase_url=http://127.0.0.1:9\nfeed=mentions\n"
        "token_env=HEED_TEST_TOKEN\n");
  ASSERT_EQ(RunWithPaths({"init"}), kExitOk);
  EXPECT_EQ(RunWithPaths({"scan"}), kExitFailure);
  EXPECT_NE(err_.str().find("HEED_TEST_TOKEN"), std::string::npos);
}

TEST_F(CliTest, NoteResolveShowAndColours) {
  ASSERT_EQ(RunWithPaths({"init"}), kExitOk);
  int64_t id = AddMention("Where is my \x1b[31mparcel\x1b[0m?");
  std::string sid = std::to_string(id);
  EXPECT_EQ(RunWithPaths({"show", "999"}), kExitFailure);
  ASSERT_EQ(RunWithPaths({"note", sid, "called", "the", "customer", "--by", "AB"}), kExitOk)
      << err_.str();

  ASSERT_EQ(RunWithPaths({"inbox"}, /*tty=*/true), kExitOk);
  EXPECT_NE(out_.str().find("\x1b[31mnew"), std::string::npos) << "red for new on a TTY";
  EXPECT_EQ(out_.str().find("\x1b[31mparcel"), std::string::npos) << "post text is neutralised";
  env_["NO_COLOR"] = "1";
  ASSERT_EQ(RunWithPaths({"inbox"}, true), kExitOk);
  EXPECT_EQ(out_.str().find('\x1b'), std::string::npos) << "NO_COLOR honoured";
  env_.erase("NO_COLOR");
  ASSERT_EQ(RunWithPaths({"inbox"}, /*tty=*/false), kExitOk);
  EXPECT_EQ(out_.str().find('\x1b'), std::string::npos) << "no colour when not a TTY";

  // A read-only source is answered by hand and the reply recorded.
  ASSERT_EQ(
      RunWithPaths({"reply", sid, "--manual", "--text", "Answered in the thread", "--by", "AB"}),
      kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("posted by hand"), std::string::npos);
  ASSERT_EQ(RunWithPaths({"inbox", "--status", "in_progress"}), kExitOk);
  EXPECT_NE(out_.str().find("in progress"), std::string::npos) << out_.str();
  ASSERT_EQ(RunWithPaths({"inbox", "--overdue"}), kExitOk);  // no deadline stored: none overdue
  EXPECT_NE(out_.str().find("Inbox zero"), std::string::npos) << out_.str();
  ASSERT_EQ(RunWithPaths({"resolve", sid, "--by", "AB"}), kExitOk);
  ASSERT_EQ(RunWithPaths({"inbox"}), kExitOk);
  EXPECT_NE(out_.str().find("Inbox zero"), std::string::npos);
  ASSERT_EQ(RunWithPaths({"inbox", "--all", "--color=always"}), kExitOk);
  EXPECT_NE(out_.str().find("\x1b[32mresolved"), std::string::npos);

  ASSERT_EQ(RunWithPaths({"show", sid}), kExitOk);
  EXPECT_NE(out_.str().find("AB: called the customer"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("resolved by AB"), std::string::npos);
  EXPECT_NE(out_.str().find("[posted by hand]"), std::string::npos) << out_.str();
  ASSERT_EQ(RunWithPaths({"show", sid, "--json"}), kExitOk);
  EXPECT_NE(out_.str().find("\"notes\":[{\"by\":\"AB\""), std::string::npos) << out_.str();
}

}  // namespace
}  // namespace heed::cli
