// Small units of the connectors module: HTML to text, decimal ids, Link header, URLs,
// rate-limit header parsing, HTTP status mapping.
#include <gtest/gtest.h>

#include "html_text.h"
#include "http_errors.h"
#include "ids.h"
#include "link_header.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

using std::chrono::seconds;

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

TEST(HtmlToText, ParagraphsBreaksAndInlineTags) {
  EXPECT_EQ(HtmlToText("<p>Hello <b>world</b></p><p>second</p>"), "Hello world\n\nsecond");
  EXPECT_EQ(HtmlToText("a<br>b<br/>c<BR />d"), "a\nb\nc\nd");
  EXPECT_EQ(HtmlToText("&nbsp;a&nbsp;&nbsp;b &nbsp;"), "a b");
  EXPECT_EQ(HtmlToText("a<br><br><br>b"), "a\n\nb");
  EXPECT_EQ(HtmlToText("<p>@<span>acme</span> hi</p>"), "@acme hi");
  EXPECT_EQ(HtmlToText("<a href=\"x>y\" title='a>b'>link</a>"), "link");
}

TEST(HtmlToText, EntitiesDecoded) {
  EXPECT_EQ(HtmlToText("&amp; &lt; &gt; &quot; &#39; &apos;"), "& < > \" ' '");
  EXPECT_EQ(HtmlToText("caf&#233; &#x1F600; &#X41;"), "caf\xC3\xA9 \xF0\x9F\x98\x80 A");
  EXPECT_EQ(HtmlToText("&#0; &#xD800; &#99999999;"), "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(HtmlToText("AT&T &unknown; &#; &"), "AT&T &unknown; &#; &");
}

TEST(HtmlToText, WhitespaceCollapsedAndTrimmed) {
  EXPECT_EQ(HtmlToText("  <p>  a \n\t b  </p>  "), "a b");
  EXPECT_EQ(HtmlToText("<p>a </p>\n<p> b</p>"), "a\n\nb");
  EXPECT_EQ(HtmlToText("x <br> y"), "x\ny");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("<p></p>"), "");
}

