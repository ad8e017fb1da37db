// The sandbox's generated content and its Mastodon pagination.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "heed/core/text.h"
#include "heed/sandbox/sandbox.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::LinkTarget;
using testing::PathAndQuery;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;
using testing::StripHtml;

constexpr char kMentions[] = "/api/v1/notifications?types%5B%5D=mention";
constexpr int kPosts = 60;

uint64_t Id(const rapidjson::Value& item) { return std::stoull(Str(item, "id")); }

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

class SandboxFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 1, kPosts);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->base_url());
  }

  // Every mention notification, oldest first, walking Link rel="prev" from min_id=0.
  std::vector<std::string> WalkForward(int limit, int* pages) {
    std::vector<std::string> ids;
    std::string next = std::string(kMentions) + "&limit=" + std::to_string(limit) + "&min_id=0";
    *pages = 0;
    while (!next.empty() && *pages < 100) {
      Reply page = client_->Get(next, "tok");
      EXPECT_EQ(page.status, 200);
      if (!page.json.IsArray() || page.json.Empty()) {
        EXPECT_TRUE(page.Header("link").empty());
        break;
      }
      ++*pages;
      EXPECT_LE(page.json.Size(), static_cast<unsigned>(limit));
      for (unsigned i = page.json.Size(); i > 0; --i) {  // pages are newest first
        if (i > 1) {
          EXPECT_GT(Id(page.json[i - 2]), Id(page.json[i - 1]));
        }
        ids.push_back(Str(page.json[i - 1], "id"));
      }
      next = PathAndQuery(LinkTarget(page.Header("link"), "prev"));
    }
    return ids;
  }

  SimulatedClock clock_{testing::TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(SandboxFeedTest, NotificationsAreMastodonMentions) {
  Reply page = client_->Get(std::string(kMentions) + "&limit=80", "tok");
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(page.json.IsArray());
  ASSERT_EQ(page.json.Size(), static_cast<unsigned>(kPosts));
  TimePoint now = clock_.Now();
  for (unsigned i = 0; i < page.json.Size(); ++i) {
    const auto& n = page.json[i];
    EXPECT_EQ(Str(n, "id"), std::to_string(kPosts - i));  // "60", "59", ... "1"
    EXPECT_EQ(Str(n, "type"), "mention");
    EXPECT_EQ(Str(n, "group_key"), "ungrouped-" + Str(n, "id"));
    const auto& status = n["status"];
    EXPECT_EQ(Str(n["account"], "id"), Str(status["account"], "id"));
    std::string content = Str(status, "content");
    EXPECT_TRUE(content.starts_with("<p>")) << content;
    EXPECT_NE(
        content.find("<span class=\"h-card\" translate=\"no\"><a href=\"" + sandbox_->base_url() +
                     "/@acme\" class=\"u-url mention\">@<span>acme</span></a></span>"),
        std::string::npos)
        << content;
    ASSERT_TRUE(status["mentions"].IsArray());
    EXPECT_EQ(Str(status["mentions"][0], "acct"), "acme");
    EXPECT_EQ(Str(status, "visibility"), "public");
    EXPECT_TRUE(status["reblog"].IsNull());
    EXPECT_TRUE(status["media_attachments"].IsArray());
    std::string url = Str(status, "url");
    EXPECT_TRUE(url.ends_with("/" + Str(status, "id"))) << url;
    auto created = ParseIso8601(Str(status, "created_at"));
    ASSERT_TRUE(created.ok());
    EXPECT_LT(*created, now);
    EXPECT_GT(*created, now - std::chrono::hours(19));
    EXPECT_EQ(FormatIso8601(*created), Str(status, "created_at"));
    if (i > 0) {  // newest first, ids and times together
      const auto& newer = page.json[i - 1]["status"];
      EXPECT_GT(Id(newer), Id(status));
      EXPECT_GE(*ParseIso8601(Str(newer, "created_at")), *created);
    }
    std::string acct = Str(status["account"], "acct");
    EXPECT_FALSE(acct.empty());
  }
}

TEST_F(SandboxFeedTest, SameSeedSameContentDifferentSeedDifferentContent) {
  auto twin = StartSandbox(&clock_, 1, kPosts);
  auto other = StartSandbox(&clock_, 2, kPosts);
  ASSERT_NE(twin, nullptr);
  ASSERT_NE(other, nullptr);
  auto body = [&](const Sandbox& s) {
    std::string text = Client(s.base_url()).Get(kMentions, "tok").body;
    return Replace(text, s.base_url(), "BASE");
  };
  std::string mine = body(*sandbox_);
  EXPECT_EQ(mine, body(*twin));
  EXPECT_NE(mine, body(*other));
}

TEST_F(SandboxFeedTest, PostsComeInEnglishAndItalian) {
  Reply page = client_->Get(std::string(kMentions) + "&limit=80", "tok");
  ASSERT_TRUE(page.json.IsArray());
  std::map<std::string, int> languages;
  std::set<std::string> authors;
  bool remote = false, local = false, accented = false;
  for (const auto& n : page.json.GetArray()) {
    const auto& status = n["status"];
    languages[status["language"].IsNull() ? "null" : Str(status, "language")]++;
    std::string acct = Str(status["account"], "acct");
    authors.insert(acct);
    (acct.find('@') != std::string::npos ? remote : local) = true;
    for (unsigned char c : Str(status["account"], "display_name")) accented |= c >= 0x80;
  }
  EXPECT_GE(languages["en"], kPosts / 6);
  EXPECT_GE(languages["it"], kPosts / 6);
  EXPECT_GE(languages["null"], 1);
  EXPECT_EQ(languages["en"] + languages["it"] + languages["null"], kPosts);
  EXPECT_GE(authors.size(), 15u);
  EXPECT_TRUE(remote);
  EXPECT_TRUE(local);
  EXPECT_TRUE(accented);
}

TEST_F(SandboxFeedTest, MinIdWalksEveryMentionOnceInAscendingPages) {
  int pages = 0;
  std::vector<std::string> ids = WalkForward(7, &pages);
  ASSERT_EQ(ids.size(), static_cast<size_t>(kPosts));
  EXPECT_EQ(pages, (kPosts + 6) / 7);
  for (int i = 0; i < kPosts; ++i) EXPECT_EQ(ids[i], std::to_string(i + 1));
}

TEST_F(SandboxFeedTest, MinIdReturnsTheItemsRightAfterIt) {
  Reply page = client_->Get(std::string(kMentions) + "&limit=5&min_id=10", "tok");
  ASSERT_TRUE(page.json.IsArray());
  ASSERT_EQ(page.json.Size(), 5u);
  EXPECT_EQ(Str(page.json[0], "id"), "15");
  EXPECT_EQ(Str(page.json[4], "id"), "11");
}

TEST_F(SandboxFeedTest, SinceIdReturnsTheNewestItemsAfterIt) {
  Reply page = client_->Get(std::string(kMentions) + "&limit=5&since_id=10", "tok");
  ASSERT_TRUE(page.json.IsArray());
  ASSERT_EQ(page.json.Size(), 5u);
  EXPECT_EQ(Str(page.json[0], "id"), std::to_string(kPosts));
  EXPECT_EQ(Str(page.json[4], "id"), std::to_string(kPosts - 4));
  Reply caught_up =
      client_->Get(std::string(kMentions) + "&since_id=" + std::to_string(kPosts), "tok");
  ASSERT_TRUE(caught_up.json.IsArray());
  EXPECT_EQ(caught_up.json.Size(), 0u);
  EXPECT_TRUE(caught_up.Header("link").empty());
}

TEST_F(SandboxFeedTest, MaxIdWalksBackwardsThroughEverything) {
  std::vector<std::string> ids;
  std::string next = std::string(kMentions) + "&limit=25";
  for (int guard = 0; !next.empty() && guard < 20; ++guard) {
    Reply page = client_->Get(next, "tok");
    ASSERT_TRUE(page.json.IsArray());
    if (page.json.Empty()) break;
    for (const auto& n : page.json.GetArray()) ids.push_back(Str(n, "id"));
    next = PathAndQuery(LinkTarget(page.Header("link"), "next"));
  }
  ASSERT_EQ(ids.size(), static_cast<size_t>(kPosts));
  for (int i = 0; i < kPosts; ++i) EXPECT_EQ(ids[i], std::to_string(kPosts - i));

  Reply below = client_->Get(std::string(kMentions) + "&max_id=4", "tok");
  ASSERT_TRUE(below.json.IsArray());
  ASSERT_EQ(below.json.Size(), 3u);
  EXPECT_EQ(Str(below.json[0], "id"), "3");
}

TEST_F(SandboxFeedTest, LinkHeaderIsWellFormed) {
  Reply page = client_->Get(std::string(kMentions) + "&limit=5&max_id=30", "tok");
  ASSERT_EQ(page.status, 200);
  std::string base = sandbox_->base_url();
  EXPECT_EQ(page.Header("link"),
            "<" + base + "/api/v1/notifications?limit=5&max_id=25&types%5B%5D=mention>; " +
                "rel=\"next\", <" + base +
                "/api/v1/notifications?limit=5&min_id=29&types%5B%5D=mention>; rel=\"prev\"");
  Reply tag = client_->Get("/api/v1/timelines/tag/acme?limit=3");
  std::regex pattern("<" + base +
                     R"(/api/v1/timelines/tag/acme\?limit=3&max_id=(\d+)>; rel="next", <)" + base +
                     R"(/api/v1/timelines/tag/acme\?limit=3&min_id=(\d+)>; rel="prev")");
  std::smatch match;
  std::string link = tag.Header("link");
  ASSERT_TRUE(std::regex_match(link, match, pattern)) << link;
  ASSERT_TRUE(tag.json.IsArray());
  EXPECT_EQ(match[1].str(), Str(tag.json[2], "id"));
  EXPECT_EQ(match[2].str(), Str(tag.json[0], "id"));
}

TEST_F(SandboxFeedTest, TagTimelineCarriesTheHashtag) {
  Reply page = client_->Get("/api/v1/timelines/tag/ACME");  // tags are case-insensitive
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(page.json.IsArray());
  EXPECT_EQ(page.json.Size(), 20u);  // default limit
  for (const auto& status : page.json.GetArray()) {
    std::string text = AsciiLower(StripHtml(Str(status, "content")));
    EXPECT_NE(text.find("#acme"), std::string::npos) << text;
    bool tagged = false;
    for (const auto& tag : status["tags"].GetArray()) tagged |= Str(tag, "name") == "acme";
    EXPECT_TRUE(tagged);
  }
  int pages = 0;
  std::set<std::string> seen;
  std::string next = "/api/v1/timelines/tag/acme?limit=40";
  while (!next.empty() && pages < 10) {
    Reply p = client_->Get(next);
    if (!p.json.IsArray() || p.json.Empty()) break;
    ++pages;
    for (const auto& s : p.json.GetArray()) EXPECT_TRUE(seen.insert(Str(s, "id")).second);
    next = PathAndQuery(LinkTarget(p.Header("link"), "next"));
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kPosts));

  Reply other = client_->Get("/api/v1/timelines/tag/somethingelse");
  ASSERT_TRUE(other.json.IsArray());
  EXPECT_EQ(other.json.Size(), 0u);
  EXPECT_TRUE(other.Header("link").empty());
}

