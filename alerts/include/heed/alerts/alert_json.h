// The JSON documents heed hands to programs (the exec hook's stdin), documented in
// docs/ALERTS.md. Untrusted text fields are sanitised (SafeLine) before they are written.
#pragma once

#include <string>

#include "heed/alerts/alert.h"
#include "heed/alerts/time_zone.h"

namespace heed::alerts {

// {"kind":"alert","mention_id":42,"platform":"mastodon","author":"@x","excerpt":"...",
//  "url":"...","stage":"breached","target":"first_reply","due_at":"...Z","fired_at":"...Z",
//  "urgent":true,"rule":"...","title":"...","text":"..."}
std::string AlertToJson(const Alert& alert, const TimeZone& zone);

// {"kind":"digest","date":"2026-11-24","generated_at":"...Z","stage_counts":{"breached":1},
//  "held":[<alert objects>],"title":"...","text":"..."}
std::string DigestToJson(const Digest& digest, const TimeZone& zone);

}  // namespace heed::alerts
