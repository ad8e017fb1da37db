// sentiment_bench: how well, and how fast, heed's scorer tells negative posts, on labeled
// English and Italian dev sets that stay outside the repository (their licences allow
// evaluation, not redistribution; see each set's README.md).
//
// Input: `label<TAB>text` files, label pos | neg | neu (SENTIPOLC also has mix = opos and oneg
// both set). For every set it reports, from the same predictions:
//   - label distribution;
//   - negative class precision, recall and F1 (gold negative = neg, plus mix: mix posts carry
//     negative polarity, SENTIPOLC's own oneg=1; predicted negative = Label::kNegative);
//   - binary macro-F1: mean of the F1 of "negative" and of "not negative" (the triage decision
//     heed makes: does this post go to the negative queue?);
//   - polar macro-F1: on the gold pos/neg subset only (neu and mix dropped), mean of the F1 of
//     positive and negative with heed's three-way label (a "neutral" answer is wrong for both);
//   - language-identification accuracy when the text is scored without a hint.
// Texts are scored with the set's language as hint (what connectors pass when the platform
// tags posts); --no-hint makes the detected-language run the one the table reports.
//
// Throughput is single-threaded (one core): every text of every set, repeated until about
// --seconds of work, once with the hint (score only) and once without (detection + score); per
// wall-clock second and per second of the thread's own CPU time.
// Peak RSS from getrusage covers the whole run, dev sets included.
//
// usage: sentiment_bench [--data DIR] [--no-hint] [--seconds S] [--json-out FILE]
// Exits 0 with a message when DIR is absent (the sets are not part of the repository).
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "heed/sentiment/scorer.h"

namespace {

namespace fs = std::filesystem;
using heed::sentiment::Label;

struct SetSpec {
  const char* name;
  const char* path;  // relative to --data
  const char* lang;
};

constexpr SetSpec kSets[] = {
    {"feel_it", "feel_it/all.eval.tsv", "it"},
    {"sentipolc2016_train", "sentipolc2016_train/train.eval.tsv", "it"},
    {"sentiment140", "sentiment140/all.eval.tsv", "en"},
    {"tweeteval_val", "tweeteval_val/val.eval.tsv", "en"},
    {"uci_yelp", "uci_yelp/yelp.eval.tsv", "en"},
    {"vader_tweets", "vader_tweets/tweets.eval.tsv", "en"},
};

struct Item {
  std::string gold;  // pos, neg, neu, mix
  std::string text;
};

struct Counts {
  // Binary negative vs not negative.
  int tp = 0, fp = 0, fn = 0, tn = 0;
  // Polar subset (gold pos/neg), three-way predictions.
  int pos_tp = 0, pos_fp = 0, pos_fn = 0;
  int neg_tp = 0, neg_fp = 0, neg_fn = 0;
  int lang_right = 0, lang_total = 0;
};

double F1(int tp, int fp, int fn) { return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn); }

struct Metrics {
  double neg_precision = 0, neg_recall = 0, neg_f1 = 0, macro_f1 = 0, polar_macro_f1 = 0;
  double lang_accuracy = -1;  // -1: scored with a hint, not measured
};

Metrics Summarise(const Counts& c) {
  Metrics m;
  m.neg_precision = c.tp + c.fp ? static_cast<double>(c.tp) / (c.tp + c.fp) : 0;
  m.neg_recall = c.tp + c.fn ? static_cast<double>(c.tp) / (c.tp + c.fn) : 0;
  m.neg_f1 = F1(c.tp, c.fp, c.fn);
  // "Not negative" is the other class: its true positives are our true negatives.
  m.macro_f1 = (m.neg_f1 + F1(c.tn, c.fn, c.fp)) / 2;
  m.polar_macro_f1 = (F1(c.pos_tp, c.pos_fp, c.pos_fn) + F1(c.neg_tp, c.neg_fp, c.neg_fn)) / 2;
  if (c.lang_total) m.lang_accuracy = static_cast<double>(c.lang_right) / c.lang_total;
  return m;
}

