// Plain rows the store hands to heed::report. Each is read from the append-only history tables
// (never from inbox_state), so every figure of a report can be recomputed from the event log.
// The store does the joins; the arithmetic (medians, percentiles, bucketing) is the report's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "heed/core/clock.h"

namespace heed::store {

// Which mentions a report covers: posted (platform timestamp) in [from, to), on one platform
// or (empty) on every platform.
struct ReportPeriod {
  TimePoint from;
  TimePoint to;
  std::string platform;
};

// One mention of the period with what its history says.
struct ReportItemRow {
  int64_t mention_id = 0;
  std::string platform;
  TimePoint created_at;                  // the platform's timestamp
  TimePoint fetched_at;                  // first fetch
  std::optional<int> rating;             // the current version's rating (reviews)
  std::string label;                     // latest score's label; empty: never scored
  std::optional<TimePoint> replied_at;   // first sent reply that is not the automatic ack
  std::string reply_operator;            // who wrote that reply
  std::optional<TimePoint> resolved_at;  // first 'resolved' status event
  // due_at of the latest first_reply deadline row that had one (rows appended once the
  // target is met carry none); nullopt: no first reply was ever due.
  std::optional<TimePoint> first_reply_due;
};

// A 'breached' SLA stage reached in the period, with the facts that explain it.
struct ReportBreachRow {
  int64_t mention_id = 0;
  std::string platform;
  std::string target;  // "first_reply" | "resolution"
  TimePoint at;        // when the stage was reached
  std::optional<TimePoint> due_at;
  TimePoint created_at;
  TimePoint fetched_at;
  std::string label;  // latest score's label
  // From the stage's deadline row, else the latest row of that target.
  std::optional<Millis> budget;
  std::string calendar;            // empty: always open
  std::string assignee_at_breach;  // latest assignment at or before `at`; empty: unassigned
  bool awaiting_approval = false;  // a reply needing approval existed, unapproved, at `at`
};

// The text of a mention, for lists such as unanswered negatives (untrusted: escape it).
struct ReportMentionText {
  int64_t mention_id = 0;
  std::string platform;
  std::string author_handle;
  std::string text;  // current version
  std::string url;
  TimePoint created_at;
};

}  // namespace heed::store
