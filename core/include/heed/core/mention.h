// The normalised mention: one public post, comment or review about the brand, as every connector
// reports it regardless of platform. Values only; no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "heed/core/clock.h"

namespace heed {

struct Author {
  std::string id;            // platform's stable account id
  std::string handle;        // e.g. "giulia@mastodon.social"
  std::string display_name;  // may be empty
  std::string profile_url;   // may be empty
  // Followers when the platform reports them with the post; SLA rules may match on it.
  std::optional<int64_t> reach;
};

struct Mention {
  std::string platform;   // "mastodon", "bluesky", ...
  std::string remote_id;  // unique per platform; (platform, remote_id) identifies a mention
  std::string thread_id;  // root of the conversation, empty when the post is a root
  std::string parent_id;  // the post this one answers, empty when none
  Author author;
  std::string text;           // plain text (HTML already stripped), valid UTF-8
  std::string language;       // ISO-639-1 ("en", "it") or empty when unknown
  std::string url;            // public permalink
  TimePoint created_at;       // when the platform says it was posted: the SLA clock starts here
  std::optional<int> rating;  // 1..5 for reviews
  // Review sites keep one public answer per review: the brand's answer as the platform shows it
  // now (whoever wrote it), empty when none. heed never overwrites it without confirmation.
  std::string owner_reply;
  // The platform reports the item deleted or removed at the source ("[deleted]", a tombstone).
  // heed keeps what it stored and marks it; it never deletes anything itself.
  bool removed_at_source = false;
  std::string raw_json;  // the platform's item as received, for audit and re-parsing
};

}  // namespace heed
