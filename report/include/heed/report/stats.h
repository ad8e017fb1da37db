// The arithmetic of reports, kept apart so it can be checked on known data.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "heed/core/clock.h"

namespace heed::report {

// Nearest-rank percentile (p in 1..100): the smallest value v such that at least p% of the
// values are <= v, i.e. the value of rank ceil(p/100 * n) in ascending order. Always one of the
// values (never interpolated). nullopt for no values. Reorders values.
std::optional<Millis> Percentile(std::vector<Millis>& values, int p);

// 100 * part / whole; 0 when whole is 0.
double Percent(int64_t part, int64_t whole);

}  // namespace heed::report
