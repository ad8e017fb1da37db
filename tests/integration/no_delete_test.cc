// heed never deletes or hides anything. Every staff command runs against the sandbox, then:
// at the HTTP level no request was a delete or hide call (the sandbox refuses and records
// them as violations, and we also read its request log), and at the database level no table
// lost a row and no stored text changed.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/sandbox/sandbox.h"

namespace heed {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTables[] = {"mentions",        "mention_versions", "sentiment_scores",
                                   "deadlines",       "status_events",    "replies",
                                   "notes",           "sla_policies",     "sla_events",
                                   "assignments",     "customers",        "customer_links",
                                   "customer_merges", "reply_approvals",  "reply_attempts",
                                   "alerts_sent"};

class NoDeleteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-nodelete-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    sandbox::SandboxOptions options;
    options.seed = 9;
    options.post_count = 12;
    options.clock = &clock_;
    sandbox_ = std::move(sandbox::Sandbox::Start(options)).value();
    std::ofstream(dir_ + "/heed.conf")
        << "[responder]\nrequire_approval = negative\n"
        << "[connector.mentions]\nplatform = mastodon\nbase_url = " << sandbox_->base_url()
        << "\nfeed = mentions\ntoken_env = HEED_TOKEN\nauto_ack = true\n";
  }
  void TearDown() override {
    sandbox_.reset();
    fs::remove_all(dir_);
  }

  int Run(std::vector<std::string> args) {
    out_.str(""), err_.str("");
    cli::CliContext context{out_, err_};
    context.env = [](const std::string& k) -> std::optional<std::string> {
      if (k == "HEED_TOKEN") return std::string("token");
      return std::nullopt;
    };
    context.clock = &clock_;
    args.insert(args.end(), {"--db", dir_ + "/heed.db", "--config", dir_ + "/heed.conf"});
    return cli::RunCli(args, context);
  }

  // Row count per table, and a digest of every row's content, straight from SQLite.
  std::map<std::string, std::pair<int64_t, std::string>> Snapshot() {
    std::map<std::string, std::pair<int64_t, std::string>> snapshot;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((dir_ + "/heed.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    for (const char* table : kTables) {
      std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY rowid";
      sqlite3_stmt* stmt = nullptr;
      EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << table;
      int64_t rows = 0;
      std::string content;
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
          const unsigned char* text = sqlite3_column_text(stmt, c);
          content += text ? reinterpret_cast<const char*>(text) : "NULL";
          content += '\x1f';
        }
        content += '\n';
      }
      sqlite3_finalize(stmt);
      snapshot[table] = {rows, content};
    }
    sqlite3_close(db);
    return snapshot;
  }

  // Every row there before is still there, unchanged, in the same order. Replies may change
  // only their delivery columns, so their rows are compared by count.
  void ExpectOnlyAppended(const std::map<std::string, std::pair<int64_t, std::string>>& before,
                          const std::string& step) {
    auto after = Snapshot();
    for (const auto& [table, was] : before) {
      EXPECT_GE(after[table].first, was.first) << table << " lost rows at " << step;
      if (table == std::string("replies")) continue;
      EXPECT_EQ(after[table].second.compare(0, was.second.size(), was.second), 0)
          << table << " rows changed at " << step;
    }
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T12:00:00Z")};
  std::string dir_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::ostringstream out_, err_;
};

TEST_F(NoDeleteTest, EveryCommandOnlyAppendsAndNeverCallsDeleteOrHide) {
  ASSERT_EQ(Run({"init"}), cli::kExitOk) << err_.str();
  int scan = Run({"scan"});
  ASSERT_TRUE(scan == cli::kExitOk || scan == cli::kExitBreached) << err_.str();
  auto snapshot = Snapshot();
  ASSERT_GT(snapshot["mentions"].first, 0);

  ASSERT_EQ(Run({"inbox", "--json"}), cli::kExitOk);
  const std::string inbox = out_.str();
  const std::string id =
      inbox.substr(inbox.find("\"id\":") + 5,
                   inbox.find(',', inbox.find("\"id\":")) - inbox.find("\"id\":") - 5);
  auto step = [&](const std::vector<std::string>& args) {
    std::string name;
    for (const std::string& arg : args) name += arg + " ";
    int code = Run(args);  // some may fail on purpose; none may remove or rewrite anything
    ExpectOnlyAppended(snapshot, name);
    snapshot = Snapshot();
    return code;
  };
  step({"assign", id, "--to", "GB", "--by", "MR"});
  step({"note", id, "asked", "for", "the", "order", "number", "--by", "GB"});
  step({"status", "waiting", id, "--by", "GB"});
  step({"status", "in_progress", id, "--by", "GB"});
  // The most urgent item is negative, so its reply waits for a second operator.
  ASSERT_EQ(step({"reply", id, "--text", "Hi, we're sorry about this: we are on it.", "--force",
                  "--by", "GB"}),
            cli::kExitOk)
      << err_.str();
  const std::string recorded = out_.str();
  ASSERT_NE(recorded.find("heed approve "), std::string::npos) << recorded;
  const std::string reply_id = recorded.substr(
      recorded.find("Reply ") + 6, recorded.find(" to #") - recorded.find("Reply ") - 6);
  EXPECT_EQ(step({"approve", reply_id, "--by", "GB"}), cli::kExitFailure);  // not the author
  EXPECT_EQ(step({"approve", reply_id, "--by", "MR"}), cli::kExitOk) << err_.str();
  step({"outbox", "retry"});
  step({"customer", "link", "mastodon:someone@example.social", "--by", "GB"});
  step({"scan"});
  step({"resolve", id, "--by", "GB"});
  step({"assign", "--all", "--platform", "mastodon", "--unassign", "--by", "GB"});
  step({"resolve", "--platform", "mastodon", "--by", "GB"});
  EXPECT_FALSE(sandbox_->Replies().empty());
  for (const auto& request : sandbox_->Requests()) {
    EXPECT_NE(request.method, "DELETE") << request.path;
    EXPECT_EQ(request.path.find("hide"), std::string::npos) << request.path;
    EXPECT_EQ(request.path.find("delete"), std::string::npos) << request.path;
  }
  EXPECT_TRUE(sandbox_->Violations().empty());
}

}  // namespace
}  // namespace heed
