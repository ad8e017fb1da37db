// RetryingTransport: backoff, give-up, 429 waits and rate-limit budgets on a SimulatedClock.
#include "retrying_transport.h"

#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;

constexpr char kPath[] = "/api/v1/notifications";
constexpr char kUrl[] = "https://social.example/api/v1/notifications?limit=1&access_token=t0k";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

HttpRequest Get() {
  HttpRequest r;
  r.url = kUrl;
  return r;
}

class RetryingTransportTest : public ::testing::Test {
 protected:
  const TimePoint start_ = At("2026-08-01T14:00:00Z");
  FakeHttpTransport fake_;
  SimulatedClock clock_{start_};
  RetryingTransport retrying_{fake_, clock_};
};

TEST_F(RetryingTransportTest, RetriesTwo503sThenSucceeds) {
  fake_.Enqueue("GET", kPath, HttpResponse{503, {}, ""});
  fake_.Enqueue("GET", kPath, HttpResponse{503, {}, ""});
  fake_.Enqueue("GET", kPath, HttpResponse{200, {}, "[]"});
  auto start_wall = std::chrono::steady_clock::now();
  auto r = retrying_.Send(Get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(fake_.requests().size(), 3u);
  // Backoffs of ~[250,500] + [500,1000] ms were taken on the simulated clock...
  Millis waited = clock_.Now() - start_;
  EXPECT_GE(waited, Millis(750));
  EXPECT_LE(waited, Millis(1500));
  // ...not on the wall clock.
  EXPECT_LT(std::chrono::steady_clock::now() - start_wall, std::chrono::milliseconds(200));
}

TEST_F(RetryingTransportTest, GivesUpAfterMaxAttempts) {
  fake_.SetDefault(HttpResponse{502, {}, "bad gateway"});
  auto r = retrying_.Send(Get());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(fake_.requests().size(), 4u);
  EXPECT_NE(r.status().message().find("giving up after 4 attempts"), std::string::npos);
  EXPECT_NE(r.status().message().find("HTTP 502"), std::string::npos);
  EXPECT_NE(r.status().message().find("access_token=REDACTED"), std::string::npos);
  EXPECT_EQ(r.status().message().find("t0k"), std::string::npos);
}

TEST_F(RetryingTransportTest, RetriesTransportUnavailableButNotOtherErrors) {
  fake_.Enqueue("GET", kPath, Status::Unavailable("connection refused"));
  fake_.Enqueue("GET", kPath, HttpResponse{200, {}, "[]"});
  EXPECT_TRUE(retrying_.Send(Get()).ok());
  fake_.Enqueue("GET", kPath, Status::DeadlineExceeded("timed out"));
  EXPECT_EQ(retrying_.Send(Get()).status().code(), StatusCode::kDeadlineExceeded);
  fake_.Enqueue("GET", kPath, HttpResponse{404, {}, ""});
  EXPECT_EQ(retrying_.Send(Get())->status, 404);
  EXPECT_EQ(fake_.requests().size(), 4u);
}

TEST_F(RetryingTransportTest, PostIsRetriedOnlyWithIdempotencyKey) {
  HttpRequest post;
  post.method = "POST";
  post.url = "https://social.example/api/v1/statuses";
  fake_.SetDefault(HttpResponse{503, {}, ""});
  auto once = retrying_.Send(post);
  ASSERT_TRUE(once.ok());
  EXPECT_EQ(once->status, 503);  // handed back for the caller to map
  EXPECT_EQ(fake_.requests().size(), 1u);

  post.headers.emplace_back("Idempotency-Key", "k");
  EXPECT_EQ(retrying_.Send(post).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(fake_.requests().size(), 5u);
}

TEST_F(RetryingTransportTest, Honours429RetryAfter) {
  fake_.Enqueue("GET", kPath, HttpResponse{429, {{"Retry-After", "30"}}, ""});
  fake_.Enqueue("GET", kPath, HttpResponse{200, {}, "[]"});
  auto r = retrying_.Send(Get());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(clock_.Now() - start_, Millis(30000));
}

TEST_F(RetryingTransportTest, Honours429MastodonResetTimestamp) {
  fake_.Enqueue("GET", kPath,
                HttpResponse{429,
                             {{"X-RateLimit-Remaining", "0"},
                              {"X-RateLimit-Reset", "2026-08-01T14:00:12.500000Z"}},
                             R"({"error":"Too many requests"})"});
  fake_.Enqueue("GET", kPath, HttpResponse{200, {}, "[]"});
  ASSERT_TRUE(retrying_.Send(Get()).ok());
  EXPECT_EQ(clock_.Now() - start_, Millis(12500));
}

TEST_F(RetryingTransportTest, Long429WaitIsReturnedWithRetryAfter) {
  fake_.Enqueue("GET", kPath,
                HttpResponse{429, {{"X-RateLimit-Reset", "2026-08-01T14:05:00Z"}}, ""});
  auto r = retrying_.Send(Get());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.status().retry_after(), Millis(300000));
  EXPECT_EQ(clock_.Now(), start_);  // did not wait
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(RetryingTransportTest, ExhaustedBudgetDelaysTheNextRequest) {
  fake_.Enqueue(
      "GET", kPath,
      HttpResponse{200,
                   {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "2026-08-01T14:00:20Z"}},
                   "[]"});
  fake_.SetDefault(HttpResponse{200, {{"X-RateLimit-Remaining", "299"}}, "[]"});
  ASSERT_TRUE(retrying_.Send(Get()).ok());
  EXPECT_EQ(clock_.Now(), start_);
  ASSERT_TRUE(retrying_.Send(Get()).ok());  // waits for the reset first
  EXPECT_EQ(clock_.Now(), At("2026-08-01T14:00:20Z"));
  ASSERT_TRUE(retrying_.Send(Get()).ok());  // budget known to be fine again: no wait
  EXPECT_EQ(clock_.Now(), At("2026-08-01T14:00:20Z"));

  // A reset too far away fails fast without sending.
  fake_.Enqueue(
      "GET", kPath,
      HttpResponse{200,
                   {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "2026-08-01T15:00:00Z"}},
                   "[]"});
  ASSERT_TRUE(retrying_.Send(Get()).ok());
  size_t sent = fake_.requests().size();
  auto r = retrying_.Send(Get());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(r.status().retry_after().has_value());
  EXPECT_EQ(fake_.requests().size(), sent);
}

TEST_F(RetryingTransportTest, BackoffIsBoundedAndDeterministic) {
  RetryingTransport a(fake_, clock_, RetryOptions{.seed = 7});
  RetryingTransport b(fake_, clock_, RetryOptions{.seed = 7});
  for (int retry = 1; retry <= 10; ++retry) {
    Millis da = a.Backoff(retry);
    EXPECT_EQ(da, b.Backoff(retry));
    Millis cap = std::min(Millis(500) * (1 << std::min(retry - 1, 8)), Millis(8000));
    EXPECT_GE(da, cap / 2) << retry;
    EXPECT_LE(da, cap) << retry;
  }
}

}  // namespace
}  // namespace heed::connectors
