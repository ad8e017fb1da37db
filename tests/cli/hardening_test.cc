// Hostile input through every command: post text and author names carrying terminal escape
// sequences, bidi overrides and SQL; operator input carrying the same. Nothing reaches the
// terminal raw, nothing changes the database's shape, and secrets never show up anywhere.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/store/store.h"

namespace heed::cli {
namespace {

namespace fs = std::filesystem;

// ESC-based CSI colour and OSC 8 hyperlink / OSC 52 clipboard write, a bidi override, C0/C1
// controls, and SQL meant to break out of a string literal.
const std::string kHostile =
    "\x1b[2J\x1b]8;;http://evil.test\x07click\x1b]8;;\x07 \x1b]52;c;cm0gLXJmIH4=\x07"
    "\xe2\x80\xae"
    "txt.exe\x07\x08\x9b"
    "31m '); DROP TABLE mentions; -- \" OR 1=1";

bool HasRawControl(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b || c == 0x07 || c == 0x08) return true;
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x9b) {
      return true;  // C1 CSI as UTF-8
    }
    if (text.compare(i, 3, "\xe2\x80\xae") == 0) return true;  // RIGHT-TO-LEFT OVERRIDE
  }
  return false;
}

class HardeningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-hardening-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    env_["HOME"] = dir_;
    env_["HEED_OPERATOR"] = "GB";
    db_ = dir_ + "/heed.db";
    config_ = dir_ + "/heed.conf";
    std::ofstream(config_) << "[policy]\nnegative = 1h\n";
    ::chmod(config_.c_str(), 0600);
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
    context.out_is_tty = true;  // colour on: only heed's own escapes may appear
    return RunCli(args, context);
  }
  int64_t AddHostileMention() {
    auto store = std::move(store::Store::Open(db_)).value();
    Mention m;
    m.platform = "mastodon";
    m.remote_id = "hostile-1";
    m.author.handle = "evil" + kHostile + "@example.social";
    m.author.display_name = kHostile;
    m.author.profile_url = "https://example.social/" + kHostile;
    m.text = "Terrible service " + kHostile;
    m.language = "en";
    m.url = "https://example.social/@evil/1" + kHostile;
    m.created_at = clock_.Now();
    int64_t id = store->InsertMention(m, "mastodon", clock_.Now())->id;
    store::ScoreRecord score{-0.7, "negative",  "en", "test", "terrible (" + kHostile + ") -2.1",
                             "",   clock_.Now()};
    EXPECT_TRUE(store->InsertScore(id, score).ok());
    store::DeadlineRecord deadline{"default@1", "negative", m.created_at,
                                   m.created_at + std::chrono::hours(1), clock_.Now()};
    EXPECT_TRUE(store->InsertDeadline(id, deadline).ok());
    return id;
  }
  // Only heed's own SGR colour codes are allowed on a colour terminal.
  static std::string WithoutOwnColours(std::string text) {
    for (const char* code : {"\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[1m", "\x1b[0m"}) {
      for (size_t at; (at = text.find(code)) != std::string::npos;) {
        text.erase(at, std::string(code).size());
      }
    }
    return text;
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  std::map<std::string, std::string> env_;
  std::string dir_, db_, config_;
  std::ostringstream out_, err_;
};

