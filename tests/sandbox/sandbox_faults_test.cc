// Fault injection: deterministic, parseable, and never applied to inspection or violations.
#include <gtest/gtest.h>

#include "faults.h"
#include "heed/sandbox/sandbox.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

TEST(FaultSpec, ParsesKindsAndRates) {
  auto rates = ParseFaultSpec("429,500:0.2,timeout:0.05,malformed:0,truncate:0.01,html");
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  EXPECT_DOUBLE_EQ(rates->rate_limited, 0.1);
  EXPECT_DOUBLE_EQ(rates->server_error, 0.2);
  EXPECT_DOUBLE_EQ(rates->timeout, 0.05);
  EXPECT_DOUBLE_EQ(rates->malformed, 0);
  EXPECT_DOUBLE_EQ(rates->truncated, 0.01);
  EXPECT_DOUBLE_EQ(rates->html, 0.1);
  EXPECT_TRUE(ParseFaultSpec("")->any() == false);
}

TEST(FaultSpec, RejectsBadPartsNamingThem) {
  for (const char* bad : {"418", "500:2", "500:x", "429:0.6,500:0.6"}) {
    auto rates = ParseFaultSpec(bad);
    ASSERT_FALSE(rates.ok()) << bad;
    EXPECT_EQ(rates.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_NE(ParseFaultSpec("418").status().message().find("418"), std::string::npos);
}

TEST(FaultSpec, PickIsDeterministicAndHonoursRates) {
  FaultRates rates;
  rates.server_error = 0.25;
  int errors = 0;
  for (uint64_t n = 0; n < 4000; ++n) {
    Fault f = PickFault(rates, 7, n);
    EXPECT_EQ(f, PickFault(rates, 7, n));
    errors += f == Fault::kServerError;
  }
  EXPECT_GT(errors, 850);
  EXPECT_LT(errors, 1150);
}

TEST(FaultSpec, CorruptingFaultsBreakTheBody) {
  ApiResponse good{200, {}, R"([{"id":"1","content":"hello world, this is fine"}])"};
  ApiResponse malformed = FaultResponse(Fault::kMalformed, good);
  EXPECT_EQ(malformed.status, 200);
  EXPECT_NE(malformed.body, good.body);
  EXPECT_NE(malformed.body.find('\xff'), std::string::npos);
  EXPECT_EQ(FaultResponse(Fault::kTruncated, good).body.size(), good.body.size() / 2);
  EXPECT_EQ(FaultResponse(Fault::kRateLimited, good).status, 429);
  EXPECT_EQ(FaultResponse(Fault::kHtml, good).body.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(FaultSpec, BadUtf8KeepsTheJsonWellFormedAndIdsIntact) {
  auto rates = ParseFaultSpec("utf8:0.3");
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  EXPECT_DOUBLE_EQ(rates->bad_utf8, 0.3);
  EXPECT_TRUE(rates->any());
  ApiResponse good{200,
                   {},
                   R"([{"id":"10987654321","created_at":"2026-11-23T10:00:00.000Z",)"
                   R"("content":"the \"new\" app keeps crashing since the update"}])"};
  ApiResponse bad = FaultResponse(Fault::kBadUtf8, good);
  EXPECT_EQ(bad.status, 200);
  EXPECT_EQ(bad.body,
            R"([{"id":"10987654321","created_at":"2026-11-23T10:00:00.000Z",)"
            "\"content\":\"the \x80\xE2\x28\\\"new\\\" app keeps crashing since the update\"}]");
}

TEST(SandboxFaults, ServerInjectsFaultsButNotIntoInspectionOrViolations) {
  SimulatedClock clock(testing::TestStart());
  SandboxOptions options;
  options.clock = &clock;
  options.faults.server_error = 1.0;  // every platform request fails
  auto sandbox = std::move(Sandbox::Start(options)).value();
  testing::Client client(sandbox->base_url());
  EXPECT_EQ(client.Get("/api/v1/timelines/tag/acme").status, 503);
  EXPECT_EQ(client.Get("/_sandbox/requests").status, 200);
  EXPECT_EQ(client.Send("DELETE", "/api/v1/statuses/1", "t").status, 403);
  EXPECT_EQ(sandbox->Violations().size(), 1u);
  EXPECT_EQ(sandbox->FaultsInjected(), 1u);
}

TEST(FaultSpec, SlowServesThenAnswersLate) {
  auto rates = ParseFaultSpec("slow:0.5");
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  EXPECT_DOUBLE_EQ(rates->slow, 0.5);
  ApiResponse good{201, {}, R"({"id":"9"})"};
  EXPECT_EQ(FaultResponse(Fault::kSlow, good).body, good.body);
}

// Writes only: reads answer normally, and a slow write has taken effect when its late answer
// comes (the case where a client may die after the platform acted).
TEST(SandboxFaults, ScopeLimitsFaultsToWritesAndSlowWritesTakeEffect) {
  SimulatedClock clock(testing::TestStart());
  SandboxOptions options;
  options.clock = &clock;
  options.faults.slow = 1.0;
  options.faults.scope = FaultRates::Scope::kWrites;
  options.fault_delay = std::chrono::milliseconds(50);
  auto sandbox = std::move(Sandbox::Start(options)).value();
  testing::Client client(sandbox->base_url());
  auto timeline = client.Get("/api/v1/timelines/tag/acme");
  EXPECT_EQ(timeline.status, 200);
  EXPECT_EQ(sandbox->FaultsInjected(), 0u);
  size_t at = timeline.body.find("\"id\":\"");
  ASSERT_NE(at, std::string::npos) << timeline.body;
  std::string id = timeline.body.substr(at + 6, timeline.body.find('"', at + 6) - at - 6);
  auto posted = client.Send("POST", "/api/v1/statuses?status=hello&in_reply_to_id=" + id, "t");
  EXPECT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(sandbox->FaultsInjected(), 1u);
  EXPECT_EQ(sandbox->Replies().size(), 1u);
}

}  // namespace
}  // namespace heed::sandbox
