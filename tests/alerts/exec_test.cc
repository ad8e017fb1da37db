// ExecChannel: real programs (small shell scripts in a temp dir) with JSON on stdin and
// HEED_ALERT_* variables; failures, timeouts and programs that ignore their input.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "heed/alerts/exec_channel.h"
#include "subprocess.h"
#include "test_support.h"

namespace heed::alerts {
namespace {

using testing::ReadFile;
using testing::WriteFile;

Alert Sample() {
  Alert a = testing::SampleAlert();
  a.platform = "reddit";
  a.author = "u/someone";
  a.excerpt = "refund now\n$(rm -rf /) `id`";
  a.url = "https://reddit.com/r/x/1";
  a.stage = "escalated";
  a.target = "resolution";
  a.urgent = true;
  return a;
}

std::unique_ptr<ExecChannel> Hook(const std::vector<std::string>& argv, Millis timeout) {
  ExecOptions options;
  options.argv = argv;
  options.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8"};
  options.timeout = timeout;
  return std::move(*ExecChannel::Make("hook", options));
}

std::string EnvValue(const std::string& env_dump, const std::string& name) {
  size_t at = env_dump.find("\n" + name + "=");
  if (at == std::string::npos) at = env_dump.rfind(name + "=", 0) == 0 ? 0 : std::string::npos;
  if (at == std::string::npos) return "(unset)";
  size_t start = env_dump.find('=', at) + 1;
  return env_dump.substr(start, env_dump.find('\n', start) - start);
}

TEST(ExecChannelTest, PassesJsonOnStdinAndAlertVariables) {
  testing::TempDir dir;
  std::string script = dir.File("capture.sh");
  WriteFile(script,
            "#!/bin/sh\ncat > '" + dir.File("stdin.json") + "'\nenv > '" + dir.File("env.txt") +
                "'\necho \"args: $1 $2\" > '" + dir.File("args.txt") + "'\n",
            /*executable=*/true);
  auto hook = Hook({script, "--team", "care desk"}, Millis(10000));
  ASSERT_TRUE(hook->Send(Sample()).ok());

  rapidjson::Document doc;
  doc.Parse(ReadFile(dir.File("stdin.json")).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["kind"].GetString(), "alert");
  EXPECT_EQ(doc["mention_id"].GetInt64(), 42);
  EXPECT_STREQ(doc["excerpt"].GetString(), "refund now $(rm -rf /) `id`");  // data, not code
  EXPECT_TRUE(doc["urgent"].GetBool());

  std::string env = "\n" + ReadFile(dir.File("env.txt"));
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_KIND"), "alert");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_MENTION_ID"), "42");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_STAGE"), "escalated");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_TARGET"), "resolution");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_URGENT"), "1");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_AUTHOR"), "@u/someone");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_DUE_AT"), "2026-11-23T13:05:00.000Z");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_URL"), "https://reddit.com/r/x/1");
  EXPECT_EQ(EnvValue(env, "HEED_ALERT_TITLE").rfind("heed: ESCALATED resolution", 0), 0u);
  EXPECT_EQ(EnvValue(env, "LANG"), "C.UTF-8");
  EXPECT_EQ(EnvValue(env, "HOME"), "(unset)");  // only what the caller allowed
  EXPECT_EQ(ReadFile(dir.File("args.txt")), "args: --team care desk\n");
}

TEST(ExecChannelTest, DigestKindAndCounts) {
  testing::TempDir dir;
  std::string script = dir.File("digest.sh");
  WriteFile(script,
            "#!/bin/sh\ncat > '" + dir.File("stdin.json") + "'\necho \"$HEED_ALERT_KIND " +
                "$HEED_ALERT_DATE $HEED_ALERT_HELD\" > '" + dir.File("env.txt") + "'\n",
            true);
  Digest d;
  d.local_date = "2026-11-24";
  d.held = {Sample(), Sample()};
  ASSERT_TRUE(Hook({script}, Millis(10000))->SendDigest(d).ok());
  EXPECT_EQ(ReadFile(dir.File("env.txt")), "digest 2026-11-24 2\n");
  rapidjson::Document doc;
  doc.Parse(ReadFile(dir.File("stdin.json")).c_str());
  EXPECT_EQ(doc["held"].Size(), 2u);
}

