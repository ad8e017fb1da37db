// `heed reply`: the reply check before posting (--check, --force), templates with variables and
// a user's templates file, and the $EDITOR flow with a fake editor script (write, abort, fail).
// Posting goes to a scripted Mastodon (FakeHttpTransport): nothing leaves the machine.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/cli/cli.h"
#include "heed/store/store.h"
#include "heed/testing/fake_http.h"

namespace heed::cli {
namespace {

namespace fs = std::filesystem;

class ReplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "heed-reply-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    env_ = {{"HOME", dir_}, {"HEED_TEST_TOKEN", "secret"}, {"TMPDIR", dir_}};
    Write(dir_ + "/heed.conf",
          "[connector.masto]\nplatform = mastodon\nbase_url = http://masto.test\n"
          "feed = mentions\ntoken_env = HEED_TEST_TOKEN\n");
    fs::permissions(dir_ + "/heed.conf", fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_EQ(Run({"init"}), kExitOk) << err_.str();
    transport_.SetDefault({500, {}, "unexpected request"});
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Run(std::vector<std::string> args, bool tty = false) {
    args.insert(args.end(), {"--db", dir_ + "/heed.db", "--config", dir_ + "/heed.conf"});
    out_.str(""), err_.str("");
    CliContext context{out_, err_};
    context.env = [this](const std::string& k) -> std::optional<std::string> {
      auto it = env_.find(k);
      return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    context.out_is_tty = tty;
    context.in_is_tty = tty;
    context.clock = &clock_;
    context.transport = &transport_;
    return RunCli(args, context);
  }
  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // An executable shell script standing in for the operator's editor.
  std::string Script(const std::string& name, const std::string& body) {
    const std::string path = dir_ + "/" + name;
    Write(path, "#!/bin/sh\n" + body);
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }
  // A negative Italian post by Giulia on Mastodon.
  std::string AddNegativeItalianPost() {
    auto store = std::move(store::Store::Open(dir_ + "/heed.db")).value();
    Mention m;
    m.platform = "mastodon";
    m.remote_id = "112233445566778899";
    m.author.handle = "giulia@example.social";
    m.author.display_name = "Giulia";
    m.text = "Il pacco non \xC3\xA8 mai arrivato, servizio pessimo!";
    m.language = "it";
    m.created_at = clock_.Now();
    const int64_t id = store->InsertMention(m, "masto", clock_.Now())->id;
    store::ScoreRecord score;
    score.compound = -0.7;
    score.label = "negative";
    score.language = "it";
    score.lexicon_version = "test";
    score.scored_at = clock_.Now();
    EXPECT_TRUE(store->InsertScore(id, score).ok());
    return std::to_string(id);
  }
  void ExpectPosted() {
    transport_.Enqueue("POST", "/api/v1/statuses",
                       HttpResponse{200, {}, testing::ReadTestData("mastodon/reply_200.json")});
  }
  std::vector<std::string> PostedBodies() const {
    std::vector<std::string> bodies;
    for (const HttpRequest& r : transport_.requests()) bodies.push_back(r.body);
    return bodies;
  }
  size_t StoredReplies(const std::string& id) {
    auto store = std::move(store::Store::Open(dir_ + "/heed.db")).value();
    return store->GetDetail(std::stoll(id))->replies.size();
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  testing::FakeHttpTransport transport_;
  std::map<std::string, std::string> env_;
  std::string dir_;
  std::ostringstream out_, err_;
};

const char* kGoodItalian = "Ciao Giulia, ci dispiace per il ritardo: le scriviamo in privato.";

TEST_F(ReplyTest, WarningsBlockPostingUntilForced) {
  const std::string id = AddNegativeItalianPost();
  EXPECT_EQ(Run({"reply", id, "--text", "We are on it.", "--by", "QA"}), kExitFailure);
  EXPECT_NE(err_.str().find("warning [missing-greeting]"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("warning [missing-apology]"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("--force"), std::string::npos) << err_.str();
  EXPECT_TRUE(transport_.requests().empty()) << "nothing was sent";
  EXPECT_EQ(StoredReplies(id), 0u) << "nothing was recorded";

  ExpectPosted();
  ASSERT_EQ(Run({"reply", id, "--text", "We are on it.", "--by", "QA", "--force"}), kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("Replied publicly to #" + id), std::string::npos);
  EXPECT_NE(err_.str().find("warning [missing-apology]"), std::string::npos)
      << "warnings are still shown";
  ASSERT_EQ(PostedBodies().size(), 1u);
  EXPECT_NE(PostedBodies()[0].find("We are on it."), std::string::npos);
}

TEST_F(ReplyTest, CheckOnlyReportsAndNeverPosts) {
  const std::string id = AddNegativeItalianPost();
  EXPECT_EQ(Run({"reply", id, "--text", kGoodItalian, "--check"}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("Reply check for #" + id + ": ok"), std::string::npos);
  EXPECT_EQ(err_.str(), "");
  EXPECT_EQ(Run({"reply", id, "--text",
                 "Hi Giulia, as we already said this is not our fault, "
                 "you should have read the manual.",
                 "--check"}),
            kExitFailure);
  EXPECT_NE(out_.str().find("warning(s)"), std::string::npos) << out_.str() << err_.str();
  EXPECT_NE(err_.str().find("warning [defensive]"), std::string::npos);
  EXPECT_NE(err_.str().find("warning [language-mismatch]: the reply is in English but the post "
                            "is in Italian"),
            std::string::npos)
      << err_.str();
  EXPECT_TRUE(transport_.requests().empty());
  EXPECT_EQ(StoredReplies(id), 0u);
}

TEST_F(ReplyTest, GoodReplyPostsWithoutForce) {
  const std::string id = AddNegativeItalianPost();
  ExpectPosted();
  ASSERT_EQ(Run({"reply", id, "--text", kGoodItalian, "--by", "QA"}), kExitOk) << err_.str();
  EXPECT_EQ(err_.str(), "");
  EXPECT_EQ(StoredReplies(id), 1u);
}

TEST_F(ReplyTest, TemplateInTheAuthorsLanguageWithVariables) {
  const std::string id = AddNegativeItalianPost();
  ExpectPosted();
  ASSERT_EQ(Run({"reply", id, "--template", "apology", "--by", "QA"}), kExitOk) << err_.str();
  EXPECT_NE(err_.str().find("template \"apology\" in it"), std::string::npos) << err_.str();
  ASSERT_EQ(PostedBodies().size(), 1u);
  EXPECT_NE(PostedBodies()[0].find("Ciao Giulia, ci dispiace"), std::string::npos)
      << PostedBodies()[0];
  EXPECT_NE(PostedBodies()[0].find("Pratica HEED-" + id + "."), std::string::npos);

  ASSERT_EQ(Run({"reply", id, "--template", "apology", "--var", "ticket=T-99", "--var",
                 "name=Giuli", "--check"}),
            kExitOk)
      << err_.str();
  EXPECT_EQ(Run({"reply", id, "--template", "apologies"}), kExitUsage);
  EXPECT_NE(err_.str().find("no template named \"apologies\" (defined: acknowledgement"),
            std::string::npos)
      << err_.str();
  EXPECT_EQ(Run({"reply", id, "--template", "apology", "--var", "ticket"}), kExitUsage);
  EXPECT_NE(err_.str().find("KEY=VALUE"), std::string::npos);
}

TEST_F(ReplyTest, UserTemplatesFileExtendsAndOverrides) {
  const std::string id = AddNegativeItalianPost();
  const std::string file = dir_ + "/mine.templates";
  Write(file, "[apology]\nit = Ciao {name}, ci scusiamo: l'ordine {order} parte oggi.\n");
  EXPECT_EQ(Run({"reply", id, "--template", "apology", "--templates", file, "--check"}),
            kExitUsage);
  EXPECT_NE(err_.str().find("uses {order}, which has no value (add --var KEY=VALUE)"),
            std::string::npos)
      << err_.str();
  ExpectPosted();
  ASSERT_EQ(Run({"reply", id, "--template", "apology", "--templates", file, "--var", "order=A-7",
                 "--by", "QA"}),
            kExitOk)
      << err_.str();
  EXPECT_NE(PostedBodies().back().find("Ciao Giulia, ci scusiamo: l'ordine A-7 parte oggi."),
            std::string::npos)
      << PostedBodies().back();

  Write(file, "[apology]\nit = Ciao {name\n");
  EXPECT_EQ(Run({"reply", id, "--template", "apology", "--templates", file}), kExitUsage);
  EXPECT_NE(err_.str().find(file + ":2: [apology] it: '{' without a closing '}'"),
            std::string::npos)
      << err_.str();
  EXPECT_EQ(Run({"reply", id, "--template", "apology", "--templates", dir_ + "/missing"}),
            kExitData);
}

TEST_F(ReplyTest, UsageErrors) {
  const std::string id = AddNegativeItalianPost();
  EXPECT_EQ(Run({"reply", id, "--text", "x", "--template", "apology"}), kExitUsage);
  EXPECT_EQ(Run({"reply", id, "--text", "x", "--var", "a=b"}), kExitUsage);
  EXPECT_EQ(Run({"reply", id}), kExitUsage) << "no text and no terminal: no editor either";
  EXPECT_NE(err_.str().find("not on a terminal"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({"reply", "999", "--text", kGoodItalian}), kExitFailure) << "unknown item";
}

TEST_F(ReplyTest, EditorWritesTheReply) {
  const std::string id = AddNegativeItalianPost();
  // The fake editor keeps a copy of what heed prefilled, then appends the reply.
  env_["EDITOR"] = Script("editor.sh", "cp \"$1\" \"" + dir_ + "/prefill\"\nprintf '%s\\n' '" +
                                           kGoodItalian + "' >> \"$1\"\n");
  ExpectPosted();
  ASSERT_EQ(Run({"reply", id, "--by", "QA"}, /*tty=*/true), kExitOk) << err_.str();
  ASSERT_EQ(PostedBodies().size(), 1u);
  EXPECT_NE(PostedBodies()[0].find(kGoodItalian), std::string::npos) << PostedBodies()[0];
  EXPECT_EQ(PostedBodies()[0].find("pacco"), std::string::npos) << "comments are dropped";

  const std::string prefill = Read(dir_ + "/prefill");
  EXPECT_NE(prefill.find("# > Il pacco non \xC3\xA8 mai arrivato"), std::string::npos) << prefill;
  EXPECT_NE(prefill.find("language it, negative"), std::string::npos) << prefill;
  EXPECT_NE(prefill.find("# Ciao Giulia, ci dispiace per l'accaduto."), std::string::npos)
      << "the apology template in Italian is suggested:\n"
      << prefill;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().rfind("heed-reply-", 0), std::string::npos)
        << "temporary file left behind: " << entry.path();
  }
}

TEST_F(ReplyTest, EmptyEditorResultAbortsAndRecordsNothing) {
  const std::string id = AddNegativeItalianPost();
  env_["EDITOR"] = Script("noop.sh", "exit 0\n");
  EXPECT_EQ(Run({"reply", id, "--by", "QA"}, true), kExitFailure);
  EXPECT_NE(err_.str().find("empty reply, nothing posted"), std::string::npos) << err_.str();
  EXPECT_TRUE(transport_.requests().empty());
  EXPECT_EQ(StoredReplies(id), 0u);

  env_["EDITOR"] = Script("fails.sh", "exit 3\n");
  EXPECT_EQ(Run({"reply", id, "--by", "QA"}, true), kExitFailure);
  EXPECT_NE(err_.str().find("the editor"), std::string::npos) << err_.str();
  EXPECT_EQ(StoredReplies(id), 0u);
}

TEST_F(ReplyTest, VisualWinsAndThePathIsNeverInterpolated) {
  const std::string id = AddNegativeItalianPost();
  // A temporary directory whose name is shell syntax: it must reach the editor as data.
  const std::string odd = dir_ + "/tmp $(touch pwned) ;x";
  fs::create_directories(odd);
  env_["TMPDIR"] = odd;
  env_["EDITOR"] = Script("wrong.sh", "exit 1\n");
  env_["VISUAL"] =
      Script("visual.sh", "printf '%s\\n' '" + std::string(kGoodItalian) + "' >> \"$1\"\n");
  ASSERT_EQ(Run({"reply", id, "--check"}, true), kExitOk) << err_.str();
  EXPECT_FALSE(fs::exists("pwned"));
  EXPECT_FALSE(fs::exists(dir_ + "/pwned"));
  EXPECT_TRUE(fs::is_empty(odd)) << "the temporary file is removed";
}

}  // namespace
}  // namespace heed::cli
