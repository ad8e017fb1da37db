// Holidays from an iCalendar file (RFC 5545), the format public-holiday calendars are published
// in. Only what holiday calendars use is supported:
//   - line unfolding (a line starting with a space or tab continues the previous one), CRLF or LF;
//   - VEVENT components; every other component (VTIMEZONE, VTODO, VALARM...) is skipped;
//   - DTSTART;VALUE=DATE:YYYYMMDD, or DTSTART:YYYYMMDDTHHMMSS[Z] (the date part is taken);
//   - DTEND (exclusive for dates; a date-time end includes its day unless it is midnight) or
//     DURATION:PnD / PnW, so an event may cover several days; one day when neither is given;
//   - RRULE:FREQ=YEARLY with optional INTERVAL, COUNT, UNTIL (and BYMONTH / BYMONTHDAY equal to
//     DTSTART's), EXDATE dates, and STATUS:CANCELLED events (skipped).
// Pure function; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "heed/core/result.h"
#include "heed/responder/business_calendar.h"

namespace heed::responder {

// Every holiday date in the years [first_year, last_year], recurring events expanded, sorted
// and unique. kInvalidArgument naming the line number ("line 12: ...") for malformed input or an
// unsupported recurrence.
Result<std::vector<LocalDate>> ParseICalHolidays(std::string_view ics, int first_year,
                                                 int last_year);

}  // namespace heed::responder
