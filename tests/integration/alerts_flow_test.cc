// From scan to alert: `heed scan` over the sandbox finds negative posts already past their
// deadline, records their SLA stages once, and sends each stage to a webhook (a loopback HTTP
// receiver) and an exec hook; scanning again sends nothing twice.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/sandbox/sandbox.h"
#include "test_support.h"  // tests/alerts: LoopbackHttpServer

namespace heed {
namespace {

namespace fs = std::filesystem;

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  size_t lines = 0;
  for (std::string line; std::getline(in, line);) lines += !line.empty();
  return lines;
}

class AlertsFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-alerts-flow-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    sandbox::SandboxOptions options;
    options.seed = 11;
    options.post_count = 20;
    options.history_span = std::chrono::hours(3);
    options.clock = &clock_;
    sandbox_ = std::move(sandbox::Sandbox::Start(options)).value();
    webhook_ = std::make_unique<alerts::testing::LoopbackHttpServer>(200, "ok");
    hook_log_ = dir_ + "/hook.log";
    std::ofstream(dir_ + "/hook.sh")
        << "#!/bin/sh\n"
        << "echo \"$HEED_ALERT_STAGE $HEED_ALERT_MENTION_ID\" >> '" << hook_log_ << "'\n";
    fs::permissions(dir_ + "/hook.sh", fs::perms::owner_all);
    std::ofstream(dir_ + "/heed.conf")
        << "[connector.mentions]\nplatform = mastodon\nbase_url = " << sandbox_->base_url()
        << "\nfeed = mentions\ntoken_env = HEED_TOKEN\n"
        << "[alert.team]\ntype = webhook\nurl_env = HEED_WEBHOOK\nformat = slack\n"
        << "[alert.pager]\ntype = exec\ncommand = /bin/sh " << dir_ << "/hook.sh\n";
  }
  void TearDown() override {
    sandbox_.reset();
    fs::remove_all(dir_);
  }

  int Run(std::vector<std::string> args) {
    out_.str(""), err_.str("");
    cli::CliContext context{out_, err_};
    const std::string webhook =
        "http://127.0.0.1:" + std::to_string(webhook_->port()) + "/services/T0/B0/secret";
    context.env = [webhook](const std::string& k) -> std::optional<std::string> {
      if (k == "HEED_TOKEN") return std::string("token");
      if (k == "HEED_WEBHOOK") return webhook;
      if (k == "PATH") return std::string("/usr/bin:/bin");
      return std::nullopt;
    };
    context.clock = &clock_;
    args.insert(args.end(), {"--db", dir_ + "/heed.db", "--config", dir_ + "/heed.conf"});
    return cli::RunCli(args, context);
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T12:00:00Z")};
  std::string dir_, hook_log_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::unique_ptr<alerts::testing::LoopbackHttpServer> webhook_;
  std::ostringstream out_, err_;
};

TEST_F(AlertsFlowTest, OverdueItemsAlertOncePerStageAndChannel) {
  ASSERT_EQ(Run({"init"}), cli::kExitOk) << err_.str();
  ASSERT_EQ(Run({"scan"}), cli::kExitBreached) << err_.str() << out_.str();
  const size_t stages = CountLines(hook_log_);
  ASSERT_GT(stages, 0u) << out_.str() << err_.str();
  auto requests = webhook_->WaitForRequests(stages);
  ASSERT_EQ(requests.size(), stages);
  EXPECT_NE(requests[0].request_line.find("POST /services/T0/B0/secret"), std::string::npos);
  EXPECT_NE(requests[0].body.find("\"text\""), std::string::npos) << requests[0].body;
  std::ifstream log(hook_log_);
  std::string first;
  std::getline(log, first);
  EXPECT_TRUE(first.rfind("warning_", 0) == 0 || first.rfind("breached", 0) == 0 ||
              first.rfind("escalated", 0) == 0)
      << first;

  // Later scans: stages already delivered are not sent again; new ones are.
  ASSERT_EQ(Run({"scan"}), cli::kExitBreached) << err_.str();
  EXPECT_EQ(CountLines(hook_log_), stages);
  clock_.Advance(std::chrono::hours(2));  // every open negative item now escalated
  ASSERT_EQ(Run({"scan"}), cli::kExitBreached) << err_.str();
  const size_t later = CountLines(hook_log_);
  EXPECT_GT(later, stages);
  EXPECT_EQ(webhook_->WaitForRequests(later).size(), later);
  // The webhook's secret path never shows in heed's output.
  EXPECT_EQ(out_.str().find("secret"), std::string::npos);
  EXPECT_EQ(err_.str().find("secret"), std::string::npos);
}

}  // namespace
}  // namespace heed
