// libFuzzer target: iCalendar holiday files (ical.h), which operators download from third
// parties. Output contract: dates within the asked years, sorted and unique.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "heed/responder/ical.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr int kFirstYear = 2025;
  constexpr int kLastYear = 2031;
  auto dates =
      heed::responder::ParseICalHolidays(heed::fuzz::AsText(data, size), kFirstYear, kLastYear);
  if (!dates.ok()) {
    HEED_FUZZ_CHECK(!dates.status().message().empty());
    return 0;
  }
  for (size_t i = 0; i < dates->size(); ++i) {
    const auto& date = (*dates)[i];
    HEED_FUZZ_CHECK(date.ok());
    HEED_FUZZ_CHECK(static_cast<int>(date.year()) >= kFirstYear &&
                    static_cast<int>(date.year()) <= kLastYear);
    if (i > 0) HEED_FUZZ_CHECK((*dates)[i - 1] < date);
  }
  return 0;
}
