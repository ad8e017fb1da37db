// Why a breach happened: the reasons a report attaches to each 'breached' stage.
#pragma once

#include "heed/report/local_time.h"
#include "heed/report/report.h"
#include "heed/store/report_rows.h"

namespace heed::report::internal {

// Reasons (several may hold at once):
//  - lagged: the post reached heed late, fetched_at - created_at > 50% of the deadline's budget;
//  - unassigned: the latest assignment at or before the breach is none or an unassignment;
//  - off_hours: the deadline runs on a business calendar and the breach fell outside
//    Monday-Friday [open_hour, close_hour) in the report's time zone (an approximation of the
//    calendar, which the report does not load: holidays and other hours are not known here);
//  - awaiting_approval: a reply needing a second operator existed, unapproved, at breach time.
Breach ClassifyBreach(const store::ReportBreachRow& row, const LocalTimeZone& zone,
                      const ReportOptions& options);

// Adds the breach's reasons to the tally (unexplained when it has none).
void CountReasons(const Breach& breach, BreachReasons& reasons);

}  // namespace heed::report::internal
