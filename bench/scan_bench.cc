// scan_bench: how fast `heed scan` stores a large backlog, and whether its memory stays flat.
//
// A child process runs the sandbox (so its generated corpus does not count against the
// scanner's memory); the parent scans the Mastodon mentions feed into a fresh SQLite file with
// the real connector, transport, scorer and store, and reports mentions/s and resident memory
// sampled as the database grows.
//
// usage: scan_bench [--posts N] [--page-limit N] [--db PATH]
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "heed/app/scanner.h"
#include "heed/connectors/connector.h"
#include "heed/sandbox/sandbox.h"
#include "heed/sentiment/scorer.h"
#include "heed/store/store.h"

namespace {

long ResidentKiB() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

long PeakResidentKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Runs the sandbox in a child; returns its pid and writes its port to *port.
pid_t StartSandboxProcess(int posts, uint16_t* port) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    heed::sandbox::SandboxOptions options;
    options.post_count = posts;
    options.rate_limit = 1 << 30;  // measure heed, not the emulated budget
    auto sandbox = heed::sandbox::Sandbox::Start(options);
    uint16_t p = sandbox.ok() ? (*sandbox)->port() : 0;
    if (write(fds[1], &p, sizeof p) != sizeof p) _exit(1);
    close(fds[1]);
    pause();  // until the parent kills us
    _exit(0);
  }
  close(fds[1]);
  ssize_t got = read(fds[0], port, sizeof *port);
  close(fds[0]);
  return got == sizeof *port && *port != 0 ? pid : -1;
}

}  // namespace

