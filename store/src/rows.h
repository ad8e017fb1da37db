// Column lists and row readers shared by the store's queries. Each kXColumns constant and its
// ReadX function must list the same columns in the same order; queries splice the constant in
// and pass the index of its first column.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "heed/core/result.h"
#include "heed/store/store.h"
#include "statement.h"

namespace heed::store::internal {

// Alias m = mentions, v = its latest version (kCurrentVersionJoin, possibly none).
inline constexpr std::string_view kMentionColumns =
    "m.id, m.platform, m.remote_id, m.connector, m.thread_id, m.parent_id, m.author_id, "
    "m.author_handle, m.author_name, m.author_url, coalesce(v.text, m.text), m.language, m.url, "
    "m.created_at, m.fetched_at, CASE WHEN v.id IS NULL THEN m.rating ELSE v.rating END, "
    "coalesce(v.raw_json, m.raw_json), coalesce(v.owner_reply, m.owner_reply), "
    "coalesce(v.removed_at_source, m.removed_at_source), "
    "(SELECT count(*) FROM mention_versions WHERE mention_id = m.id), m.author_reach";
inline constexpr int kMentionColumnCount = 21;
// Joined after "mentions m" wherever kMentionColumns is selected.
inline constexpr std::string_view kCurrentVersionJoin =
    " LEFT JOIN mention_versions v"
    "  ON v.id = (SELECT max(id) FROM mention_versions WHERE mention_id = m.id)";

// Alias s = sentiment_scores, possibly from a LEFT JOIN (s.id NULL: no score).
inline constexpr std::string_view kScoreColumns =
    "s.id, s.compound, s.label, s.language, s.lexicon_version, s.explanation, s.urgency, "
    "s.scored_at";
inline constexpr int kScoreColumnCount = 8;

// Alias d = deadlines, possibly from a LEFT JOIN (d.id NULL: no deadline).
inline constexpr std::string_view kDeadlineColumns =
    "d.id, d.policy, d.rule, d.starts_at, d.due_at, d.computed_at, d.target, d.budget_ms, "
    "d.paused_ms, d.paused_now, d.calendar, d.explanation";
inline constexpr int kDeadlineColumnCount = 12;

inline constexpr std::string_view kReplyColumns =
    "id, mention_id, text, operator, created_at, state, remote_id, url, sent_at, error, manual, "
    "requires_approval, auto_ack, "
    "coalesce((SELECT approver FROM reply_approvals WHERE reply_id = replies.id), '')";
inline constexpr std::string_view kNoteColumns = "id, mention_id, operator, text, created_at";
inline constexpr std::string_view kStatusEventColumns = "mention_id, status, by, at";
inline constexpr std::string_view kSlaEventColumns =
    "id, mention_id, target, stage, deadline_id, due_at, at, recorded_at";
inline constexpr std::string_view kAttemptColumns = "id, reply_id, outcome, detail, by, at";

StoredMention ReadMention(const Statement& row, int first);
std::optional<ScoreRecord> ReadScore(const Statement& row, int first);
std::optional<DeadlineRecord> ReadDeadline(const Statement& row, int first);
// Enum columns are CHECK-constrained, so an unknown value means the file was tampered with or
// written by a newer heed: kDataLoss.
Result<ItemStatus> ReadItemStatus(const Statement& row, int col);
Result<ReplyRecord> ReadReply(const Statement& row, int first);
NoteRecord ReadNote(const Statement& row, int first);
Result<StatusEvent> ReadStatusEvent(const Statement& row, int first);
SlaEvent ReadSlaEvent(const Statement& row, int first);
ReplyAttempt ReadAttempt(const Statement& row, int first);

template <typename T>
struct RowValue {
  using type = T;
};
template <typename T>
struct RowValue<Result<T>> {
  using type = T;
};

// Collects every row of a prepared statement through read(row), which returns T or Result<T>.
template <typename Read>
auto ReadAll(Statement& stmt, Read read)
    -> Result<std::vector<typename RowValue<decltype(read(stmt))>::type>> {
  std::vector<typename RowValue<decltype(read(stmt))>::type> rows;
  while (true) {
    HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return rows;
    auto value = read(stmt);
    if constexpr (requires { value.status(); }) {
      if (!value.ok()) return value.status();
      rows.push_back(std::move(*value));
    } else {
      rows.push_back(std::move(value));
    }
  }
}

}  // namespace heed::store::internal
