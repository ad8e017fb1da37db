// inbox_bench: how fast the inbox answers on a large database.
//
// Builds (or reuses) a database of N mentions with scores, deadlines and a share of resolved
// items, then times Store::ListInbox for the first page of open items, one platform's open
// items, and everything including resolved; reports the median and p90 of repeated runs.
//
// usage: inbox_bench [--mentions N] [--db PATH] [--runs R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "heed/store/store.h"

namespace {

using heed::store::Store;

const char* const kPlatforms[] = {"mastodon", "bluesky", "reddit", "x", "google_play"};

heed::Status Populate(Store& store, int mentions) {
  const heed::TimePoint start = *heed::ParseIso8601("2026-01-01T00:00:00Z");
  constexpr int kBatch = 10000;
  for (int base = 0; base < mentions; base += kBatch) {
    heed::Status batch = store.InTransaction([&]() -> heed::Status {
      for (int n = base; n < std::min(mentions, base + kBatch); ++n) {
        heed::Mention m;
        m.platform = kPlatforms[n % 5];
        m.remote_id = std::to_string(n);
        m.author.handle = "user" + std::to_string(n % 5000);
        m.text = n % 3 == 0 ? "My order never arrived and nobody answers" : "Thanks, great help!";
        m.language = "en";
        m.created_at = start + std::chrono::seconds(n * 7);
        HEED_ASSIGN_OR_RETURN(heed::store::InsertOutcome outcome,
                              store.InsertMention(m, m.platform, m.created_at));
        heed::store::ScoreRecord score{n % 3 == 0 ? -0.6 : 0.6,
                                       n % 3 == 0 ? "negative" : "positive",
                                       "en",
                                       "bench",
                                       "",
                                       "",
                                       m.created_at};
        HEED_RETURN_IF_ERROR(store.InsertScore(outcome.id, score));
        heed::store::DeadlineRecord deadline{"default@1", "bench", m.created_at, std::nullopt,
                                             m.created_at};
        if (n % 3 == 0) deadline.due_at = m.created_at + std::chrono::hours(1);
        if (n % 3 == 1) deadline.due_at = m.created_at + std::chrono::hours(4);
        HEED_RETURN_IF_ERROR(store.InsertDeadline(outcome.id, deadline));
        // Most old items have been answered: 90% resolved, as in a team that keeps up.
        if (n % 10 != 0) {
          HEED_RETURN_IF_ERROR(store.AppendStatus(
              {outcome.id, heed::store::ItemStatus::kResolved, "AB", m.created_at}));
        }
      }
      return heed::Status::Ok();
    });
    if (!batch.ok()) return batch;
  }
  return heed::Status::Ok();
}

void Time(Store& store, const char* name, const heed::store::InboxQuery& query, int runs) {
  std::vector<double> ms;
  size_t rows = 0;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    auto items = store.ListInbox(query);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    rows = items.ok() ? items->size() : 0;
  }
  std::sort(ms.begin(), ms.end());
  std::printf("| %-40s | %6zu | %8.2f | %8.2f |\n", name, rows, ms[ms.size() / 2],
              ms[ms.size() * 9 / 10]);
}

}  // namespace

int main(int argc, char** argv) {
  int mentions = 1000000;
  int runs = 50;
  std::string db = (std::filesystem::temp_directory_path() / "heed-inbox-bench.db").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--mentions")) mentions = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  }
  auto store = Store::Open(db);
  if (!store.ok()) {
    std::fprintf(stderr, "inbox_bench: %s\n", store.status().ToString().c_str());
    return 1;
  }
  int64_t have = (*store)->CountMentions().value_or(0);
  if (have != mentions) {
    store->reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    store = Store::Open(db);
    auto start = std::chrono::steady_clock::now();
    heed::Status populated = Populate(**store, mentions);
    if (!populated.ok()) {
      std::fprintf(stderr, "inbox_bench: %s\n", populated.ToString().c_str());
      return 1;
    }
    std::printf("built %d mentions in %.1f s\n", mentions,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("inbox_bench: %d mentions (%s), %d runs each\n\n", mentions, db.c_str(), runs);
  std::printf("| %-40s | %6s | %8s | %8s |\n|---|---:|---:|---:|\n", "query", "rows", "median ms",
              "p90 ms");
  heed::store::InboxQuery open_page;
  open_page.limit = 50;
  Time(**store, "open items, first 50 (heed inbox --limit 50)", open_page, runs);
  heed::store::InboxQuery platform_page = open_page;
  platform_page.platform = "mastodon";  // every open item is on mastodon (n % 10 == 0)
  Time(**store, "one platform's open items, first 50", platform_page, runs);
  heed::store::InboxQuery overdue_page = open_page;
  overdue_page.overdue_at = *heed::ParseIso8601("2026-11-23T12:00:00Z");
  Time(**store, "overdue items, first 50 (heed inbox --overdue --limit 50)", overdue_page, runs);
  heed::store::InboxQuery negative_page = open_page;
  negative_page.label = "negative";
  negative_page.language = "en";
  Time(**store, "open negative English items, first 50", negative_page, runs);
  heed::store::InboxQuery all_page = open_page;
  all_page.include_resolved = true;
  Time(**store, "all items incl. resolved, first 50", all_page, runs);
  heed::store::InboxQuery every_open;
  Time(**store, "every open item (no limit)", every_open, std::max(3, runs / 10));
  return 0;
}
