// The queue from the terminal: assignment and bulk status changes by id or filter, pausing the
// SLA clock, customer cards, approval and the outbox, inbox --assignee and --csv.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/store/store.h"

namespace heed::cli {
namespace {

namespace fs = std::filesystem;

class QueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-queue-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    env_["HOME"] = dir_;
    env_["HEED_OPERATOR"] = "GB";
    db_ = dir_ + "/heed.db";
    config_ = dir_ + "/heed.conf";
    std::ofstream(config_) << "[policy]\nnegative = 1h\n";
    ASSERT_EQ(Run({"init"}), kExitOk) << err_.str();
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Run(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db_, "--config", config_});
    out_.str(""), err_.str("");
    CliContext context{out_, err_};
    context.env = [this](const std::string& k) -> std::optional<std::string> {
      auto it = env_.find(k);
      return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    context.clock = &clock_;
    return RunCli(args, context);
  }
  std::unique_ptr<store::Store> Open() { return std::move(store::Store::Open(db_)).value(); }
  // A stored, scored negative post with a 1h first-reply deadline under the configured policy.
  int64_t AddNegative(const std::string& platform, const std::string& handle,
                      const std::string& text) {
    auto store = Open();
    Mention m;
    m.platform = platform;
    m.remote_id = std::to_string(++next_remote_);
    m.author.handle = handle;
    m.text = text;
    m.language = "en";
    m.created_at = clock_.Now();
    int64_t id = store->InsertMention(m, platform, clock_.Now())->id;
    store::ScoreRecord score{-0.6, "negative", "en", "test", "", "", clock_.Now()};
    EXPECT_TRUE(store->InsertScore(id, score).ok());
    store::DeadlineRecord deadline{"default@1", "negative", m.created_at,
                                   m.created_at + std::chrono::hours(1), clock_.Now()};
    EXPECT_TRUE(store->InsertDeadline(id, deadline).ok());
    return id;
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  std::map<std::string, std::string> env_;
  std::string dir_, db_, config_;
  std::ostringstream out_, err_;
  int next_remote_ = 0;
};

TEST_F(QueueTest, AssignByIdsAndByFilterThenFilterTheInbox) {
  int64_t a = AddNegative("mastodon", "ana@example.social", "My parcel is lost");
  int64_t b = AddNegative("bluesky", "bob.bsky.social", "Still waiting for a refund");
  ASSERT_EQ(Run({"assign", std::to_string(a), "--to", "MR"}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("Assigned 1 item to MR"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"assign", "--platform", "bluesky", "--to", "AL"}), kExitOk) << err_.str();

  ASSERT_EQ(Run({"inbox", "--assignee", "MR", "--json"}), kExitOk);
  EXPECT_NE(out_.str().find("\"id\":" + std::to_string(a)), std::string::npos);
  EXPECT_EQ(out_.str().find("\"id\":" + std::to_string(b)), std::string::npos);
  ASSERT_EQ(Run({"inbox", "--assignee", "none", "--json"}), kExitOk);
  EXPECT_EQ(out_.str(), "[]\n");

  // Nothing changes when one of the ids is unknown; acting on everything needs a filter.
  EXPECT_EQ(Run({"assign", std::to_string(a), "999", "--to", "ZZ"}), kExitFailure);
  EXPECT_NE(err_.str().find("item 999"), std::string::npos);
  EXPECT_EQ(Open()->GetDetail(a)->item.assignee, "MR");
  EXPECT_EQ(Run({"assign", "--to", "ZZ"}), kExitUsage);
  EXPECT_EQ(Run({"assign", std::to_string(a)}), kExitUsage);
  ASSERT_EQ(Run({"assign", std::to_string(a), "--unassign"}), kExitOk);
  EXPECT_EQ(Open()->GetDetail(a)->item.assignee, "");
  EXPECT_EQ(Open()->GetDetail(a)->assignments.size(), 2u);  // history kept
}

TEST_F(QueueTest, BulkResolveAndWaitingPausesTheClock) {
  int64_t a = AddNegative("mastodon", "ana@example.social", "My parcel is lost");
  int64_t b = AddNegative("mastodon", "ana@example.social", "Hello?");
  int64_t c = AddNegative("bluesky", "bob.bsky.social", "Broken again");
  ASSERT_EQ(Run({"status", "waiting", std::to_string(a), "--by", "GB"}), kExitOk) << err_.str();
  EXPECT_EQ(Open()->GetDetail(a)->item.status, store::ItemStatus::kWaiting);
  ASSERT_EQ(Run({"resolve", std::to_string(b) + "," + std::to_string(c)}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("2 items now resolved"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"status", "sleeping", std::to_string(a)}), kExitUsage);
  EXPECT_EQ(Run({"resolve"}), kExitUsage);
  ASSERT_EQ(Run({"resolve", "--platform", "mastodon", "--status", "waiting"}), kExitOk);
  EXPECT_EQ(Open()->GetDetail(a)->item.status, store::ItemStatus::kResolved);
}

TEST_F(QueueTest, CustomerCardAcrossPlatformsWithMerge) {
  int64_t a = AddNegative("mastodon", "giulia@mastodon.social", "Order 1234 never arrived");
  AddNegative("bluesky", "giulia.bsky.social", "Still nothing about order 1234");
  ASSERT_EQ(Run({"note", std::to_string(a), "called", "the", "courier", "--by", "GB"}), kExitOk);
  ASSERT_EQ(Run({"customer", "link", "mastodon:giulia@mastodon.social", "--name", "Giulia"}),
            kExitOk)
      << err_.str();
  ASSERT_EQ(Run({"customer", "link", "bluesky:@giulia.bsky.social"}), kExitOk);
  // Linking a handle of each card merges the second into the first.
  ASSERT_EQ(
      Run({"customer", "link", "mastodon:giulia@mastodon.social", "bluesky:giulia.bsky.social"}),
      kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("Customer card #1: 2 handles"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"customer", "show", "2"}), kExitOk) << err_.str();  // the merged card
  const std::string card = out_.str();
  EXPECT_NE(card.find("Customer #1  Giulia"), std::string::npos) << card;
  EXPECT_NE(card.find("Merged:   #2"), std::string::npos) << card;
  EXPECT_NE(card.find("Order 1234 never arrived"), std::string::npos);
  EXPECT_NE(card.find("Still nothing about order 1234"), std::string::npos);
  EXPECT_NE(card.find("note by GB: called the courier"), std::string::npos) << card;
  ASSERT_EQ(Run({"customer", "show", "--item", std::to_string(a), "--json"}), kExitOk);
  EXPECT_NE(out_.str().find("\"merged_from\":[2]"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"show", std::to_string(a)}), kExitOk);
  EXPECT_NE(out_.str().find("Customer card #1: 2 post(s)"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"customer", "link", "giulia"}), kExitUsage);
  EXPECT_EQ(Run({"customer", "show", "x:nobody"}), kExitFailure);
  // A handle without a card still shows its own history.
  AddNegative("x", "marco_x", "Third time I ask");
  ASSERT_EQ(Run({"customer", "show", "x:@marco_x"}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("no customer card yet"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("Third time I ask"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"customer", "frobnicate"}), kExitUsage);
}