TEST_F(SandboxFeedTest, SearchFindsStatusesBySubstring) {
  Reply page = client_->Get("/api/v2/search?q=ACME&type=statuses&limit=40");
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(page.json.IsObject());
  ASSERT_TRUE(page.json["statuses"].IsArray());
  EXPECT_TRUE(page.json["accounts"].IsArray());
  EXPECT_TRUE(page.json["hashtags"].IsArray());
  EXPECT_EQ(page.json["statuses"].Size(), 40u);  // every post names the brand

  size_t hits = 0;
  for (std::string word : {"rimborso", "refund"}) {
    Reply found = client_->Get("/api/v2/search?q=" + word + "&type=statuses");
    ASSERT_TRUE(found.json.IsObject());
    hits += found.json["statuses"].Size();
    for (const auto& status : found.json["statuses"].GetArray()) {
      std::string text = AsciiLower(StripHtml(Str(status, "content")));
      EXPECT_NE(text.find(word), std::string::npos) << text;
    }
  }
  EXPECT_GT(hits, 0u);
  Reply nothing = client_->Get("/api/v2/search?q=zzqqxx&type=statuses");
  ASSERT_TRUE(nothing.json.IsObject());
  EXPECT_EQ(nothing.json["statuses"].Size(), 0u);
}

}  // namespace
}  // namespace heed::sandbox
