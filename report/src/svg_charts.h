// Inline SVG charts for the HTML report: plain shapes (rect, path, text), no script, no
// external references. Every label is HTML-escaped here.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "heed/report/report.h"

namespace heed::report::internal {

struct Bar {
  std::string label;  // untrusted
  double value = 0;
  std::string caption;  // shown after the bar, e.g. "83.3%"
};

// Horizontal bars scaled to max_value (0: the largest value).
std::string BarChart(const std::vector<Bar>& bars, double max_value);
// 7 rows (Monday first) x 24 hours; darker is busier.
std::string Heatmap(const std::array<std::array<int64_t, 24>, 7>& counts);
// Negative, neutral and positive counts per day, stacked as areas.
std::string SentimentArea(const std::vector<DaySentiment>& days);

}  // namespace heed::report::internal
