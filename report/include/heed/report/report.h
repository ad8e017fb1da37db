// heed report: what managers read. Every figure is recomputed from the store's append-only
// history (mentions, scores, deadlines, SLA events, status events, replies, assignments,
// approvals), never from the derived inbox_state; docs/REPORTS.md defines each one.
//
// Items are the mentions POSTED (platform timestamp) in [from, to); breaches are 'breached'
// SLA stages REACHED in [from, to), whatever the post's age.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/store/store.h"

namespace heed::report {

struct ReportOptions {
  TimePoint from;
  TimePoint to;                   // exclusive
  std::string platform;           // empty: every platform
  std::string time_zone = "UTC";  // IANA id for hour-of-week, days, weeks and off-hours
  TimePoint now;                  // an unanswered item whose reply due is later is not counted
  size_t max_listed = 100;        // breaches and unanswered negatives listed (totals are exact)
  // Off-hours rule for breaches whose deadline has a business calendar: outside
  // Monday-Friday [open_hour, close_hour) local time.
  int open_hour = 9;
  int close_hour = 18;
};

struct SentimentMix {
  int64_t negative = 0;
  int64_t neutral = 0;
  int64_t positive = 0;
  int64_t unscored = 0;
  // Shares of scored items, in percent; net = positive% - negative%.
  double pct_negative = 0;
  double pct_neutral = 0;
  double pct_positive = 0;
  double net = 0;
};

struct DaySentiment {
  std::string date;  // local "YYYY-MM-DD"
  SentimentMix mix;
};

struct PlatformCount {
  std::string platform;
  int64_t mentions = 0;
};

struct RatingAverage {
  std::string platform;
  std::string week;  // local Monday "YYYY-MM-DD"; empty in the per-platform summary
  int64_t reviews = 0;
  double average = 0;
};

struct DurationStats {
  int64_t count = 0;
  std::optional<Millis> median;  // nearest-rank p50
  std::optional<Millis> p90;
};

struct SlaRate {
  std::string key;     // platform, label, operator or hour ("09")
  int64_t within = 0;  // first reply sent at or before its due time
  int64_t total = 0;   // items with a due time, answered or past due
  double pct = 0;
};

struct Breach {
  int64_t mention_id = 0;
  std::string platform;
  std::string target;
  std::string label;
  TimePoint at;
  std::optional<TimePoint> due_at;
  Millis ingestion_lag{0};  // fetched_at - created_at
  bool lagged = false;      // ingestion lag > 50% of the budget
  bool unassigned = false;  // nobody assigned at breach time
  bool off_hours = false;   // calendar rule, breach outside business hours (see ReportOptions)
  bool awaiting_approval = false;
};

struct BreachReasons {
  int64_t lagged = 0;
  int64_t unassigned = 0;
  int64_t off_hours = 0;
  int64_t awaiting_approval = 0;
  int64_t unexplained = 0;  // none of the above
};

struct UnansweredItem {
  int64_t mention_id = 0;
  std::string platform;
  std::string author;
  std::string text;  // untrusted
  std::string url;   // untrusted
  TimePoint created_at;
};

struct Report {
  ReportOptions options;
  int64_t mentions = 0;
  std::vector<PlatformCount> volume;                      // by platform name
  std::array<std::array<int64_t, 24>, 7> hour_of_week{};  // [weekday Monday=0][local hour]
  SentimentMix sentiment;
  std::vector<DaySentiment> sentiment_trend;  // every local day of the period, in order
  std::vector<RatingAverage> ratings;         // per platform with reviews
  std::vector<RatingAverage> rating_trend;    // per platform and local week
  DurationStats first_reply;                  // post -> first public reply
  DurationStats resolution;                   // post -> first 'resolved'
  SlaRate sla;                                // overall (key "all")
  std::vector<SlaRate> sla_by_platform;
  std::vector<SlaRate> sla_by_label;
  std::vector<SlaRate> sla_by_operator;  // who sent the first reply; "(none)": unanswered
  std::vector<SlaRate> sla_by_hour;      // local hour of the post, only hours with items
  int64_t breaches_total = 0;
  BreachReasons breach_reasons;
  std::vector<Breach> breaches;  // oldest first, at most max_listed
  int64_t unanswered_negatives_total = 0;
  std::vector<UnansweredItem> unanswered_negatives;  // oldest first, at most max_listed
};

// Called between the build's steps (step counts from 1 to steps), for a progress bar.
using ProgressFn = std::function<void(int step, int steps, std::string_view what)>;

// kInvalidArgument for an empty or reversed period, an unknown time zone or bad hours; store
// errors as they come.
Result<Report> BuildReport(store::Store& store, const ReportOptions& options,
                           const ProgressFn& progress = nullptr);

}  // namespace heed::report
