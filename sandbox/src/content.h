// The sandbox's deterministic world: accounts, the statuses of the mentions feed and of the
// #brand tag timeline, and the mention notifications. Generated once at start from the seed and
// the clock; the same (seed, post_count, brand, base_url, now) always yields the same corpus.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "heed/core/clock.h"

namespace heed::sandbox {

struct Account {
  std::string id;
  std::string username;
  std::string acct;  // "username" when local, "username@domain" when remote
  std::string display_name;
  std::string note;  // HTML
  std::string url;
  std::string uri;
  std::string avatar;
  std::string header;
  TimePoint created_at;  // midnight UTC, as Mastodon reports it
  int followers_count = 0;
  int following_count = 0;
  int statuses_count = 0;
  bool local = true;
};

struct Post {
  uint64_t id = 0;
  TimePoint created_at;
  size_t account = 0;  // index into Corpus::accounts
  std::optional<uint64_t> in_reply_to_id;
  std::optional<std::string> in_reply_to_account_id;
  std::optional<std::string> language;  // null when the server could not tell
  std::string visibility = "public";
  bool sensitive = false;
  std::string spoiler_text;
  std::string content;            // HTML, as Mastodon renders it
  std::string text;               // the same as plain text (for search)
  std::vector<size_t> mentions;   // indices into Corpus::accounts
  std::vector<std::string> tags;  // lower-case names, without '#'
  int replies_count = 0;
  int reblogs_count = 0;
  int favourites_count = 0;
  std::string uri;
  std::string url;
  std::optional<std::string> application;  // app name shown on the brand's own posts
};

struct Notification {
  uint64_t id = 0;  // small integer, increasing with time
  TimePoint created_at;
  uint64_t status_id = 0;
  size_t account = 0;  // who mentioned the brand
};

struct CorpusOptions {
  uint64_t seed = 1;
  int post_count = 60;  // clamped to [0, kMaxPostCount]
  std::string brand = "acme";
  std::string base_url;  // "http://127.0.0.1:PORT"
  TimePoint now;
  Millis history_span{std::chrono::hours(18)};  // posts fall in (now - history_span, now - 2m]
};

struct Corpus {
  std::vector<Account> accounts;            // [0] is the brand's own account
  std::vector<Post> mention_posts;          // ascending id; each mentions the brand
  std::vector<Post> tag_posts;              // ascending id; each carries #brand
  std::vector<Notification> notifications;  // ascending id, one per mention post
};

inline constexpr size_t kBrandAccount = 0;
inline constexpr int kMaxPostCount = 100000;  // per feed; bounds memory (~1 KB per post)

Corpus GenerateCorpus(const CorpusOptions& options);

// Mastodon-style snowflake: milliseconds since the epoch in the high bits, a sequence below.
inline uint64_t SnowflakeId(TimePoint t, uint64_t seq) {
  return (static_cast<uint64_t>(ToUnixMillis(t)) << 16) | (seq & 0xFFFF);
}

// "Acme" for "acme": the brand's name as people write it.
std::string BrandDisplayName(const std::string& brand);

}  // namespace heed::sandbox