TEST(HtmlToText, DropsScriptsCommentsAndSanitisesUtf8) {
  EXPECT_EQ(HtmlToText("a<script>alert('<p>')</script>b<!-- hidden -->c<style>p{}</STYLE>d"),
            "abcd");
  EXPECT_EQ(HtmlToText("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(HtmlToText("unclosed <tag"), "unclosed <tag");
}

TEST(DecimalIds, CompareByLengthThenDigits) {
  EXPECT_TRUE(IsDecimalId("0"));
  EXPECT_TRUE(IsDecimalId("117020577157693549"));
  EXPECT_FALSE(IsDecimalId(""));
  EXPECT_FALSE(IsDecimalId("12a"));
  EXPECT_FALSE(IsDecimalId("-1"));
  EXPECT_LT(CompareDecimalIds("99", "100"), 0);
  EXPECT_GT(CompareDecimalIds("117020577157693550", "117020577157693549"), 0);
  // Beyond 2^64: would be wrong as double or uint64.
  EXPECT_LT(CompareDecimalIds("99999999999999999999998", "99999999999999999999999"), 0);
  EXPECT_EQ(CompareDecimalIds("007", "7"), 0);
}

TEST(LinkHeader, ParsesMastodonPagination) {
  auto links = ParseLinkHeader(
      "<http://localhost:3000/api/v1/notifications?max_id=21&types%5B%5D=mention>; rel=\"next\", "
      "<http://localhost:3000/api/v1/notifications?min_id=21&types%5B%5D=mention>; rel=\"prev\"");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_TRUE(links[0].HasRel("next"));
  EXPECT_FALSE(links[0].HasRel("prev"));
  auto prev = FindLinkTarget(links, "PREV");
  ASSERT_TRUE(prev.has_value());
  EXPECT_EQ(QueryParam(*prev, "min_id").value_or(""), "21");
  EXPECT_EQ(QueryParam(*prev, "types%5B%5D").value_or(""), "mention");
  EXPECT_FALSE(QueryParam(*prev, "max_id").has_value());
  EXPECT_FALSE(FindLinkTarget(links, "last").has_value());
}

TEST(LinkHeader, ToleratesOddButValidAndMalformedInput) {
  auto links = ParseLinkHeader(
      "<https://a/x>;rel=\"prev next\";title=\"a, \\\"b\\\"\" ,  <https://a/y>; REL=last, "
      "garbage, <https://a/z>");
  ASSERT_EQ(links.size(), 3u);
  EXPECT_TRUE(links[0].HasRel("next"));
  EXPECT_TRUE(links[0].HasRel("prev"));
  EXPECT_EQ(links[0].params[1].second, "a, \"b\"");
  EXPECT_EQ(links[1].target, "https://a/y");
  EXPECT_TRUE(links[1].HasRel("last"));
  EXPECT_EQ(links[2].target, "https://a/z");
  EXPECT_TRUE(links[2].params.empty());
  EXPECT_TRUE(ParseLinkHeader("").empty());
  EXPECT_TRUE(ParseLinkHeader("<unterminated; rel=next").empty());
}

TEST(UrlUtil, NormalizeBaseUrl) {
  EXPECT_EQ(NormalizeBaseUrl("https://mastodon.social/").value_or("?"), "https://mastodon.social");
  EXPECT_EQ(NormalizeBaseUrl("HTTP://127.0.0.1:8080//").value_or("?"), "http://127.0.0.1:8080");
  EXPECT_EQ(NormalizeBaseUrl("https://x.test/sub").value_or("?"), "https://x.test/sub");
  for (const char* bad : {"ftp://x", "mastodon.social", "https://", "https://x?y=1",
                          "https://u:p@x", "https://a b", ""}) {
    EXPECT_EQ(NormalizeBaseUrl(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(AuthorityOf("https://Social.Example:8443/api?x"), "social.example:8443");
  EXPECT_EQ(HostOf("https://social.example:8443/api"), "social.example");
}

TEST(RateLimit, ParsesRetryAfterAndResetForms) {
  TimePoint now = At("2026-08-01T13:50:00Z");
  EXPECT_EQ(ParseHttpDate("Sat, 01 Aug 2026 13:55:00 GMT"), At("2026-08-01T13:55:00Z"));
  EXPECT_FALSE(ParseHttpDate("Sat, 01 Foo 2026 13:55:00 GMT").has_value());
  EXPECT_FALSE(ParseHttpDate("yesterday").has_value());

  HttpResponse r{429, {{"Retry-After", "30"}}, ""};
  EXPECT_EQ(RetryAfterHint(r, now), Millis(30000));
  r.headers = {{"x-ratelimit-reset", "2026-08-01T13:55:00.940463Z"}};
  EXPECT_EQ(RetryAfterHint(r, now), Millis(300940));
  r.headers = {{"Retry-After", "Sat, 01 Aug 2026 13:51:00 GMT"}};
  EXPECT_EQ(RetryAfterHint(r, now), Millis(60000));
  r.headers = {{"X-RateLimit-Reset", "2026-08-01T13:00:00Z"}};  // in the past
  EXPECT_EQ(RetryAfterHint(r, now), Millis(0));
  r.headers = {{"Retry-After", "soon"}};
  EXPECT_FALSE(RetryAfterHint(r, now).has_value());

  HttpResponse ok{
      200, {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "2026-08-01T13:51:00Z"}}, ""};
  EXPECT_EQ(BudgetExhaustedUntil(ok, now), At("2026-08-01T13:51:00Z"));
  ok.headers[0].second = "12";
  EXPECT_FALSE(BudgetExhaustedUntil(ok, now).has_value());
}

TEST(HttpErrors, MapsStatusCodes) {
  auto code = [](int http) { return StatusFromHttp(http, "ctx", "", std::nullopt).code(); };
  EXPECT_EQ(code(400), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(422), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(401), StatusCode::kUnauthenticated);
  EXPECT_EQ(code(403), StatusCode::kPermissionDenied);
  EXPECT_EQ(code(404), StatusCode::kNotFound);
  EXPECT_EQ(code(429), StatusCode::kResourceExhausted);
  EXPECT_EQ(code(500), StatusCode::kUnavailable);
  EXPECT_EQ(code(503), StatusCode::kUnavailable);
  Status s = StatusFromHttp(429, "mastodon 'm': GET u", "Too many requests", Millis(5000));
  EXPECT_EQ(s.message(), "mastodon 'm': GET u: HTTP 429: Too many requests");
  EXPECT_EQ(s.retry_after(), Millis(5000));
}

}  // namespace
}  // namespace heed::connectors

namespace heed::connectors {
namespace {

TEST(RateLimitFamilies, EveryPlatformsBudgetHeadersAreRead) {
  const TimePoint now = *ParseIso8601("2026-11-23T12:00:00Z");
  // X: epoch seconds.
  HttpResponse x{200, {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", "1795437000"}}, ""};
  ASSERT_TRUE(BudgetExhaustedUntil(x, now).has_value());
  EXPECT_EQ(*BudgetExhaustedUntil(x, now), TimePoint(std::chrono::seconds(1795437000)));
  // Reddit: fractional remaining, reset in seconds from now.
  HttpResponse reddit{200, {{"x-ratelimit-remaining", "0.0"}, {"x-ratelimit-reset", "42"}}, ""};
  EXPECT_EQ(BudgetExhaustedUntil(reddit, now), now + std::chrono::seconds(42));
  HttpResponse reddit_ok{
      200, {{"x-ratelimit-remaining", "598.0"}, {"x-ratelimit-reset", "42"}}, ""};
  EXPECT_FALSE(BudgetExhaustedUntil(reddit_ok, now).has_value());
  // Bluesky / IETF draft.
  HttpResponse bsky{429, {{"ratelimit-remaining", "0"}, {"ratelimit-reset", "1795437000"}}, ""};
  EXPECT_EQ(RetryAfterHint(bsky, now), Millis(TimePoint(std::chrono::seconds(1795437000)) - now));
  // Garbage is ignored, not trusted.
  HttpResponse junk{200, {{"x-ratelimit-remaining", "lots"}, {"x-ratelimit-reset", "soon"}}, ""};
  EXPECT_FALSE(BudgetExhaustedUntil(junk, now).has_value());
  EXPECT_FALSE(RetryAfterHint(junk, now).has_value());
}

}  // namespace
}  // namespace heed::connectors
