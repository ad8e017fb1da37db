#include "heed/responder/ical.h"

#include <gtest/gtest.h>

namespace heed::responder {
namespace {

using std::chrono::year;

LocalDate D(int y, unsigned m, unsigned d) { return year(y) / m / d; }

// Italian national holidays with fixed dates, as a calendar app exports them: CRLF line ends,
// folded lines, a VTIMEZONE and a VALARM that must be skipped.
constexpr const char* kItalianHolidays =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//heed tests//holidays-it//IT\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Rome\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Capodanno\r\nDTSTART;VALUE=DATE:20200101\r\n"
    "DTEND;VALUE=DATE:20200102\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Epifania\r\nDTSTART;VALUE=DATE:20200106\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=6\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Festa della Liberazione\r\nDTSTART;VALUE=DATE:20200425\r\n"
    "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Festa del lavoro\r\nDTSTART;VALUE=DATE:20200501\r\n"
    "RRULE:FREQ=YEARLY\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDTSTART:20200430T090000Z\r\nEND:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Festa della Repubblica\r\nDTSTART;VALUE=DATE:20200602\r\n"
    "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Ferragosto\r\nDTSTART;VALUE=DATE:20200815\r\n"
    "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Ognissanti\r\nDTSTART;VALUE=DATE:20201101\r\n"
    "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Immacolata Concezione\r\nDTSTART;VALUE=DATE:20201208\r\n"
    "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    // Natale and Santo Stefano as one two-day event, its RRULE folded over two lines.
    "BEGIN:VEVENT\r\nSUMMARY:Natale e Santo Stefano\r\nDTSTART;VALUE=DATE:20201225\r\n"
    "DTEND;VALUE=DATE:20201227\r\nRRULE:FREQ=YEA\r\n RLY\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(ICal, ExpandsYearlyHolidaysIntoTheRange) {
  auto dates = ParseICalHolidays(kItalianHolidays, 2026, 2027);
  ASSERT_TRUE(dates.ok()) << dates.status().ToString();
  ASSERT_EQ(dates->size(), 20u);  // ten days a year
  EXPECT_EQ(dates->front(), D(2026, 1, 1));
  EXPECT_EQ((*dates)[1], D(2026, 1, 6));
  EXPECT_EQ((*dates)[8], D(2026, 12, 25));
  EXPECT_EQ((*dates)[9], D(2026, 12, 26));  // the second day of the two-day event
  EXPECT_EQ(dates->back(), D(2027, 12, 26));
  // The VALARM's DTSTART (30 April) is not a holiday.
  EXPECT_FALSE(std::binary_search(dates->begin(), dates->end(), D(2026, 4, 30)));
}

TEST(ICal, LfLineEndsTabFoldingAndDateTimes) {
  auto dates = ParseICalHolidays(
      "BEGIN:VCALENDAR\n"
      "BEGIN:VEVENT\nSUMMARY:Chiusura\n\t estiva\nDTSTART:20260810T090000Z\n"
      "DTEND:20260812T170000Z\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;TZID=Europe/Rome:20260601T000000\nDTEND;TZID=Europe/Rome:"
      "20260602T000000\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nDURATION:P1W\nEND:VEVENT\n"
      "END:VCALENDAR\n",
      2026, 2026);
  ASSERT_TRUE(dates.ok()) << dates.status().ToString();
  std::vector<LocalDate> expected;
  for (unsigned d = 1; d <= 7; ++d) expected.push_back(D(2026, 1, d));
  expected.push_back(D(2026, 6, 1));  // a midnight end does not include its day
  for (unsigned d = 10; d <= 12; ++d) expected.push_back(D(2026, 8, d));  // 17:00 end does
  EXPECT_EQ(*dates, expected);
}

TEST(ICal, CountUntilIntervalExdateAndCancelled) {
  auto dates = ParseICalHolidays(
      "BEGIN:VCALENDAR\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20240315\nRRULE:FREQ=YEARLY;COUNT=3\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20240704\nRRULE:FREQ=YEARLY;UNTIL=20251231T000000Z\n"
      "END:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20240901\nRRULE:FREQ=YEARLY;INTERVAL=2\n"
      "EXDATE;VALUE=DATE:20280901\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20240229\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20241010\nSTATUS:CANCELLED\nEND:VEVENT\n"
      "END:VCALENDAR\n",
      2025, 2030);
  ASSERT_TRUE(dates.ok()) << dates.status().ToString();
  std::vector<LocalDate> expected = {
      D(2025, 3, 15), D(2025, 7, 4),  D(2026, 3, 15),
      D(2026, 9, 1),  D(2028, 2, 29),  // only leap years have 29 February
      D(2030, 9, 1),
  };
  EXPECT_EQ(*dates, expected);
}

void ExpectError(std::string_view ics, const std::string& needle) {
  auto dates = ParseICalHolidays(ics, 2026, 2026);
  ASSERT_FALSE(dates.ok()) << ics;
  EXPECT_EQ(dates.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(dates.status().message().find(needle), std::string::npos) << dates.status().message();
}

TEST(ICal, BadInputNamesTheLine) {
  ExpectError("", "not an iCalendar file");
  ExpectError("hello world\n", "line 1: expected NAME:VALUE");
  ExpectError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026013\nEND:VEVENT\n",
              "line 3: \"2026013\" is not a date");
  ExpectError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260231\nEND:VEVENT\n", "line 3");
  ExpectError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
              "line 2: VEVENT without DTSTART");
  ExpectError(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=MONTHLY\n"
      "END:VEVENT\nEND:VCALENDAR\n",
      "line 4: only FREQ=YEARLY");
  ExpectError(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\n"
      "RRULE:FREQ=YEARLY;BYDAY=1MO\nEND:VEVENT\nEND:VCALENDAR\n",
      "line 4: RRULE part BYDAY");
  ExpectError(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260105\n"
      "DTEND;VALUE=DATE:20260101\nEND:VEVENT\nEND:VCALENDAR\n",
      "line 2: VEVENT ends before it starts");
  ExpectError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n",
              "line 3: END:VCALENDAR does not close BEGIN:VEVENT");
  ExpectError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260105\nEND:VEVENT\n",
              "BEGIN:VCALENDAR is never closed");
}

}  // namespace
}  // namespace heed::responder