TEST_F(QueueTest, CsvIsSpreadsheetSafe) {
  AddNegative("mastodon", "ana@example.social", "=HYPERLINK(\"http://evil\"), \"quoted\"\nline");
  ASSERT_EQ(Run({"inbox", "--csv"}), kExitOk);
  const std::string csv = out_.str();
  EXPECT_EQ(csv.rfind("id,status,assignee,platform", 0), 0u) << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\nline\""),
            std::string::npos)
      << csv;
  EXPECT_EQ(Run({"inbox", "--csv", "--json"}), kExitUsage);
}

TEST_F(QueueTest, OutboxListsAndConfirmsAnInterruptedSend) {
  int64_t a = AddNegative("mastodon", "ana@example.social", "My parcel is lost");
  int64_t reply_id = 0;
  {
    auto store = Open();
    store::ReplyRecord reply;
    reply.mention_id = a;
    reply.text = "Hi Ana, sorry, we're on it";
    reply.operator_name = "GB";
    reply.created_at = clock_.Now();
    reply_id = *store->InsertReply(reply);
    ASSERT_TRUE(store->AppendReplyAttempt({0, reply_id, "started", "", "", clock_.Now()}).ok());
  }
  ASSERT_EQ(Run({"outbox"}), kExitOk);
  EXPECT_NE(out_.str().find("interrupted"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("heed outbox confirm " + std::to_string(reply_id)), std::string::npos);
  EXPECT_EQ(Run({"outbox", "confirm", std::to_string(reply_id)}), kExitUsage);
  EXPECT_EQ(Run({"outbox", "confirm", std::to_string(reply_id), "--not-sent", "--url", "x"}),
            kExitUsage);
  ASSERT_EQ(Run({"outbox", "confirm", std::to_string(reply_id), "--sent", "--url",
                 "https://example.social/@brand/1"}),
            kExitOk)
      << err_.str();
  ASSERT_EQ(Run({"outbox"}), kExitOk);
  EXPECT_NE(out_.str().find("Outbox empty"), std::string::npos);
  EXPECT_EQ(Open()->GetReply(reply_id)->url, "https://example.social/@brand/1");
}

TEST_F(QueueTest, ApproveRefusesTheAuthorAndUnknownReplies) {
  int64_t a = AddNegative("mastodon", "ana@example.social", "My parcel is lost");
  int64_t reply_id = 0;
  {
    auto store = Open();
    store::ReplyRecord reply;
    reply.mention_id = a;
    reply.text = "Hi Ana, sorry, we're on it";
    reply.operator_name = "GB";
    reply.created_at = clock_.Now();
    reply.requires_approval = true;
    reply_id = *store->InsertReply(reply);
  }
  ASSERT_EQ(Run({"outbox"}), kExitOk);
  EXPECT_NE(out_.str().find("awaiting approval"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"approve", std::to_string(reply_id), "--by", "GB"}), kExitFailure);
  EXPECT_NE(err_.str().find("second operator"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({"approve", "999", "--by", "MR"}), kExitFailure);
  EXPECT_EQ(Run({"approve"}), kExitUsage);
}

TEST_F(QueueTest, NewCommandsHaveHelp) {
  for (const char* command : {"assign", "status", "customer", "approve", "outbox"}) {
    EXPECT_EQ(Run({command, "--help"}), kExitOk) << command;
    EXPECT_NE(out_.str().find("usage: heed " + std::string(command)), std::string::npos)
        << command << ": " << out_.str();
  }
}

}  // namespace
}  // namespace heed::cli