void Count(Counts& c, const std::string& gold, Label predicted) {
  bool gold_neg = gold == "neg" || gold == "mix";
  bool pred_neg = predicted == Label::kNegative;
  if (gold_neg && pred_neg) ++c.tp;
  if (!gold_neg && pred_neg) ++c.fp;
  if (gold_neg && !pred_neg) ++c.fn;
  if (!gold_neg && !pred_neg) ++c.tn;
  // Polar subset: a neutral answer is a false negative for the gold class only.
  bool pred_pos = predicted == Label::kPositive;
  if (gold == "pos") {
    ++(pred_pos ? c.pos_tp : c.pos_fn);
    if (pred_neg) ++c.neg_fp;
  } else if (gold == "neg") {
    ++(pred_neg ? c.neg_tp : c.neg_fn);
    if (pred_pos) ++c.pos_fp;
  }
}

struct SetResult {
  std::string name, lang;
  std::map<std::string, int> distribution;
  size_t n = 0;
  Metrics hinted, detected;
};

std::vector<Item> ReadSet(const fs::path& file) {
  std::vector<Item> items;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    items.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return items;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU time this thread has used, in seconds.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Rate {
  double wall = 0;  // texts per wall-clock second
  double cpu = 0;   // texts per second of this thread's CPU time: the per-core figure, which
                    // other processes on a shared machine disturb far less
};

// Scores texts (with their hints) in full passes until at least `seconds` have elapsed.
Rate TextsPerSecond(const heed::sentiment::Scorer& scorer,
                    const std::vector<std::pair<const std::string*, const char*>>& texts, bool hint,
                    double seconds) {
  auto start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuSeconds();
  size_t scored = 0;
  double checksum = 0;  // keeps the work observable
  do {
    for (const auto& [text, lang] : texts) {
      checksum += scorer.Analyze(*text, hint ? lang : "").compound;
    }
    scored += texts.size();
  } while (Seconds(std::chrono::steady_clock::now() - start) < seconds);
  double elapsed = Seconds(std::chrono::steady_clock::now() - start);
  const double cpu = ThreadCpuSeconds() - cpu_start;
  if (checksum == 12345.678) std::printf(" ");
  return Rate{scored / elapsed, scored / cpu};
}

std::string Pct(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string Thousands(double v) {
  std::string digits = std::to_string(static_cast<long long>(v + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = HEED_SOURCE_DIR "/../shared/sentiment-dev";
  bool no_hint = false;
  double seconds = 2.0;
  std::string json_out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--data" && has_value) {
      data = argv[++i];
    } else if (arg == "--no-hint") {
      no_hint = true;
    } else if (arg == "--seconds" && has_value) {
      seconds = std::atof(argv[++i]);
    } else if (arg == "--json-out" && has_value) {
      json_out = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: sentiment_bench [--data DIR] [--no-hint] [--seconds S] "
                   "[--json-out FILE]\n");
      return 2;
    }
  }
  data = fs::path(data).lexically_normal().string();
  std::error_code ec;
  if (!fs::is_directory(data, ec)) {
    std::printf(
        "sentiment_bench: no dev sets at %s (they live outside the repository); "
        "nothing to measure. Pass --data DIR.\n",
        data.c_str());
    return 0;
  }

  auto created = heed::sentiment::Scorer::CreateDefault();
  if (!created.ok()) {
    std::fprintf(stderr, "sentiment_bench: %s\n", created.status().message().c_str());
    return 1;
  }
  const heed::sentiment::Scorer& scorer = **created;

  std::vector<std::vector<Item>> sets;
  std::vector<SetResult> results;
  for (const SetSpec& spec : kSets) {
    fs::path file = fs::path(data) / spec.path;
    if (!fs::exists(file, ec)) {
      std::printf("(skipped %s: %s not found)\n", spec.name, file.c_str());
      continue;
    }
    sets.push_back(ReadSet(file));
    SetResult r;
    r.name = spec.name;
    r.lang = spec.lang;
    r.n = sets.back().size();
    Counts hinted, detected;
    for (const Item& item : sets.back()) {
      ++r.distribution[item.gold];
      Count(hinted, item.gold, scorer.Analyze(item.text, spec.lang).label);
      heed::sentiment::Score s = scorer.Analyze(item.text, "");
      Count(detected, item.gold, s.label);
      ++detected.lang_total;
      detected.lang_right += s.language == spec.lang;
    }
    r.hinted = Summarise(hinted);
    r.detected = Summarise(detected);
    results.push_back(std::move(r));
  }
  if (results.empty()) {
    std::printf("sentiment_bench: no dev set found under %s; nothing to measure.\n", data.c_str());
    return 0;
  }

  std::vector<std::pair<const std::string*, const char*>> texts;
  size_t bytes = 0;
  for (size_t s = 0; s < sets.size(); ++s) {
    for (const Item& item : sets[s]) {
      texts.emplace_back(&item.text, results[s].lang == "it" ? "it" : "en");
      bytes += item.text.size();
    }
  }
  const Rate with_hint = TextsPerSecond(scorer, texts, true, seconds);
  const Rate with_detection = TextsPerSecond(scorer, texts, false, seconds);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double peak_rss_mib = usage.ru_maxrss / 1024.0;

  std::printf("Lexicon %s; dev sets from %s; scored %s.\n\n",
              std::string(scorer.LexiconVersion()).c_str(), data.c_str(),
              no_hint ? "WITHOUT a language hint (detected)" : "with the set's language as hint");
  std::printf(
      "neg P/R/F1: negative class (gold neg + mix). macro-F1: mean F1 of negative and "
      "not-negative. polar F1: mean F1 of pos and neg on the gold pos/neg subset (3-way "
      "predictions). lang acc: language detected without a hint.\n\n");
  std::printf(
      "| set | lang | n | pos/neg/neu/mix | neg P | neg R | neg F1 | macro-F1 | polar F1 | "
      "neg F1 (detected) | lang acc |\n");
  std::printf("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const SetResult& r : results) {
    const Metrics& m = no_hint ? r.detected : r.hinted;
    auto count = [&r](const char* label) {
      auto it = r.distribution.find(label);
      return std::to_string(it == r.distribution.end() ? 0 : it->second);
    };
    std::printf("| %s | %s | %zu | %s/%s/%s/%s | %s | %s | %s | %s | %s | %s | %s |\n",
                r.name.c_str(), r.lang.c_str(), r.n, count("pos").c_str(), count("neg").c_str(),
                count("neu").c_str(), count("mix").c_str(), Pct(m.neg_precision).c_str(),
                Pct(m.neg_recall).c_str(), Pct(m.neg_f1).c_str(), Pct(m.macro_f1).c_str(),
                Pct(m.polar_macro_f1).c_str(), Pct(r.detected.neg_f1).c_str(),
                Pct(r.detected.lang_accuracy).c_str());
  }
  std::printf(
      "\nThroughput, one thread, %zu texts (mean %.0f bytes) repeated for >= %.1f s each:\n\n",
      texts.size(), static_cast<double>(bytes) / texts.size(), seconds);
  std::printf("| mode | texts/s (wall) | texts/s (CPU) |\n|---|---:|---:|\n");
  std::printf("| score only (language hint given) | %s | %s |\n", Thousands(with_hint.wall).c_str(),
              Thousands(with_hint.cpu).c_str());
  std::printf("| detect language + score (no hint) | %s | %s |\n",
              Thousands(with_detection.wall).c_str(), Thousands(with_detection.cpu).c_str());
  std::printf("\nPeak RSS: %.1f MiB\n", peak_rss_mib);

  if (!json_out.empty()) {
    std::ofstream json(json_out);
    json << "{\"tool\":\"heed\",\"lexicon_version\":\"" << scorer.LexiconVersion()
         << "\",\"hint\":" << (no_hint ? "false" : "true")
         << ",\"texts_per_second\":" << with_hint.wall
         << ",\"texts_per_second_detect\":" << with_detection.wall
         << ",\"texts_per_cpu_second\":" << with_hint.cpu
         << ",\"texts_per_cpu_second_detect\":" << with_detection.cpu
         << ",\"peak_rss_mib\":" << peak_rss_mib << ",\"sets\":[";
    for (size_t i = 0; i < results.size(); ++i) {
      const SetResult& r = results[i];
      const Metrics& m = no_hint ? r.detected : r.hinted;
      json << (i ? "," : "") << "{\"name\":\"" << r.name << "\",\"lang\":\"" << r.lang
           << "\",\"n\":" << r.n << ",\"neg_precision\":" << m.neg_precision
           << ",\"neg_recall\":" << m.neg_recall << ",\"neg_f1\":" << m.neg_f1
           << ",\"macro_f1\":" << m.macro_f1 << ",\"polar_macro_f1\":" << m.polar_macro_f1
           << ",\"neg_f1_detected\":" << r.detected.neg_f1
           << ",\"lang_accuracy\":" << r.detected.lang_accuracy << "}";
    }
    json << "]}\n";
  }
  return 0;
}
