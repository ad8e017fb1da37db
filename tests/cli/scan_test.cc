// `heed scan` stopped by SIGTERM (a cron timeout, a shutdown): it finishes the page being stored,
// commits it with its checkpoint, skips deadlines, alerts and auto-acknowledgements, exits
// 128 + SIGTERM, and the next scan resumes from that checkpoint. The signal is raised by the
// transport on a chosen request, so the point of the stop is deterministic; the platform is
// the local sandbox.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/connectors/connector.h"
#include "heed/sandbox/sandbox.h"
#include "heed/store/store.h"

namespace heed::cli {
namespace {

namespace fs = std::filesystem;

// The real HTTP transport, raising SIGTERM in this process when request number `raise_at`
// (1-based) is sent: the signal arrives while a page is in flight.
class SignallingTransport final : public HttpTransport {
 public:
  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (++sent_ == raise_at) std::raise(SIGTERM);
    return inner_->Send(request);
  }
  int raise_at = 0;
  int sent() const { return sent_; }

 private:
  std::unique_ptr<HttpTransport> inner_ = connectors::MakeCpprestTransport();
  int sent_ = 0;
};

class ScanSignalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-scan-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    sandbox::SandboxOptions options;
    options.clock = &clock_;
    options.seed = 5;
    options.post_count = 30;
    sandbox_ = std::move(sandbox::Sandbox::Start(options)).value();
    std::ofstream(dir_ + "/heed.conf")
        << "[connector.masto]\nplatform = mastodon\nbase_url = " << sandbox_->base_url()
        << "\nfeed = mentions\ntoken_env = HEED_TEST_TOKEN\npage_limit = 10\n";
    fs::permissions(dir_ + "/heed.conf", fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_EQ(Run({"init"}), kExitOk) << err_.str();
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Run(std::vector<std::string> args, bool err_tty = false) {
    args.insert(args.end(), {"--db", dir_ + "/heed.db", "--config", dir_ + "/heed.conf"});
    out_.str(""), err_.str("");
    CliContext context{out_, err_};
    context.env = [this](const std::string& k) -> std::optional<std::string> {
      if (k == "HEED_TEST_TOKEN") return "t";
      if (k == "HOME") return dir_;
      return std::nullopt;
    };
    context.clock = &clock_;
    context.transport = &transport_;
    context.err_is_tty = err_tty;
    return RunCli(args, context);
  }
  int64_t Stored() {
    auto store = std::move(store::Store::Open(dir_ + "/heed.db")).value();
    return *store->CountMentions();
  }
  std::optional<std::string> Checkpoint() {
    auto store = std::move(store::Store::Open(dir_ + "/heed.db")).value();
    return *store->GetCheckpoint("masto");
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T12:00:00Z")};
  SignallingTransport transport_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::string dir_;
  std::ostringstream out_, err_;
};

TEST_F(ScanSignalTest, SigtermStopsAfterTheCommittedPageAndTheNextScanResumes) {
  transport_.raise_at = 2;  // while the second page is being fetched
  EXPECT_EQ(Run({"scan"}), kExitInterrupted + SIGTERM) << err_.str();
  EXPECT_NE(err_.str().find("SIGTERM received"), std::string::npos) << err_.str();
  EXPECT_EQ(out_.str().find("SLA:"), std::string::npos) << "deadline pass left to the next run";
  // The page in flight when the signal came was still stored, then the scan stopped.
  EXPECT_EQ(transport_.sent(), 2);
  EXPECT_EQ(Stored(), 20);
  const std::optional<std::string> stopped_at = Checkpoint();
  ASSERT_TRUE(stopped_at.has_value());

  // Exit 4: some of the sandbox's older complaints are already past their deadline.
  EXPECT_EQ(Run({"scan"}), kExitBreached) << err_.str();
  EXPECT_NE(out_.str().find("SLA:"), std::string::npos) << out_.str();
  EXPECT_EQ(Stored(), 30);
  EXPECT_NE(Checkpoint(), stopped_at);
  EXPECT_NE(out_.str().find("masto: 10 new"), std::string::npos) << out_.str();
  EXPECT_TRUE(sandbox_->Violations().empty());
}

// On a terminal the scan draws a progress bar on stderr and erases it; otherwise stderr stays
// empty, so cron mail and logs carry only what matters.
TEST_F(ScanSignalTest, ProgressBarOnlyOnATerminal) {
  EXPECT_EQ(Run({"scan"}), kExitBreached) << err_.str();
  EXPECT_EQ(err_.str(), "");
  fs::remove(dir_ + "/heed.db");
  ASSERT_EQ(Run({"init"}), kExitOk);
  EXPECT_EQ(Run({"scan"}, /*err_tty=*/true), kExitBreached);
  EXPECT_NE(err_.str().find("] 0/1 masto: page 1, 10 new"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("masto: page 3, 30 new"), std::string::npos) << err_.str();
  EXPECT_TRUE(err_.str().ends_with("\r\x1b[2K")) << "the bar is erased before the summary";
}

}  // namespace
}  // namespace heed::cli
