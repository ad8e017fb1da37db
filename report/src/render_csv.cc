// CSV output: one section per table. Only untrusted strings go through CsvCell; numbers are
// written as numbers (a negative net sentiment must stay a number, not an apostrophed text).
#include "format.h"
#include "heed/report/render.h"

namespace heed::report {
namespace {

using internal::CsvCell;
using internal::Fixed;

void Section(std::ostream& out, std::string_view name, std::string_view header) {
  out << "# " << name << "\r\n" << header << "\r\n";
}

void End(std::ostream& out) { out << "\r\n"; }

std::string MixCells(const SentimentMix& m) {
  return std::to_string(m.negative) + ',' + std::to_string(m.neutral) + ',' +
         std::to_string(m.positive) + ',' + std::to_string(m.unscored) + ',' +
         Fixed(m.pct_negative, 2) + ',' + Fixed(m.pct_neutral, 2) + ',' + Fixed(m.pct_positive, 2) +
         ',' + Fixed(m.net, 2);
}

constexpr std::string_view kMixHeader =
    "negative,neutral,positive,unscored,pct_negative,pct_neutral,pct_positive,net";

std::string OptMs(const std::optional<Millis>& d) { return d ? std::to_string(d->count()) : ""; }

}  // namespace

void WriteCsv(std::ostream& out, const Report& r) {
  Section(out, "period", "from,to,platform,time_zone,mentions");
  out << FormatIso8601(r.options.from) << ',' << FormatIso8601(r.options.to) << ','
      << CsvCell(r.options.platform) << ',' << CsvCell(r.options.time_zone) << ',' << r.mentions
      << "\r\n";
  End(out);

  Section(out, "volume_by_platform", "platform,mentions");
  for (const PlatformCount& p : r.volume) out << CsvCell(p.platform) << ',' << p.mentions << "\r\n";
  End(out);

  std::string hours = "weekday";
  for (int h = 0; h < 24; ++h) hours += ",h" + std::to_string(h);
  Section(out, "hour_of_week", hours);
  for (int d = 0; d < 7; ++d) {
    out << internal::WeekdayName(d);
    for (int64_t n : r.hour_of_week[static_cast<size_t>(d)]) out << ',' << n;
    out << "\r\n";
  }
  End(out);

  Section(out, "sentiment", kMixHeader);
  out << MixCells(r.sentiment) << "\r\n";
  End(out);
  Section(out, "sentiment_trend", "date," + std::string(kMixHeader));
  for (const DaySentiment& d : r.sentiment_trend) out << d.date << ',' << MixCells(d.mix) << "\r\n";
  End(out);

  Section(out, "ratings", "platform,reviews,average");
  for (const RatingAverage& a : r.ratings) {
    out << CsvCell(a.platform) << ',' << a.reviews << ',' << Fixed(a.average, 3) << "\r\n";
  }
  End(out);
  Section(out, "rating_trend", "platform,week,reviews,average");
  for (const RatingAverage& a : r.rating_trend) {
    out << CsvCell(a.platform) << ',' << a.week << ',' << a.reviews << ',' << Fixed(a.average, 3)
        << "\r\n";
  }
  End(out);

  Section(out, "response_times", "measure,count,median_ms,p90_ms");
  out << "first_reply," << r.first_reply.count << ',' << OptMs(r.first_reply.median) << ','
      << OptMs(r.first_reply.p90) << "\r\n";
  out << "resolution," << r.resolution.count << ',' << OptMs(r.resolution.median) << ','
      << OptMs(r.resolution.p90) << "\r\n";
  End(out);

  Section(out, "sla", "by,key,within,total,pct");
  auto rates = [&](std::string_view by, const std::vector<SlaRate>& list) {
    for (const SlaRate& s : list) {
      out << by << ',' << CsvCell(s.key) << ',' << s.within << ',' << s.total << ','
          << Fixed(s.pct, 2) << "\r\n";
    }
  };
  rates("overall", {r.sla});
  rates("platform", r.sla_by_platform);
  rates("label", r.sla_by_label);
  rates("operator", r.sla_by_operator);
  rates("hour", r.sla_by_hour);
  End(out);

  Section(out, "breaches",
          "id,platform,target,label,at,due_at,ingestion_lag_ms,ingestion_lag,unassigned,"
          "off_hours,awaiting_approval");
  for (const Breach& b : r.breaches) {
    out << b.mention_id << ',' << CsvCell(b.platform) << ',' << CsvCell(b.target) << ','
        << CsvCell(b.label) << ',' << FormatIso8601(b.at) << ','
        << (b.due_at ? FormatIso8601(*b.due_at) : "") << ',' << b.ingestion_lag.count() << ','
        << b.lagged << ',' << b.unassigned << ',' << b.off_hours << ',' << b.awaiting_approval
        << "\r\n";
  }
  End(out);

  Section(out, "unanswered_negatives", "id,platform,created_at,author,url,text");
  for (const UnansweredItem& u : r.unanswered_negatives) {
    out << u.mention_id << ',' << CsvCell(u.platform) << ',' << FormatIso8601(u.created_at) << ','
        << CsvCell(u.author) << ',' << CsvCell(u.url) << ',' << CsvCell(u.text) << "\r\n";
  }
  End(out);
}

}  // namespace heed::report
