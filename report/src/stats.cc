#include "heed/report/stats.h"

#include <algorithm>

namespace heed::report {

std::optional<Millis> Percentile(std::vector<Millis>& values, int p) {
  if (values.empty() || p < 1 || p > 100) return std::nullopt;
  const size_t n = values.size();
  // rank = ceil(p * n / 100), 1-based; integer arithmetic keeps it exact.
  const size_t rank = (static_cast<size_t>(p) * n + 99) / 100;
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

double Percent(int64_t part, int64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace heed::report
