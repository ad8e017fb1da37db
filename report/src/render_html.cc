// The HTML report: one file a manager can open or mail. Inline CSS and inline SVG only; no
// script, font, image or stylesheet is loaded from anywhere. Every string is escaped.
#include <string>
#include <vector>

#include "format.h"
#include "heed/report/render.h"
#include "svg_charts.h"

namespace heed::report {
namespace {

using internal::Fixed;
using internal::HtmlEscape;

constexpr std::string_view kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1f2933;
background:#fff;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec}
.meta{color:#52606d;font-size:13px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #d9e2ec;border-radius:6px;padding:10px 14px;min-width:130px}
.card b{display:block;font-size:20px}.card span{color:#52606d;font-size:12px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border-bottom:1px solid #e4e7eb;padding:4px 10px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
svg{display:block;margin:6px 0;font-size:11px;fill:#1f2933}
.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
)css";

class Html {
 public:
  explicit Html(std::ostream& out) : out_(out) {}
  void H2(std::string_view title) { out_ << "<h2>" << HtmlEscape(title) << "</h2>\n"; }
  void Raw(std::string_view html) { out_ << html; }
  // Headers starting with '>' are numeric (right-aligned). Cells are escaped here.
  void Table(const std::vector<std::string>& headers,
             const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) {
      out_ << "<p class=\"meta\">None.</p>\n";
      return;
    }
    out_ << "<table><tr>";
    for (const std::string& h : headers) {
      const bool n = !h.empty() && h.front() == '>';
      out_ << (n ? "<th class=\"n\">" : "<th>") << HtmlEscape(n ? h.substr(1) : h) << "</th>";
    }
    out_ << "</tr>\n";
    for (const auto& row : rows) {
      out_ << "<tr>";
      for (size_t i = 0; i < row.size() && i < headers.size(); ++i) {
        const bool n = !headers[i].empty() && headers[i].front() == '>';
        out_ << (n ? "<td class=\"n\">" : "<td>") << HtmlEscape(row[i]) << "</td>";
      }
      out_ << "</tr>\n";
    }
    out_ << "</table>\n";
  }

 private:
  std::ostream& out_;
};

std::string Card(std::string_view value, std::string_view caption) {
  return "<div class=\"card\"><b>" + HtmlEscape(value) + "</b><span>" + HtmlEscape(caption) +
         "</span></div>";
}

std::vector<std::vector<std::string>> RateRows(const std::vector<SlaRate>& rates) {
  std::vector<std::vector<std::string>> rows;
  for (const SlaRate& r : rates) {
    rows.push_back({r.key, std::to_string(r.within), std::to_string(r.total), Fixed(r.pct, 1)});
  }
  return rows;
}

}  // namespace

void WriteHtml(std::ostream& out, const Report& r) {
  Html h(out);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<title>heed report " << HtmlEscape(internal::PeriodLine(r.options)) << "</title><style>"
      << kStyle << "</style></head><body>\n";
  out << "<h1>heed report</h1><p class=\"meta\">" << HtmlEscape(internal::PeriodLine(r.options))
      << "</p>\n<div class=\"cards\">" << Card(std::to_string(r.mentions), "mentions")
      << Card(Fixed(r.sentiment.net, 1), "net sentiment (% pos - % neg)")
      << Card(internal::DurationCell(r.first_reply.median), "median first reply")
      << Card(r.sla.total ? Fixed(r.sla.pct, 1) + "%" : "-", "first replies within SLA")
      << Card(std::to_string(r.breaches_total), "breaches")
      << Card(std::to_string(r.unanswered_negatives_total), "unanswered negatives") << "</div>\n";

  h.H2("Volume by platform");
  std::vector<internal::Bar> volume;
  for (const PlatformCount& p : r.volume) {
    volume.push_back({p.platform, static_cast<double>(p.mentions), std::to_string(p.mentions)});
  }
  h.Raw(internal::BarChart(volume, 0));

  h.H2("Volume by hour of the week (" + r.options.time_zone + ")");
  h.Raw(internal::Heatmap(r.hour_of_week));

  h.H2("Sentiment");
  const SentimentMix& m = r.sentiment;
  h.Table({">negative", ">neutral", ">positive", ">unscored", ">% neg", ">% neu", ">% pos", ">net"},
          {{std::to_string(m.negative), std::to_string(m.neutral), std::to_string(m.positive),
            std::to_string(m.unscored), Fixed(m.pct_negative, 1), Fixed(m.pct_neutral, 1),
            Fixed(m.pct_positive, 1), Fixed(m.net, 1)}});
  h.Raw(
      "<p class=\"legend meta\">Per day:<i style=\"background:#d64545\"></i>negative"
      "<i style=\"background:#9aa5b1\"></i>neutral<i style=\"background:#3f9142\"></i>"
      "positive</p>\n");
  h.Raw(internal::SentimentArea(r.sentiment_trend));

  h.H2("Review rating");
  std::vector<std::vector<std::string>> ratings;
  for (const RatingAverage& a : r.ratings) {
    ratings.push_back({a.platform, "all", std::to_string(a.reviews), Fixed(a.average, 2)});
  }
  for (const RatingAverage& a : r.rating_trend) {
    ratings.push_back(
        {a.platform, "week of " + a.week, std::to_string(a.reviews), Fixed(a.average, 2)});
  }
  h.Table({"platform", "period", ">reviews", ">average"}, ratings);

  h.H2("Response times");
  h.Table(
      {"from the post to", ">items", ">median", ">p90"},
      {{"first public reply", std::to_string(r.first_reply.count),
        internal::DurationCell(r.first_reply.median), internal::DurationCell(r.first_reply.p90)},
       {"resolution", std::to_string(r.resolution.count),
        internal::DurationCell(r.resolution.median), internal::DurationCell(r.resolution.p90)}});

  h.H2("First reply within SLA");
  std::vector<internal::Bar> sla_bars;
  for (const SlaRate& s : r.sla_by_platform) {
    sla_bars.push_back({s.key, s.pct, Fixed(s.pct, 1) + "% of " + std::to_string(s.total)});
  }
  h.Raw(internal::BarChart(sla_bars, 100));
  const std::vector<std::string> rate_headers{"", ">in time", ">counted", ">%"};
  for (auto [title, rates] : {std::pair{"Overall", std::vector<SlaRate>{r.sla}},
                              {"By label", r.sla_by_label},
                              {"By operator (first reply)", r.sla_by_operator},
                              {"By hour of the post", r.sla_by_hour}}) {
    std::vector<std::string> headers = rate_headers;
    headers[0] = title;
    h.Table(headers, RateRows(rates));
  }

  h.H2("Breaches (" + std::to_string(r.breaches_total) + ")");
  const BreachReasons& why = r.breach_reasons;
  h.Table({"reason", ">breaches"}, {{"ingestion lag", std::to_string(why.lagged)},
                                    {"unassigned", std::to_string(why.unassigned)},
                                    {"off-hours", std::to_string(why.off_hours)},
                                    {"awaiting approval", std::to_string(why.awaiting_approval)},
                                    {"none of these", std::to_string(why.unexplained)}});
  std::vector<std::vector<std::string>> breaches;
  for (const Breach& b : r.breaches) {
    breaches.push_back({std::to_string(b.mention_id), b.platform, b.target, b.label,
                        FormatIso8601(b.at), internal::ReasonList(b)});
  }
  h.Table({">id", "platform", "target", "label", "at", "reasons"}, breaches);

  h.H2("Unanswered negatives (" + std::to_string(r.unanswered_negatives_total) + ")");
  std::vector<std::vector<std::string>> negatives;
  for (const UnansweredItem& u : r.unanswered_negatives) {
    negatives.push_back(
        {std::to_string(u.mention_id), u.platform, FormatIso8601(u.created_at), u.author, u.text});
  }
  h.Table({">id", "platform", "posted", "author", "text"}, negatives);
  out << "</body></html>\n";
}

}  // namespace heed::report
