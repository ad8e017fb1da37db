// sandbox -> scan -> inbox -> reply, over real loopback HTTP, through the real commands.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/sandbox/sandbox.h"
#include "heed/store/store.h"

namespace heed {
namespace {

namespace fs = std::filesystem;

class EndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-e2e-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    sandbox::SandboxOptions options;
    options.seed = 42;
    options.post_count = 50;  // more than one page per feed at page_limit 20
    options.clock = &clock_;
    auto started = sandbox::Sandbox::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    sandbox_ = std::move(started).value();
    std::ofstream(dir_ + "/heed.conf")
        << "[connector.mentions]\nplatform = mastodon\nbase_url = " << sandbox_->base_url()
        << "\nfeed = mentions\npage_limit = 20\ntoken_env = HEED_E2E_TOKEN\n"
        << "[connector.tag]\nplatform = mastodon\nbase_url = " << sandbox_->base_url()
        << "\nfeed = tag:acme\npage_limit = 20\ntoken_env = HEED_E2E_TOKEN\n";
  }
  void TearDown() override {
    sandbox_.reset();
    fs::remove_all(dir_);
  }

  int Run(std::vector<std::string> args) {
    out_.str(""), err_.str("");
    cli::CliContext context{out_, err_};
    context.env = [](const std::string& k) -> std::optional<std::string> {
      if (k == "HEED_E2E_TOKEN") return std::string("e2e-token");
      return std::nullopt;
    };
    context.clock = &clock_;
    args.insert(args.end(), {"--db", dir_ + "/heed.db", "--config", dir_ + "/heed.conf"});
    return cli::RunCli(args, context);
  }

  int64_t Count() {
    auto store = std::move(store::Store::Open(dir_ + "/heed.db")).value();
    return *store->CountMentions();
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T12:00:00Z")};
  std::string dir_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::ostringstream out_, err_;
};

TEST_F(EndToEndTest, ScanInboxReplyOverLoopback) {
  ASSERT_EQ(Run({"init"}), cli::kExitOk) << err_.str();
  // The sandbox's history is hours old: negative posts are past their 1h deadline, which a
  // cron job learns from the exit code.
  ASSERT_EQ(Run({"scan"}), cli::kExitBreached) << err_.str();
  EXPECT_NE(out_.str().find("mentions: 50 new"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("past the deadline"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("tag: 50 new"), std::string::npos) << out_.str();
  EXPECT_EQ(Count(), 100);

  // A second scan (a restart, as cron would run it) finds nothing new and duplicates nothing.
  ASSERT_EQ(Run({"scan"}), cli::kExitBreached) << err_.str();
  EXPECT_NE(out_.str().find("mentions: 0 new"), std::string::npos) << out_.str();
  EXPECT_EQ(Count(), 100);

  ASSERT_EQ(Run({"inbox", "--json"}), cli::kExitOk);
  std::string inbox = out_.str();
  EXPECT_NE(inbox.find("\"language\":\"it\""), std::string::npos);
  EXPECT_NE(inbox.find("\"language\":\"en\""), std::string::npos);
  EXPECT_NE(inbox.find("\"label\":\"negative\""), std::string::npos);

  auto store = std::move(store::Store::Open(dir_ + "/heed.db")).value();
  store::InboxQuery query;
  auto items = *store->ListInbox(query);
  ASSERT_FALSE(items.empty());
  const store::InboxItem& urgent = items.front();
  EXPECT_EQ(urgent.score->label, "negative") << "the most urgent item is a negative post";
  store.reset();

  std::string id = std::to_string(urgent.stored.id);
  // The reply check holds a reply without a greeting; one in the author's language with a
  // greeting and an apology passes.
  const bool italian = urgent.stored.mention.language == "it";
  ASSERT_EQ(Run({"reply", id, "--text", "We are on it.", "--by", "QA"}), cli::kExitFailure);
  EXPECT_NE(err_.str().find("greeting"), std::string::npos) << err_.str();
  EXPECT_TRUE(sandbox_->Replies().empty());
  const std::string text =
      italian ? "Ciao, ci dispiace molto per il disagio: ce ne occupiamo subito."
              : "Hi, we're so sorry about this. We are on it and will update you shortly.";
  ASSERT_EQ(Run({"reply", id, "--text", text, "--by", "QA"}), cli::kExitOk) << err_.str();
  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].in_reply_to_id, urgent.stored.mention.remote_id);
  EXPECT_NE(replies[0].text.find(text), std::string::npos);
  EXPECT_EQ(replies[0].text.rfind("@", 0), 0u) << "the author is addressed: " << replies[0].text;

  ASSERT_EQ(Run({"show", id, "--json"}), cli::kExitOk);
  EXPECT_NE(out_.str().find("\"state\":\"sent\""), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("\"status\":\"in_progress\""), std::string::npos);

  EXPECT_TRUE(sandbox_->Violations().empty());
  for (const auto& request : sandbox_->Requests()) {
    EXPECT_NE(request.method, "DELETE") << request.path;
  }
}

TEST_F(EndToEndTest, DemoRunsEndToEnd) {
  std::ostringstream out, err;
  cli::CliContext context{out, err};
  context.clock = &clock_;
  ASSERT_EQ(cli::RunCli({"demo", "--dir", dir_ + "/demo", "--color", "never"}, context),
            cli::kExitOk)
      << out.str() << err.str();
  EXPECT_NE(out.str().find("public replies received: 1"), std::string::npos);
  EXPECT_NE(out.str().find("delete or hide requests: 0"), std::string::npos);
  EXPECT_NE(out.str().find("resolved"), std::string::npos);
  EXPECT_EQ(err.str().find("warning"), std::string::npos) << "the demo's own config is private";
}

}  // namespace
}  // namespace heed
