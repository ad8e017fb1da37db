// BuildReport: one streamed pass over the period's mentions accumulates every per-item figure;
// breaches and the texts of unanswered negatives are two small reads after it.
#include <algorithm>
#include <map>
#include <utility>

#include "breaches.h"
#include "heed/report/local_time.h"
#include "heed/report/report.h"
#include "heed/report/stats.h"

namespace heed::report {
namespace {

using std::chrono::sys_days;

constexpr int kSteps = 4;
constexpr std::string_view kNoOperator = "(none)";
constexpr std::string_view kUnscored = "(unscored)";

struct Tally {
  int64_t within = 0;
  int64_t total = 0;
};

struct RatingSum {
  int64_t sum = 0;
  int64_t reviews = 0;
};

void AddLabel(SentimentMix& mix, const std::string& label) {
  if (label == "negative") {
    ++mix.negative;
  } else if (label == "neutral") {
    ++mix.neutral;
  } else if (label == "positive") {
    ++mix.positive;
  } else {
    ++mix.unscored;
  }
}

void FinishMix(SentimentMix& mix) {
  const int64_t scored = mix.negative + mix.neutral + mix.positive;
  mix.pct_negative = Percent(mix.negative, scored);
  mix.pct_neutral = Percent(mix.neutral, scored);
  mix.pct_positive = Percent(mix.positive, scored);
  mix.net = mix.pct_positive - mix.pct_negative;
}

SlaRate Rate(std::string key, const Tally& t) {
  return {std::move(key), t.within, t.total, Percent(t.within, t.total)};
}

std::vector<SlaRate> Rates(const std::map<std::string, Tally>& tallies) {
  std::vector<SlaRate> rates;
  for (const auto& [key, t] : tallies) {
    if (t.total > 0) rates.push_back(Rate(key, t));  // a platform with nothing due is left out
  }
  return rates;
}

DurationStats Durations(std::vector<Millis>& values) {
  DurationStats stats;
  stats.count = static_cast<int64_t>(values.size());
  stats.median = Percentile(values, 50);
  stats.p90 = Percentile(values, 90);
  return stats;
}

// Everything the item pass accumulates before it becomes the report's figures.
struct Accumulator {
  const LocalTimeZone& zone;
  const ReportOptions& options;
  Report& report;
  std::map<std::string, int64_t> volume;
  std::map<sys_days, SentimentMix> days;
  std::map<std::string, RatingSum> ratings;
  std::map<std::pair<std::string, sys_days>, RatingSum> rating_weeks;
  std::vector<Millis> reply_times;
  std::vector<Millis> resolution_times;
  Tally all;
  std::map<std::string, Tally> by_platform, by_label, by_operator;
  std::array<Tally, 24> by_hour{};
  std::vector<std::pair<TimePoint, int64_t>> unanswered;  // negatives: (posted, id)

  // Rows arrive platform by platform and by post time, so the last platform's and day's
  // buckets are kept at hand instead of being looked up for every row (map nodes are stable).
  std::string platform;
  int64_t* platform_volume = nullptr;
  Tally* platform_sla = nullptr;
  sys_days day{};
  SentimentMix* day_mix = nullptr;

  void Add(const store::ReportItemRow& row) {
    ++report.mentions;
    if (platform_volume == nullptr || row.platform != platform) {
      platform = row.platform;
      platform_volume = &volume[platform];
      platform_sla = &by_platform[platform];
    }
    ++*platform_volume;
    const LocalFields local = zone.Local(row.created_at);
    ++report.hour_of_week[static_cast<size_t>(local.weekday)][static_cast<size_t>(local.hour)];
    AddLabel(report.sentiment, row.label);
    if (day_mix == nullptr || sys_days(local.date) != day) {
      day = sys_days(local.date);
      day_mix = &days[day];
    }
    AddLabel(*day_mix, row.label);
    if (row.rating) {
      RatingSum& r = ratings[row.platform];
      r.sum += *row.rating;
      ++r.reviews;
      RatingSum& w = rating_weeks[{row.platform, sys_days(WeekStart(local.date))}];
      w.sum += *row.rating;
      ++w.reviews;
    }
    // A clock skew can put a reply before the post's timestamp; it counts as immediate.
    if (row.replied_at)
      reply_times.push_back(std::max(Millis(0), *row.replied_at - row.created_at));
    if (row.resolved_at) {
      resolution_times.push_back(std::max(Millis(0), *row.resolved_at - row.created_at));
    }
    if (row.label == "negative" && !row.replied_at)
      unanswered.emplace_back(row.created_at, row.mention_id);
    if (!row.first_reply_due) return;
    // Not yet answered and not yet due: the outcome is unknown, so it is left out.
    if (!row.replied_at && *row.first_reply_due > options.now) return;
    const bool within = row.replied_at && *row.replied_at <= *row.first_reply_due;
    const std::string op = !row.replied_at              ? std::string(kNoOperator)
                           : row.reply_operator.empty() ? std::string("(unknown)")
                                                        : row.reply_operator;
    for (Tally* t :
         {&all, platform_sla, &by_label[row.label.empty() ? std::string(kUnscored) : row.label],
          &by_operator[op], &by_hour[static_cast<size_t>(local.hour)]}) {
      ++t->total;
      t->within += within;
    }
  }

