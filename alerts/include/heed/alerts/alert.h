// Alert: one deadline event about one mention ("warning at 80% of the first-reply budget",
// "breached", "escalated"), the unit every channel sends. Digest: the daily summary of what was
// held during quiet hours and how many alerts of each stage there were.
//
// Text fields that come from a platform (author, excerpt, url, platform) are untrusted: every
// formatter here strips control characters, escape sequences and bidi overrides and bounds their
// length, so channels never pass raw post text to a terminal, a mail header or a chat message.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "heed/alerts/time_zone.h"
#include "heed/core/clock.h"
#include "heed/core/status.h"

namespace heed::alerts {

inline constexpr std::string_view kStageBreached = "breached";
inline constexpr std::string_view kStageEscalated = "escalated";
inline constexpr std::string_view kTargetFirstReply = "first_reply";
inline constexpr std::string_view kTargetResolution = "resolution";

struct Alert {
  int64_t mention_id = 0;  // > 0
  std::string platform;    // "mastodon"
  std::string author;      // handle, with or without a leading '@'
  std::string excerpt;     // the post text (untrusted; shortened by the formatters)
  std::string url;         // the post on its platform; may be empty
  std::string stage;       // "warning_N" (N in 1..99), "breached" or "escalated"
  std::string target;      // "first_reply" or "resolution"
  TimePoint due_at;
  TimePoint fired_at;
  bool urgent = false;  // the scorer flagged the post urgent (refund, legal, safety...)
  std::string rule;     // the deadline rule that applied, e.g. "negative: first reply in 1h"
};

// OK when stage is "warning_N" (1 <= N <= 99, no leading zero), "breached" or "escalated".
Status ValidateStage(std::string_view stage);

// OK when the stage and target are valid and mention_id > 0; kInvalidArgument naming the field.
Status ValidateAlert(const Alert& alert);

struct Digest {
  TimePoint generated_at;
  std::string local_date;                   // "2026-11-24" in the dispatcher's zone
  std::vector<Alert> held;                  // alerts held back by quiet hours, oldest first
  std::map<std::string, int> stage_counts;  // every alert accepted since the last digest
};

// Title and body of a message, plain UTF-8 text (body lines separated by '\n').
struct AlertText {
  std::string title;
  std::string body;
};

// "heed: BREACHED first reply for mastodon post #42 by @x (due 14:05, 35m ago)".
// Times are shown in zone; "ago"/"in" is relative to fired_at.
AlertText FormatAlert(const Alert& alert, const TimeZone& zone);

// "heed digest 2026-11-24: 3 held alerts (breached 1, warning_80 2)" and one line per alert.
AlertText FormatDigest(const Digest& digest, const TimeZone& zone);

// One line of untrusted text, safe for a terminal, a mail header or a chat message: invalid
// UTF-8 replaced, controls/escapes/bidi removed, runs of whitespace collapsed to one space, cut
// to at most max_chars code points (with "…" when cut).
std::string SafeLine(std::string_view untrusted, size_t max_chars);

// "BREACHED", "ESCALATED", "WARNING 80%".
std::string StageLabel(std::string_view stage);

// "first reply", "resolution".
std::string TargetLabel(std::string_view target);

// "@handle" (one '@', sanitised), or "an unknown author" when empty.
std::string AuthorLabel(std::string_view author);

}  // namespace heed::alerts