TEST(ExecChannelTest, NonZeroExitNamesCodeAndFirstStderrLine) {
  testing::TempDir dir;
  std::string script = dir.File("fail.sh");
  WriteFile(script, "#!/bin/sh\necho 'pager down: 503 \033[31m' >&2\necho second >&2\nexit 3\n",
            true);
  Status s = Hook({script}, Millis(10000))->Send(Sample());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("exited with code 3: pager down: 503"), std::string::npos)
      << s.message();
  EXPECT_EQ(s.message().find("second"), std::string::npos);
  EXPECT_EQ(s.message().find('\033'), std::string::npos);
}

bool ProcessGone(pid_t pid) {
  std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return true;
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && stat.size() > paren + 2 && stat[paren + 2] == 'Z';
}

TEST(ExecChannelTest, TimeoutKillsTheWholeProcessGroup) {
  testing::TempDir dir;
  std::string script = dir.File("hang.sh");
  WriteFile(script, "#!/bin/sh\nsleep 30 &\necho $! > '" + dir.File("child.pid") + "'\nwait\n",
            true);
  auto started = std::chrono::steady_clock::now();
  Status s = Hook({script}, Millis(300))->Send(Sample());
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded) << s.ToString();
  EXPECT_NE(s.message().find("killed"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(5));
  pid_t child = std::stoi("0" + ReadFile(dir.File("child.pid")));
  ASSERT_GT(child, 0);
  // The background sleep died with its group (it may linger briefly as a zombie).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!ProcessGone(child) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(ProcessGone(child));
}

TEST(ExecChannelTest, MissingProgramIsAClearError) {
  Status s = Hook({"/nonexistent/heed-hook"}, Millis(1000))->Send(Sample());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("cannot run /nonexistent/heed-hook"), std::string::npos);
  EXPECT_FALSE(ExecChannel::Make("h", ExecOptions{{"relative/hook"}, {}, Millis(1000)}).ok());
  EXPECT_FALSE(ExecChannel::Make("h", ExecOptions{{}, {}, Millis(1000)}).ok());
}

TEST(SubprocessTest, ProgramThatIgnoresItsStdinDoesNotRaiseSigpipe) {
  // 4 MiB is far more than a pipe holds: the writes hit a closed pipe (EPIPE), and SIGPIPE must
  // not kill the test process.
  std::string big(4 << 20, 'x');
  Result<internal::ProcessOutcome> out =
      internal::RunProcess({"/bin/sh", "-c", "exit 0"}, {"PATH=/bin"}, big, Millis(10000));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->timed_out);
  EXPECT_EQ(out->exit_code, 0);
}

TEST(SubprocessTest, ReadsAllOfALargeInput) {
  testing::TempDir dir;
  std::string big(1 << 20, 'y');
  Result<internal::ProcessOutcome> out =
      internal::RunProcess({"/bin/sh", "-c", "wc -c > '" + dir.File("n") + "'"},
                           {"PATH=/usr/bin:/bin"}, big, Millis(10000));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->exit_code, 0);
  EXPECT_EQ(std::stoi(ReadFile(dir.File("n"))), 1 << 20);
}

TEST(SplitCommandTest, QuotesAndEscapesWithoutAShell) {
  EXPECT_EQ(*SplitCommand("/usr/local/bin/page-oncall --team care"),
            (std::vector<std::string>{"/usr/local/bin/page-oncall", "--team", "care"}));
  EXPECT_EQ(*SplitCommand(R"(/bin/x 'a b' "c \"d\"" e\ f '' $HOME)"),
            (std::vector<std::string>{"/bin/x", "a b", "c \"d\"", "e f", "", "$HOME"}));
  EXPECT_FALSE(SplitCommand("/bin/x 'open").ok());
  EXPECT_FALSE(SplitCommand("   ").ok());
  EXPECT_FALSE(SplitCommand("/bin/x \\").ok());
}

}  // namespace
}  // namespace heed::alerts
