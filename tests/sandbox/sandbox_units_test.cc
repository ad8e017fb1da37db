// The sandbox's internal units: pagination, the violation policy, query parsing, the content
// generator and the rate limiter.
#include <gtest/gtest.h>

#include <set>

#include "content.h"
#include "heed/core/clock.h"
#include "paging.h"
#include "policy.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox {
namespace {

std::vector<uint64_t> Ids(uint64_t n) {
  std::vector<uint64_t> ids;
  for (uint64_t i = 1; i <= n; ++i) ids.push_back(i * 10);  // 10, 20, ..., n*10
  return ids;
}

std::vector<uint64_t> Page(const std::vector<uint64_t>& ids, const PageParams& p) {
  std::vector<uint64_t> out;
  for (size_t i : SelectPage(ids, p)) out.push_back(ids[i]);
  return out;
}

TEST(SandboxPaging, NewestFirstWithLimit) {
  PageParams p;
  p.limit = 3;
  EXPECT_EQ(Page(Ids(10), p), (std::vector<uint64_t>{100, 90, 80}));
}

TEST(SandboxPaging, MaxIdIsExclusive) {
  PageParams p;
  p.limit = 3;
  p.max_id = 50;
  EXPECT_EQ(Page(Ids(10), p), (std::vector<uint64_t>{40, 30, 20}));
  p.max_id = 45;
  EXPECT_EQ(Page(Ids(10), p), (std::vector<uint64_t>{40, 30, 20}));
}

TEST(SandboxPaging, SinceIdTakesTheNewestMinIdTheOldest) {
  PageParams since;
  since.limit = 3;
  since.since_id = 50;
  EXPECT_EQ(Page(Ids(10), since), (std::vector<uint64_t>{100, 90, 80}));
  PageParams min;
  min.limit = 3;
  min.min_id = 50;
  EXPECT_EQ(Page(Ids(10), min), (std::vector<uint64_t>{80, 70, 60}));
  min.max_id = 70;
  EXPECT_EQ(Page(Ids(10), min), (std::vector<uint64_t>{60}));
  min.min_id = 100;
  min.max_id.reset();
  EXPECT_TRUE(Page(Ids(10), min).empty());
}

TEST(SandboxPaging, ParsesParamsAndClampsLimit) {
  PageParams p = ParsePageParams(ParseQuery("limit=500&max_id=99&min_id=x"), 40, 80);
  EXPECT_EQ(p.limit, 80u);
  EXPECT_EQ(p.max_id, 99u);
  EXPECT_FALSE(p.min_id.has_value());
  EXPECT_EQ(ParsePageParams(ParseQuery("limit=0"), 40, 80).limit, 40u);
  EXPECT_EQ(ParsePageParams(ParseQuery(""), 20, 40).limit, 20u);
  EXPECT_EQ(ParseId("99999999999999999999999"), std::numeric_limits<uint64_t>::max());
}

TEST(SandboxPaging, LinkHeaderKeepsOtherParamsSorted) {
  Params q = ParseQuery("types%5B%5D=mention&max_id=5&limit=2");
  EXPECT_EQ(LinkHeader("http://h:1", "/api/v1/notifications", q, 3, 4),
            "<http://h:1/api/v1/notifications?limit=2&max_id=3&types%5B%5D=mention>; "
            "rel=\"next\", <http://h:1/api/v1/notifications?limit=2&min_id=4&types%5B%5D="
            "mention>; rel=\"prev\"");
}

TEST(SandboxQuery, DecodesRailsStyleParams) {
  Params q = ParseQuery("types[]=mention&types%5B%5D=follow&status=a+b%26c&empty=&bare");
  EXPECT_EQ(ArrayParam(q, "types"), (std::vector<std::string>{"mention", "follow"}));
  EXPECT_EQ(FirstParam(q, "status"), "a b&c");
  EXPECT_EQ(FirstParam(q, "empty"), "");
  EXPECT_EQ(FirstParam(q, "bare"), "");
  EXPECT_FALSE(FirstParam(q, "missing").has_value());
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
}

TEST(SandboxPolicy, FlagsDeletesHidesAndModeration) {
  EXPECT_TRUE(IsForbidden("DELETE", "/api/v1/statuses/1"));
  EXPECT_TRUE(IsForbidden("DELETE", "/anything"));
  EXPECT_TRUE(IsForbidden("POST", "/api/v1/accounts/1/mute"));
  EXPECT_TRUE(IsForbidden("POST", "/api/v1/accounts/1/unblock"));
  EXPECT_TRUE(IsForbidden("POST", "/api/v1/domain_blocks"));
  EXPECT_TRUE(IsForbidden("POST", "/api/v1/notifications/3/dismiss"));
  EXPECT_TRUE(IsForbidden("POST", "/api/v1/notifications/clear"));
  EXPECT_TRUE(IsForbidden("POST", "/api/v1/reports"));
  EXPECT_TRUE(IsForbidden("GET", "/api/v1/admin/accounts"));
  EXPECT_TRUE(IsForbidden("GET", "/api/v2/admin/accounts"));
  EXPECT_TRUE(IsForbidden("PUT", "/api/v1/statuses/1/hide"));
  EXPECT_FALSE(IsForbidden("GET", "/api/v1/notifications"));
  EXPECT_FALSE(IsForbidden("POST", "/api/v1/statuses"));
  EXPECT_FALSE(IsForbidden("GET", "/api/v1/mutes"));
  EXPECT_FALSE(IsForbidden("GET", "/api/v1/administrators"));
}

TEST(SandboxRateLimiter, CountsPerKeyPerWindow) {
  RateLimiter limiter(2, std::chrono::seconds(300));
  TimePoint t = FromUnixMillis(1785592800000 + 1234);  // 14:00:01.234
  auto a = limiter.Consume("a", t);
  EXPECT_TRUE(a.allowed);
  EXPECT_EQ(a.remaining, 1);
  EXPECT_EQ(FormatIso8601(a.reset), "2026-08-01T14:05:00.234Z");
  EXPECT_TRUE(limiter.Consume("a", t).allowed);
  auto over = limiter.Consume("a", t);
  EXPECT_FALSE(over.allowed);
  EXPECT_EQ(over.remaining, 0);
  EXPECT_TRUE(limiter.Consume("b", t).allowed);
  EXPECT_TRUE(limiter.Consume("a", t + std::chrono::minutes(5)).allowed);
}

TEST(SandboxContent, GeneratesDeterministicAscendingFeeds) {
  CorpusOptions options;
  options.seed = 42;
  options.post_count = 200;
  options.base_url = "http://127.0.0.1:9";
  options.now = FromUnixMillis(1785592800000);
  Corpus a = GenerateCorpus(options);
  Corpus b = GenerateCorpus(options);
  ASSERT_EQ(a.mention_posts.size(), 200u);
  ASSERT_EQ(a.tag_posts.size(), 200u);
  ASSERT_EQ(a.notifications.size(), 200u);
  std::set<uint64_t> ids;
  int follow_ups = 0, italian = 0, two_paragraphs = 0, line_breaks = 0;
  for (size_t i = 0; i < a.mention_posts.size(); ++i) {
    const Post& p = a.mention_posts[i];
    EXPECT_EQ(p.content, b.mention_posts[i].content);
    EXPECT_EQ(p.id, b.mention_posts[i].id);
    EXPECT_TRUE(ids.insert(p.id).second);
    EXPECT_GE(p.created_at, options.now - std::chrono::hours(18));
    EXPECT_LT(p.created_at, options.now);
    if (i > 0) {
      EXPECT_GT(p.id, a.mention_posts[i - 1].id);
      EXPECT_GE(p.created_at, a.mention_posts[i - 1].created_at);
      EXPECT_GT(a.notifications[i].id, a.notifications[i - 1].id);
      EXPECT_GE(a.notifications[i].created_at, a.notifications[i - 1].created_at);
    }
    EXPECT_EQ(p.id >> 16, static_cast<uint64_t>(ToUnixMillis(p.created_at)));
    if (p.in_reply_to_id) {
      ++follow_ups;
      EXPECT_LT(*p.in_reply_to_id, p.id);
    }
    if (p.language == "it") ++italian;
    if (p.content.find("</p><p>") != std::string::npos) ++two_paragraphs;
    if (p.content.find("<br />") != std::string::npos) ++line_breaks;
    EXPECT_NE(p.text.find("@acme"), std::string::npos) << p.text;
  }
  for (const Post& p : a.tag_posts) EXPECT_TRUE(ids.insert(p.id).second);
  EXPECT_GT(follow_ups, 0);
  EXPECT_GT(italian, 40);
  EXPECT_GT(two_paragraphs, 0);
  EXPECT_GT(line_breaks, 0);
}

}  // namespace
}  // namespace heed::sandbox
