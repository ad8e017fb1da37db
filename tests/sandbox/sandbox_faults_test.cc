// Fault injection: deterministic, parseable, and never applied to inspection or violations.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

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

// The counters are keyed by the --faults names, in the enum's order.
TEST(FaultCounts, KindsAreTheSpecNamesInEnumOrder) {
  for (size_t i = 0; i < FaultCounts::kKinds.size(); ++i) {
    Fault fault = static_cast<Fault>(i + 1);
    EXPECT_EQ(FaultName(fault), FaultCounts::kKinds[i]);
    EXPECT_EQ(FaultKindIndex(fault), i);
    // Every name is accepted by --faults.
    EXPECT_TRUE(ParseFaultSpec(std::string(FaultCounts::kKinds[i]) + ":0.1").ok());
  }
}

TEST(FaultCounts, SummaryAndJsonNameTheKinds) {
  FaultCounts counts;
  EXPECT_EQ(counts.Summary(), "none");
  EXPECT_EQ(counts.KindsSeen(), 0);
  counts.counts[FaultKindIndex(Fault::kRateLimited)] = 12;
  counts.counts[FaultKindIndex(Fault::kServerError)] = 9;
  counts.counts[FaultKindIndex(Fault::kBadUtf8)] = 1;
  EXPECT_EQ(counts.Get("429"), 12u);
  EXPECT_EQ(counts.Get("utf8"), 1u);
  EXPECT_EQ(counts.Get("html"), 0u);
  EXPECT_EQ(counts.Get("418"), 0u);
  EXPECT_EQ(counts.Total(), 22u);
  EXPECT_EQ(counts.KindsSeen(), 3);
  EXPECT_EQ(counts.Summary(), "429 x12, 500 x9, utf8 x1");
  EXPECT_EQ(counts.Json(),
            R"({"total":22,"429":12,"500":9,"timeout":0,"malformed":0,"truncate":0,"html":0,)"
            R"("slow":0,"loop":0,"utf8":1})");
}

// Every platform request fails (429 or 500, half each, on Mastodon and an emulated platform);
// the endpoint reports the same counts, is not recorded and never fails itself.
TEST(SandboxFaults, CountsFaultsByKindAndServesThemAtAnEndpoint) {
  SimulatedClock clock(testing::TestStart());
  SandboxOptions options;
  options.clock = &clock;
  options.faults.rate_limited = 0.5;
  options.faults.server_error = 0.5;
  auto sandbox = std::move(Sandbox::Start(options)).value();
  testing::Client client(sandbox->base_url());
  int rate_limited = 0;
  int server_errors = 0;
  for (int i = 0; i < 20; ++i) {
    int status = client.Get(i % 2 ? "/api/v1/timelines/tag/acme" : "/rss").status;
    rate_limited += status == 429;
    server_errors += status == 503;
  }
  FaultCounts counts = sandbox->FaultsInjectedByKind();
  EXPECT_EQ(counts.Get("429"), static_cast<uint64_t>(rate_limited));
  EXPECT_EQ(counts.Get("500"), static_cast<uint64_t>(server_errors));
  EXPECT_GT(rate_limited, 0);
  EXPECT_GT(server_errors, 0);
  EXPECT_EQ(counts.Total(), 20u);
  EXPECT_EQ(counts.KindsSeen(), 2);
  EXPECT_EQ(sandbox->FaultsInjected(), 20u);

  const size_t recorded = sandbox->Requests().size();
  testing::Reply reply = client.Get("/_sandbox/faults");
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_TRUE(reply.json.IsObject()) << reply.body;
  EXPECT_EQ(reply.json["total"].GetUint64(), 20u);
  EXPECT_EQ(reply.json["429"].GetUint64(), counts.Get("429"));
  EXPECT_EQ(reply.json["500"].GetUint64(), counts.Get("500"));
  for (std::string_view kind : FaultCounts::kKinds) {
    EXPECT_TRUE(reply.json.HasMember(std::string(kind).c_str())) << kind;
  }
  EXPECT_EQ(sandbox->Requests().size(), recorded) << "inspection is not recorded";
  EXPECT_EQ(sandbox->FaultsInjected(), 20u) << "inspection is never faulted";
}

// A loop fault with nothing to loop back to serves the page normally and is not counted.
TEST(SandboxFaults, LoopIsCountedOnlyWhenAPageIsServedAgain) {
  SimulatedClock clock(testing::TestStart());
  SandboxOptions options;
  options.clock = &clock;
  options.faults.loop = 1.0;
  auto sandbox = std::move(Sandbox::Start(options)).value();
  testing::Client client(sandbox->base_url());
  testing::Reply first = client.Get("/api/v1/timelines/tag/acme");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(sandbox->FaultsInjected(), 0u);
  testing::Reply again = client.Get("/api/v1/timelines/tag/acme?max_id=1");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(sandbox->FaultsInjectedByKind().Get("loop"), 1u);
  EXPECT_EQ(sandbox->FaultsInjectedByKind().Summary(), "loop x1");
}

// Counted from the server's threads concurrently: none lost.
TEST(SandboxFaults, CountsAreExactUnderConcurrentRequests) {
  SimulatedClock clock(testing::TestStart());
  SandboxOptions options;
  options.clock = &clock;
  options.faults.server_error = 0.5;
  options.faults.html = 0.5;
  auto sandbox = std::move(Sandbox::Start(options)).value();
  constexpr int kThreads = 4;
  constexpr int kEach = 15;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      testing::Client client(sandbox->base_url());
      for (int i = 0; i < kEach; ++i) client.Get("/api/v1/timelines/tag/acme");
    });
  }
  for (std::thread& thread : threads) thread.join();
  FaultCounts counts = sandbox->FaultsInjectedByKind();
  EXPECT_EQ(counts.Total(), static_cast<uint64_t>(kThreads * kEach));
  EXPECT_EQ(counts.Get("500") + counts.Get("html"), counts.Total());
  EXPECT_EQ(sandbox->FaultsInjected(), counts.Total());
}

}  // namespace
}  // namespace heed::sandbox
