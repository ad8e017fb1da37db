// sla_bench: what the SLA engine costs on a large queue.
//
// Starts the clocks of N open items under an office-hours policy (Europe/Rome, holidays), then
// times the minute pass (SlaEngine::EvaluateAll) in the states a daemon meets: nothing due,
// and a wave of items reaching a stage together. The pass must stay far below a minute; it
// reads only the items whose next check is due.
//
// usage: sla_bench [--items N]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "heed/app/config.h"
#include "heed/app/sla_engine.h"
#include "heed/store/store.h"

namespace {

constexpr char kPolicy[] = R"(
[calendar.office]
time_zone = Europe/Rome
hours = mon-fri 09:00-13:00 14:00-18:00; sat 09:00-12:00
holiday_dates = 2026-12-08, 2026-12-25, 2026-12-26

[sla.rule.reviews]
platform = google_play
first_reply = 8h
resolution = 3d
calendar = office

[sla.rule.negative]
label = negative
first_reply = 1h
resolution = 1d

[sla.rule.rest]
first_reply = 4h
)";

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  int items = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--items") == 0) items = std::atoi(argv[i + 1]);
  }
  auto config = heed::app::ParseConfig(kPolicy, "sla_bench");
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 1;
  }
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("heed-sla-bench-" + std::to_string(getpid()) + ".db"))
                               .string();
  auto store = std::move(heed::store::Store::Open(path)).value();
  heed::SimulatedClock clock(*heed::ParseIso8601("2026-12-01T08:00:00Z"));
  heed::app::SlaEngine engine(*store, clock, {config->sla, config->calendars});
  if (!engine.CurrentVersion().ok()) return 1;

  const char* const platforms[] = {"mastodon", "bluesky", "google_play", "x"};
  auto start = std::chrono::steady_clock::now();
  constexpr int kBatch = 5000;
  for (int base = 0; base < items; base += kBatch) {
    heed::Status batch = store->InTransaction([&]() -> heed::Status {
      for (int n = base; n < std::min(items, base + kBatch); ++n) {
        heed::Mention m;
        m.platform = platforms[n % 4];
        m.remote_id = std::to_string(n);
        m.author.handle = "user" + std::to_string(n % 5000);
        m.text = "post";
        // Spread over the last two hours, so stages come due in waves as the clock advances.
        m.created_at = clock.Now() - std::chrono::seconds(n % 7200);
        HEED_ASSIGN_OR_RETURN(heed::store::InsertOutcome outcome,
                              store->InsertMention(m, m.platform, clock.Now()));
        heed::store::ScoreRecord score{n % 3 == 0 ? -0.6 : 0.2,
                                       n % 3 == 0 ? "negative" : "neutral",
                                       "en",
                                       "bench",
                                       "",
                                       "",
                                       clock.Now()};
        HEED_RETURN_IF_ERROR(store->InsertScore(outcome.id, score));
        HEED_RETURN_IF_ERROR(engine.StartClocks(outcome.id, m, score));
      }
      return heed::Status::Ok();
    });
    if (!batch.ok()) {
      std::fprintf(stderr, "%s\n", batch.ToString().c_str());
      return 1;
    }
  }
  const double start_ms = Ms(start);
  const std::string header = "step (items: " + std::to_string(items) + ")";
  std::printf("| %-52s | %10s |\n", header.c_str(), "result");
  std::printf("| %-52s | %7.1f us |\n", "StartClocks per item (with insert and score)",
              start_ms * 1000 / items);

  // First pass: everything whose first stage is already due (posts up to 2h old, 1h budgets).
  start = std::chrono::steady_clock::now();
  auto fired = engine.EvaluateAll();
  std::printf("| %-52s | %7.0f ms | %zu stages\n", "first pass (backlog: stages already due)",
              Ms(start), fired.ok() ? fired->size() : 0);
  start = std::chrono::steady_clock::now();
  fired = engine.EvaluateAll();
  std::printf("| %-52s | %7.2f ms | %zu stages\n", "minute pass, nothing due", Ms(start),
              fired.ok() ? fired->size() : 0);
  for (int minute = 1; minute <= 3; ++minute) {
    clock.Advance(std::chrono::minutes(1));
    start = std::chrono::steady_clock::now();
    fired = engine.EvaluateAll();
    std::printf("| %-52s | %7.1f ms | %zu stages\n",
                ("minute pass " + std::to_string(minute) + " (a minute of arrivals due)").c_str(),
                Ms(start), fired.ok() ? fired->size() : 0);
  }
  store.reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
