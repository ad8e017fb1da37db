#include "svg_charts.h"

#include <algorithm>

#include "format.h"

namespace heed::report::internal {
namespace {

constexpr const char* kNegative = "#d64545";
constexpr const char* kNeutral = "#9aa5b1";
constexpr const char* kPositive = "#3f9142";

std::string Num(double v) { return Fixed(v, 1); }

// extra: further attributes; title: a tooltip (escaped).
std::string Rect(double x, double y, double w, double h, std::string_view fill,
                 std::string_view extra = "", std::string_view title = "") {
  std::string rect = "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(w) +
                     "\" height=\"" + Num(h) + "\" fill=\"" + std::string(fill) + "\"" +
                     std::string(extra);
  if (title.empty()) return rect + "/>";
  return rect + "><title>" + HtmlEscape(title) + "</title></rect>";
}

std::string Text(double x, double y, std::string_view untrusted,
                 std::string_view anchor = "start") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + std::string(anchor) +
         "\">" + HtmlEscape(untrusted) + "</text>";
}

std::string Svg(double width, double height, std::string_view label, const std::string& body) {
  // Inline in HTML5, an svg needs no xmlns (and the file then names no URL at all).
  return "<svg role=\"img\" aria-label=\"" + HtmlEscape(label) + "\" width=\"" + Num(width) +
         "\" height=\"" + Num(height) + "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
         "\">" + body + "</svg>\n";
}

}  // namespace

std::string BarChart(const std::vector<Bar>& bars, double max_value) {
  constexpr double kLabel = 160, kBar = 420, kRow = 24;
  double max = max_value;
  for (const Bar& b : bars) max = std::max(max, b.value);
  std::string body;
  double y = 0;
  for (const Bar& b : bars) {
    const double w = max > 0 ? kBar * b.value / max : 0;
    body += Text(kLabel - 8, y + 16, b.label.size() > 24 ? b.label.substr(0, 24) : b.label, "end");
    body += Rect(kLabel, y + 4, std::max(w, 1.0), kRow - 8, "#3b6ea8");
    body += Text(kLabel + std::max(w, 1.0) + 6, y + 16, b.caption);
    y += kRow;
  }
  return Svg(kLabel + kBar + 90, std::max(y, kRow), "bar chart", body);
}

std::string Heatmap(const std::array<std::array<int64_t, 24>, 7>& counts) {
  constexpr double kLeft = 40, kTop = 18, kCell = 22;
  int64_t max = 0;
  for (const auto& day : counts) max = std::max(max, *std::max_element(day.begin(), day.end()));
  std::string body;
  for (int h = 0; h < 24; h += 3)
    body += Text(kLeft + h * kCell + kCell / 2, 12, std::to_string(h), "middle");
  for (int d = 0; d < 7; ++d) {
    body += Text(kLeft - 6, kTop + d * kCell + 15, WeekdayName(d), "end");
    for (int h = 0; h < 24; ++h) {
      const int64_t n = counts[static_cast<size_t>(d)][static_cast<size_t>(h)];
      // Opacity from 0.06 (empty) to 1 (busiest hour), so empty cells still show the grid.
      const double opacity =
          max > 0 ? 0.06 + 0.94 * static_cast<double>(n) / static_cast<double>(max) : 0.06;
      body +=
          Rect(kLeft + h * kCell, kTop + d * kCell, kCell - 2, kCell - 2, "#3b6ea8",
               " fill-opacity=\"" + Fixed(opacity, 2) + "\"",
               std::string(WeekdayName(d)) + " " + std::to_string(h) + ":00: " + std::to_string(n));
    }
  }
  return Svg(kLeft + 24 * kCell + 8, kTop + 7 * kCell + 4, "hour of week heatmap", body);
}

std::string SentimentArea(const std::vector<DaySentiment>& days) {
  constexpr double kLeft = 40, kWidth = 640, kHeight = 200, kTop = 10;
  int64_t max = 0;
  for (const DaySentiment& d : days) {
    max = std::max(max, d.mix.negative + d.mix.neutral + d.mix.positive);
  }
  const size_t n = days.size();
  auto x = [&](size_t i) {
    return kLeft +
           (n > 1 ? kWidth * static_cast<double>(i) / static_cast<double>(n - 1) : kWidth / 2);
  };
  auto y = [&](int64_t v) {
    return kTop + kHeight -
           (max > 0 ? kHeight * static_cast<double>(v) / static_cast<double>(max) : 0);
  };
  // Band k spans from the sum of the bands below it to that sum plus its own count.
  auto band = [&](auto lower, auto upper, const char* color) {
    std::string d = "M";
    for (size_t i = 0; i < n; ++i) d += " " + Num(x(i)) + "," + Num(y(upper(days[i].mix)));
    for (size_t i = n; i-- > 0;) d += " L" + Num(x(i)) + "," + Num(y(lower(days[i].mix)));
    return "<path d=\"" + d + " Z\" fill=\"" + color + "\" fill-opacity=\"0.85\"/>";
  };
  std::string body = Rect(kLeft, kTop, kWidth, kHeight, "#f7f9fb");
  if (n > 0) {
    auto zero = [](const SentimentMix&) { return int64_t{0}; };
    auto neg = [](const SentimentMix& m) { return m.negative; };
    auto neu = [](const SentimentMix& m) { return m.negative + m.neutral; };
    auto pos = [](const SentimentMix& m) { return m.negative + m.neutral + m.positive; };
    body += band(zero, neg, kNegative) + band(neg, neu, kNeutral) + band(neu, pos, kPositive);
    body += Text(kLeft, kTop + kHeight + 16, days.front().date);
    body += Text(kLeft + kWidth, kTop + kHeight + 16, days.back().date, "end");
  }
  body += Text(kLeft - 6, kTop + 10, std::to_string(max), "end");
  body += Text(kLeft - 6, kTop + kHeight, "0", "end");
  return Svg(kLeft + kWidth + 10, kTop + kHeight + 24, "sentiment trend", body);
}

}  // namespace heed::report::internal