int main(int argc, char** argv) {
  int posts = 100000;
  int page_limit = 80;
  std::string db = (std::filesystem::temp_directory_path() / "heed-scan-bench.db").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--posts")) posts = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--page-limit")) page_limit = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);

  uint16_t port = 0;
  auto sandbox_start = std::chrono::steady_clock::now();
  pid_t child = StartSandboxProcess(posts, &port);
  if (child < 0) {
    std::fprintf(stderr, "scan_bench: the sandbox did not start\n");
    return 1;
  }
  double sandbox_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - sandbox_start).count();

  auto transport = heed::connectors::MakeCpprestTransport();
  heed::connectors::ConnectorConfig config;
  config.name = "bench";
  config.platform = "mastodon";
  config.base_url = "http://127.0.0.1:" + std::to_string(port);
  config.feed = "mentions";
  config.token = "bench";
  config.page_limit = page_limit;
  auto connector = heed::connectors::MakeConnector(config, *transport, heed::RealClock());
  auto store = heed::store::Store::Open(db);
  auto scorer = heed::sentiment::Scorer::CreateDefault();
  if (!connector.ok() || !store.ok() || !scorer.ok()) {
    std::fprintf(stderr, "scan_bench: setup failed\n");
    kill(child, SIGTERM);
    return 1;
  }
  const heed::responder::DeadlinePolicy policy;
  heed::app::Scanner scanner(**store, **scorer, policy, heed::RealClock());

  // The same pages fetched and parsed without storing, to split the time between the platform
  // round trips and heed's own work.
  {
    auto fetch_start = std::chrono::steady_clock::now();
    std::string checkpoint;
    int fetched = 0, pages = 0;
    while (fetched < posts) {
      auto page = (*connector)->FetchPage(checkpoint);
      if (!page.ok() || page->mentions.empty()) break;
      fetched += static_cast<int>(page->mentions.size());
      checkpoint = page->next_checkpoint;
      ++pages;
    }
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - fetch_start).count();
    std::printf("fetch only: %d mentions in %d pages in %.2f s = %.0f mentions/s (%.1f ms/page)\n",
                fetched, pages, s, fetched / s, 1000 * s / pages);
    double score_s = 0;
    auto score_start = std::chrono::steady_clock::now();
    auto sample = (*connector)->FetchPage("");
    if (sample.ok()) {
      score_start = std::chrono::steady_clock::now();
      for (int i = 0; i < 100; ++i) {
        for (const auto& m : sample->mentions) (*scorer)->Analyze(m.text, m.language);
      }
      score_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - score_start).count();
      std::printf("score only: %.0f mentions/s\n", 100.0 * sample->mentions.size() / score_s);

      // Store only: the same rows the scanner writes, into a scratch database.
      std::string scratch = db + ".store-only";
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(scratch + suffix);
      auto scratch_store = heed::store::Store::Open(scratch);
      auto score = (*scorer)->Analyze(sample->mentions[0].text, "en");
      heed::store::ScoreRecord record{
          score.compound, "negative", "en", "v", score.Explain(), "", heed::RealClock().Now()};
      auto store_start = std::chrono::steady_clock::now();
      int n = 0;
      for (int page = 0; page < posts / page_limit; ++page) {
        heed::Status st = (*scratch_store)->InTransaction([&] {
          for (int i = 0; i < page_limit; ++i, ++n) {
            heed::Mention m = sample->mentions[static_cast<size_t>(i) % sample->mentions.size()];
            m.remote_id = std::to_string(n);
            auto outcome = (*scratch_store)->InsertMention(m, "bench", heed::RealClock().Now());
            if (!outcome.ok()) return outcome.status();
            HEED_RETURN_IF_ERROR((*scratch_store)->InsertScore(outcome->id, record));
            HEED_RETURN_IF_ERROR((*scratch_store)
                                     ->InsertDeadline(outcome->id, heed::responder::ComputeDeadline(
                                                                       policy, record, m.created_at,
                                                                       heed::RealClock().Now())));
          }
          return (*scratch_store)
              ->SetCheckpoint("bench", std::to_string(n), heed::RealClock().Now());
        });
        if (!st.ok()) break;
      }
      double store_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - store_start).count();
      std::printf("store only: %d mentions in %.2f s = %.0f mentions/s\n", n, store_s, n / store_s);
      scratch_store->reset();
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(scratch + suffix);
    }
  }

  long rss_start = ResidentKiB();
  std::printf("scan_bench: %d mentions, page limit %d, sandbox ready in %.1f s\n", posts,
              page_limit, sandbox_seconds);
  std::printf("%10s %10s %12s %10s\n", "stored", "seconds", "mentions/s", "RSS MiB");
  auto start = std::chrono::steady_clock::now();
  int stored = 0;
  int next_report = posts / 10;
  long rss_at_first_report = 0;
  bool failed = false;
  // Scan in slices of pages so memory can be sampled as the database grows.
  while (stored < posts) {
    heed::app::ScanReport report = scanner.Scan(**connector, /*max_pages=*/25);
    if (!report.error.ok()) {
      std::fprintf(stderr, "scan_bench: %s\n", report.error.ToString().c_str());
      failed = true;
      break;
    }
    if (report.inserted == 0) break;
    stored += report.inserted;
    if (stored >= next_report || stored >= posts) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      long rss = ResidentKiB();
      if (rss_at_first_report == 0) rss_at_first_report = rss;
      std::printf("%10d %10.2f %12.0f %10.1f\n", stored, seconds, stored / seconds, rss / 1024.0);
      next_report += posts / 10;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long rss_end = ResidentKiB();
  kill(child, SIGTERM);
  waitpid(child, nullptr, 0);
  int64_t in_db = (*store)->CountMentions().value_or(-1);
  std::printf("result: %d mentions stored (%lld in the database) in %.2f s = %.0f mentions/s\n",
              stored, static_cast<long long>(in_db), seconds, stored / seconds);
  std::printf(
      "memory: RSS %.1f MiB before the scan, %.1f MiB at 10%%, %.1f MiB at the end "
      "(growth after 10%%: %.1f MiB); peak %.1f MiB\n",
      rss_start / 1024.0, rss_at_first_report / 1024.0, rss_end / 1024.0,
      (rss_end - rss_at_first_report) / 1024.0, PeakResidentKiB() / 1024.0);
  return failed || in_db != posts ? 1 : 0;
}
