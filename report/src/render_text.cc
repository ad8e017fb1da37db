// The terminal rendering: one aligned table per figure. Untrusted text goes through ForTerminal.
#include <algorithm>
#include <string>
#include <vector>

#include "format.h"
#include "heed/core/text.h"
#include "heed/report/render.h"

namespace heed::report {
namespace {

using internal::Fixed;

// Display width in code points (continuation bytes do not count).
size_t Width(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// At most max code points of terminal-safe, single-line text, "…" when cut.
std::string Cell(std::string_view untrusted, size_t max) {
  std::string safe = ForTerminal(untrusted);
  std::replace(safe.begin(), safe.end(), '\t', ' ');
  if (Width(safe) <= max) return safe;
  std::string out;
  size_t n = 0;
  for (char c : safe) {
    if ((c & 0xC0) != 0x80 && ++n > max - 1) break;
    out += c;
  }
  return out + "…";
}

// Columns whose header starts with '>' are right-aligned (numbers).
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void Row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  void Print(std::ostream& out, std::string_view title) const {
    out << title << "\n";
    if (rows_.empty()) {
      out << "  (none)\n\n";
      return;
    }
    std::vector<size_t> widths;
    for (const std::string& h : headers_) widths.push_back(Width(Name(h)));
    for (const auto& row : rows_) {
      for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
        widths[i] = std::max(widths[i], Width(row[i]));
      }
    }
    auto line = [&](const std::vector<std::string>& cells, bool header) {
      out << " ";
      for (size_t i = 0; i < headers_.size(); ++i) {
        const std::string text =
            header ? std::string(Name(headers_[i])) : (i < cells.size() ? cells[i] : std::string());
        const std::string pad(widths[i] - Width(text), ' ');
        const bool right = headers_[i].front() == '>';
        out << " " << (right ? pad + text : (i + 1 < headers_.size() ? text + pad : text));
      }
      out << "\n";
    };
    line({}, true);
    for (const auto& row : rows_) line(row, false);
    out << "\n";
  }

 private:
  static std::string_view Name(const std::string& h) {
    return h.front() == '>' ? std::string_view(h).substr(1) : std::string_view(h);
  }
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

void SlaTable(std::ostream& out, std::string_view title, std::string header,
              const std::vector<SlaRate>& rates) {
  Table t({std::move(header), ">answered in time", ">counted", ">%"});
  for (const SlaRate& r : rates) {
    t.Row({Cell(r.key, 30), std::to_string(r.within), std::to_string(r.total), Fixed(r.pct, 1)});
  }
  t.Print(out, title);
}

void MixRow(Table& t, std::string first, const SentimentMix& m) {
  t.Row({std::move(first), std::to_string(m.negative), std::to_string(m.neutral),
         std::to_string(m.positive), std::to_string(m.unscored), Fixed(m.pct_negative, 1),
         Fixed(m.pct_positive, 1), Fixed(m.net, 1)});
}

}  // namespace

void WriteText(std::ostream& out, const Report& r) {
  out << "heed report: " << internal::PeriodLine(r.options) << "\n"
      << r.mentions << " mentions\n\n";

  Table volume({"platform", ">mentions"});
  for (const PlatformCount& p : r.volume)
    volume.Row({Cell(p.platform, 30), std::to_string(p.mentions)});
  volume.Print(out, "Volume by platform");

  std::vector<std::string> hours{"day"};
  for (int h = 0; h < 24; ++h) hours.push_back(">" + std::to_string(h));
  Table week(hours);
  for (int d = 0; d < 7; ++d) {
    std::vector<std::string> row{std::string(internal::WeekdayName(d))};
    for (int64_t n : r.hour_of_week[static_cast<size_t>(d)]) row.push_back(std::to_string(n));
    week.Row(row);
  }
  week.Print(out, "Volume by hour of the week (local time, " + r.options.time_zone + ")");

  const std::vector<std::string> mix_headers{">neg",   ">neu",   ">pos", ">unscored",
                                             ">neg %", ">pos %", ">net"};
  std::vector<std::string> headers{"period"};
  headers.insert(headers.end(), mix_headers.begin(), mix_headers.end());
  Table mix(headers);
  MixRow(mix, "all", r.sentiment);
  mix.Print(out, "Sentiment (net = % positive - % negative)");
  headers[0] = "day";
  Table trend(headers);
  for (const DaySentiment& d : r.sentiment_trend) MixRow(trend, d.date, d.mix);
  trend.Print(out, "Sentiment by day");

  Table ratings({"platform", ">reviews", ">average"});
  for (const RatingAverage& a : r.ratings)
    ratings.Row({Cell(a.platform, 30), std::to_string(a.reviews), Fixed(a.average, 2)});
  ratings.Print(out, "Review rating");
  Table rating_trend({"platform", "week of", ">reviews", ">average"});
  for (const RatingAverage& a : r.rating_trend) {
    rating_trend.Row(
        {Cell(a.platform, 30), a.week, std::to_string(a.reviews), Fixed(a.average, 2)});
  }
  rating_trend.Print(out, "Review rating by week");

  Table times({"from the post to", ">items", ">median", ">p90"});
  times.Row({"first public reply", std::to_string(r.first_reply.count),
             internal::DurationCell(r.first_reply.median),
             internal::DurationCell(r.first_reply.p90)});
  times.Row({"resolution", std::to_string(r.resolution.count),
             internal::DurationCell(r.resolution.median),
             internal::DurationCell(r.resolution.p90)});
  times.Print(out, "Response times");

  SlaTable(out, "First reply within SLA", "scope", {r.sla});
  SlaTable(out, "... by platform", "platform", r.sla_by_platform);
  SlaTable(out, "... by label", "label", r.sla_by_label);
  SlaTable(out, "... by operator (first reply)", "operator", r.sla_by_operator);
  SlaTable(out, "... by hour of the post (local)", "hour", r.sla_by_hour);

  const BreachReasons& why = r.breach_reasons;
  out << "Breaches: " << r.breaches_total << " (ingestion lag " << why.lagged << ", unassigned "
      << why.unassigned << ", off-hours " << why.off_hours << ", awaiting approval "
      << why.awaiting_approval << ", none of these " << why.unexplained << ")\n";
  Table breaches({">id", "platform", "target", "label", "at", "reasons"});
  for (const Breach& b : r.breaches) {
    breaches.Row({std::to_string(b.mention_id), Cell(b.platform, 20), b.target, Cell(b.label, 10),
                  FormatIso8601(b.at), internal::ReasonList(b)});
  }
  breaches.Print(out, "");

  out << "Unanswered negatives: " << r.unanswered_negatives_total << "\n";
  Table negatives({">id", "platform", "posted", "author", "text"});
  for (const UnansweredItem& u : r.unanswered_negatives) {
    negatives.Row({std::to_string(u.mention_id), Cell(u.platform, 20), FormatIso8601(u.created_at),
                   Cell(u.author, 24), Cell(u.text, 60)});
  }
  negatives.Print(out, "");
}

}  // namespace heed::report