TEST_F(HardeningTest, HostileTextNeverReachesTheTerminalRawAndSqlStaysData) {
  const int64_t id = AddHostileMention();
  const std::string item = std::to_string(id);
  const std::vector<std::vector<std::string>> commands = {
      {"inbox"},
      {"inbox", "--json"},
      {"inbox", "--csv"},
      {"inbox", "--all", "--label", "negative"},
      {"show", item},
      {"show", item, "--json"},
      {"note", item, kHostile, "--by", "GB"},
      {"assign", item, "--to", "GB", "--by", kHostile},
      {"status", "waiting", item, "--by", kHostile},
      {"customer", "link", "mastodon:evil" + kHostile + "@example.social", "--name", kHostile},
      {"customer", "show", "--item", item},
      {"customer", "show", "--item", item, "--json"},
      {"reply", item, "--manual", "--text", "Hi, sorry " + kHostile, "--by", "GB"},
      {"show", item},
      {"outbox"},
      {"score", kHostile},
      {"score", kHostile, "--json", "--explain"},
      {"inbox", "--platform", kHostile},
      {"show", kHostile},
      {"assign", kHostile, "--to", "GB"},
  };
  for (const std::vector<std::string>& command : commands) {
    Run(command);
    EXPECT_FALSE(HasRawControl(WithoutOwnColours(out_.str())))
        << command[0] << " stdout: " << out_.str();
    EXPECT_FALSE(HasRawControl(err_.str())) << command[0] << " stderr: " << err_.str();
  }
  // The SQL was stored as text, and every table is still there.
  auto store = std::move(store::Store::Open(db_)).value();
  EXPECT_EQ(*store->CountMentions(), 1);
  auto detail = store->GetDetail(id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_NE(detail->item.stored.mention.text.find("DROP TABLE mentions"), std::string::npos);
  ASSERT_EQ(detail->notes.size(), 1u);
  EXPECT_EQ(detail->notes[0].text, kHostile);  // kept as written; only display neutralises
}

// Commands that read the config say so (here `heed outbox retry`, which reads it to reach the
// platforms).
TEST_F(HardeningTest, ConfigAndTokenFilesReadableByOthersAreReported) {
  ASSERT_EQ(Run({"outbox", "retry"}), kExitOk);
  EXPECT_EQ(err_.str().find("warning"), std::string::npos) << err_.str();
  const std::string token = dir_ + "/mastodon.token";
  std::ofstream(token) << "tok-123\n";
  ::chmod(token.c_str(), 0644);
  std::ofstream(config_) << "[connector.m]\nplatform = mastodon\nbase_url = http://127.0.0.1:9\n"
                         << "feed = mentions\ntoken_file = " << token << "\n";
  ::chmod(config_.c_str(), 0644);
  ASSERT_EQ(Run({"outbox", "retry"}), kExitOk) << err_.str();
  EXPECT_NE(err_.str().find("config file " + config_ + " is readable by other users"),
            std::string::npos)
      << err_.str();
  EXPECT_NE(err_.str().find("token file of connector m"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("chmod 600 " + token), std::string::npos);
  EXPECT_EQ(err_.str().find("tok-123"), std::string::npos);  // never the secret itself
  ::chmod(config_.c_str(), 0600);
  ::chmod(token.c_str(), 0600);
  ASSERT_EQ(Run({"outbox", "retry"}), kExitOk);
  EXPECT_EQ(err_.str().find("warning"), std::string::npos) << err_.str();
}

TEST_F(HardeningTest, TokensNeverAppearInOutputErrorsOrTheDatabase) {
  const std::string secret = "sk-live-SECRET-7f3a9";
  env_["HEED_TOKEN"] = secret;
  // A connector pointing at a closed port: the scan fails, and its error must not leak the
  // token; neither may --json output or the database file.
  std::ofstream(config_) << "[connector.m]\nplatform = mastodon\nbase_url = http://127.0.0.1:9\n"
                         << "feed = mentions\ntoken_env = HEED_TOKEN\n";
  ::chmod(config_.c_str(), 0600);
  EXPECT_EQ(Run({"scan"}), kExitFailure);
  EXPECT_EQ(out_.str().find(secret), std::string::npos) << out_.str();
  EXPECT_EQ(err_.str().find(secret), std::string::npos) << err_.str();
  AddHostileMention();
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"inbox", "--json"}, {"show", "1", "--json"}, {"outbox"}}) {
    Run(command);
    EXPECT_EQ(out_.str().find(secret), std::string::npos) << command[0];
    EXPECT_EQ(err_.str().find(secret), std::string::npos) << command[0];
  }
  for (const std::string& file : {db_, db_ + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(secret), std::string::npos) << file;
  }
}

}  // namespace
}  // namespace heed::cli