  void Finish() {
    for (const auto& [name, n] : volume) report.volume.push_back({name, n});
    FinishMix(report.sentiment);
    // Every local day of the period, empty ones included, so the trend has no gaps.
    const sys_days first(zone.Local(options.from).date);
    const sys_days last(zone.Local(options.to - Millis(1)).date);
    for (sys_days d = first; d <= last; d += std::chrono::days(1)) {
      SentimentMix mix = days.count(d) ? days[d] : SentimentMix{};
      FinishMix(mix);
      report.sentiment_trend.push_back({FormatDate(std::chrono::year_month_day(d)), mix});
    }
    for (const auto& [name, r] : ratings) {
      report.ratings.push_back(
          {name, "", r.reviews, static_cast<double>(r.sum) / static_cast<double>(r.reviews)});
    }
    for (const auto& [key, r] : rating_weeks) {
      report.rating_trend.push_back({key.first, FormatDate(std::chrono::year_month_day(key.second)),
                                     r.reviews,
                                     static_cast<double>(r.sum) / static_cast<double>(r.reviews)});
    }
    report.first_reply = Durations(reply_times);
    report.resolution = Durations(resolution_times);
    report.sla = Rate("all", all);
    report.sla_by_platform = Rates(by_platform);
    report.sla_by_label = Rates(by_label);
    report.sla_by_operator = Rates(by_operator);
    for (size_t h = 0; h < by_hour.size(); ++h) {
      if (by_hour[h].total == 0) continue;
      report.sla_by_hour.push_back(Rate((h < 10 ? "0" : "") + std::to_string(h), by_hour[h]));
    }
    std::sort(unanswered.begin(), unanswered.end());
    report.unanswered_negatives_total = static_cast<int64_t>(unanswered.size());
  }
};

Status Validate(const ReportOptions& options) {
  if (options.from >= options.to) {
    return Status::InvalidArgument("report period is empty: from " + FormatIso8601(options.from) +
                                   " is not before to " + FormatIso8601(options.to));
  }
  if (options.open_hour < 0 || options.close_hour > 24 || options.open_hour >= options.close_hour) {
    return Status::InvalidArgument("report business hours must satisfy 0 <= open < close <= 24");
  }
  return Status::Ok();
}

}  // namespace

Result<Report> BuildReport(store::Store& store, const ReportOptions& options,
                           const ProgressFn& progress) {
  HEED_RETURN_IF_ERROR(Validate(options));
  HEED_ASSIGN_OR_RETURN(LocalTimeZone zone, LocalTimeZone::Create(options.time_zone));
  auto step = [&](int n, std::string_view what) {
    if (progress) progress(n, kSteps, what);
  };
  Report report;
  report.options = options;
  const store::ReportPeriod period{options.from, options.to, options.platform};

  step(1, "reading mentions");
  Accumulator acc{zone, options, report};
  HEED_RETURN_IF_ERROR(store.ForEachReportItem(period, [&](const store::ReportItemRow& row) {
    acc.Add(row);
    return Status::Ok();
  }));

  step(2, "computing figures");
  acc.Finish();

  step(3, "reading breaches");
  HEED_ASSIGN_OR_RETURN(std::vector<store::ReportBreachRow> breaches, store.ReportBreaches(period));
  report.breaches_total = static_cast<int64_t>(breaches.size());
  for (const store::ReportBreachRow& row : breaches) {
    Breach b = internal::ClassifyBreach(row, zone, options);
    internal::CountReasons(b, report.breach_reasons);
    if (report.breaches.size() < options.max_listed) report.breaches.push_back(std::move(b));
  }

  step(4, "reading unanswered negatives");
  std::vector<int64_t> ids;
  for (size_t i = 0; i < acc.unanswered.size() && i < options.max_listed; ++i) {
    ids.push_back(acc.unanswered[i].second);
  }
  HEED_ASSIGN_OR_RETURN(std::vector<store::ReportMentionText> texts, store.ReportMentionTexts(ids));
  for (store::ReportMentionText& t : texts) {
    report.unanswered_negatives.push_back({t.mention_id, std::move(t.platform),
                                           std::move(t.author_handle), std::move(t.text),
                                           std::move(t.url), t.created_at});
  }
  return report;
}

}  // namespace heed::report
