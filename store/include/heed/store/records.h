// The values the store reads and writes. Plain structs, no behaviour beyond names of enums.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::store {

enum class ItemStatus { kNew, kInProgress, kWaiting, kResolved };
std::string_view ItemStatusName(ItemStatus s);  // "new", "in_progress", "waiting", "resolved"
Result<ItemStatus> ParseItemStatus(std::string_view name);

struct ScoreRecord {
  double compound = 0;          // [-1, 1]
  std::string label;            // "negative" | "neutral" | "positive"
  std::string language;         // language the scorer used
  std::string lexicon_version;  // e.g. "heed-lex-0.1"
  std::string explanation;      // human-readable, one contribution per line
  std::string urgency;          // comma-separated flags ("question,refund"), may be empty
  TimePoint scored_at;
};

struct DeadlineRecord {
  std::string policy;               // policy name and version, e.g. "default@1"
  std::string rule;                 // which rule applied, e.g. "negative: first reply within 1h"
  TimePoint starts_at;              // the post's platform timestamp
  std::optional<TimePoint> due_at;  // nullopt: no reply needed, or the clock is paused
  TimePoint computed_at;
  std::string target = "first_reply";  // "first_reply" or "resolution"
  std::optional<Millis> budget;        // business time allowed; nullopt: no reply needed
  Millis paused{0};                    // paused time accounted for when computed
  bool paused_now = false;             // the clock was stopped (waiting on the customer)
  std::string calendar;                // business-hours calendar; empty: always open
  std::string explanation;             // lines for `heed show`, empty for old rows
};

// An SLA stage an item reached ("warning_50", "warning_80", "breached", "escalated"), recorded
// once per (item, target, stage).
struct SlaEvent {
  int64_t id = 0;
  int64_t mention_id = 0;
  std::string target;  // "first_reply" | "resolution"
  std::string stage;
  std::optional<int64_t> deadline_id;
  std::optional<TimePoint> due_at;
  TimePoint at;           // when the stage was reached
  TimePoint recorded_at;  // when heed recorded it
};

struct Assignment {
  int64_t mention_id = 0;
  std::string assignee;  // operator initials; empty: unassigned
  std::string by;
  TimePoint at;
};

enum class ReplyState { kPending, kSent, kFailed };
std::string_view ReplyStateName(ReplyState s);  // "pending", "sent", "failed"

struct ReplyRecord {
  int64_t id = 0;  // assigned by the store
  int64_t mention_id = 0;
  std::string text;
  std::string operator_name;  // who wrote it (initials)
  TimePoint created_at;
  ReplyState state = ReplyState::kPending;
  std::string remote_id;  // platform id of the posted reply, once sent
  std::string url;        // permalink of the posted reply, once sent
  std::optional<TimePoint> sent_at;
  std::string error;    // last send error, when failed
  bool manual = false;  // posted by hand on the platform (read-only sources), confirmed here
  bool requires_approval = false;  // not sent before a second operator approves it
  bool auto_ack = false;           // heed's automatic acknowledgement (at most one per item)
  std::string approved_by;         // filled by reads; empty: not approved
};

// One step in a reply's delivery log (append-only). "started" is committed before the platform
// is called; the outcome follows. See ReplyDelivery for how the log is read.
struct ReplyAttempt {
  int64_t id = 0;
  int64_t reply_id = 0;
  std::string outcome;  // started|sent|failed|found|not_found|unverifiable|confirmed_sent|
                        // confirmed_not_sent
  std::string detail;   // error text, or the remote id / URL found
  std::string by;       // "heed" or the operator who confirmed
  TimePoint at;
};

// A reply that is not (known to be) on the platform yet, with its delivery log.
struct OutboxEntry {
  ReplyRecord reply;
  std::vector<ReplyAttempt> attempts;  // oldest first
};

struct NoteRecord {
  int64_t id = 0;
  int64_t mention_id = 0;
  std::string operator_name;  // initials; required, notes are always signed
  std::string text;
  TimePoint created_at;
};

struct StatusEvent {
  int64_t mention_id = 0;
  ItemStatus status = ItemStatus::kNew;
  std::string by;  // operator initials or "heed"
  TimePoint at;
};

// What the source showed at one fetch: the first fetch, then every fetch that differed.
struct MentionVersion {
  std::string text;
  std::optional<int> rating;
  std::string owner_reply;
  bool removed_at_source = false;
  TimePoint fetched_at;
};

struct StoredMention {
  int64_t id = 0;
  std::string connector;  // the configured connector that fetched it
  // The current version: text, rating, owner_reply, removed_at_source and raw_json are the
  // latest the source showed; everything else is as first fetched.
  Mention mention;
  TimePoint fetched_at;  // first fetch
  int edits = 0;         // versions after the first (edits, new owner replies, removal)
};

// One row of the inbox: the mention with its latest score, deadline and status.
struct InboxItem {
  StoredMention stored;
  std::optional<ScoreRecord> score;
  std::optional<DeadlineRecord> deadline;
  ItemStatus status = ItemStatus::kNew;
  std::string assignee;  // empty: unassigned
};

// Everything known about one mention, for `heed show`.
struct MentionDetail {
  InboxItem item;
  std::vector<StatusEvent> history;       // oldest first
  std::vector<ReplyRecord> replies;       // oldest first
  std::vector<NoteRecord> notes;          // oldest first
  std::vector<MentionVersion> versions;   // oldest (the first fetch) first
  std::vector<SlaEvent> sla_events;       // oldest first
  std::vector<Assignment> assignments;    // oldest first
  std::vector<DeadlineRecord> deadlines;  // every computation, oldest first
};

struct InsertOutcome {
  int64_t id = 0;
  bool inserted = false;      // false when (platform, remote_id) was already stored
  bool changed = false;       // already stored, and the source now shows something new: a version
                              // was appended (an edit, a new owner reply, a removal at the source)
  bool text_changed = false;  // ...and the text itself changed (worth re-scoring)
};

// Which items ListInbox returns. Filters combine with AND; empty strings mean "any".
struct InboxQuery {
  bool include_resolved = false;        // by default resolved items are left out
  std::optional<ItemStatus> status;     // only items in this status (resolved included if asked)
  std::string platform;                 // e.g. "mastodon"
  std::string label;                    // the latest score's label: "negative", ...
  std::string language;                 // the mention's language, e.g. "it"
  std::optional<TimePoint> overdue_at;  // only open items whose deadline is before this time
  std::optional<std::string> assignee;  // only items assigned to this operator ("" unassigned)
  std::vector<int64_t> ids;             // only these items (bulk operations by id)
  size_t limit = 0;                     // 0: no limit
};

// Customer cards: one person across platforms.
struct Identity {
  std::string platform;
  std::string handle;
};

struct CustomerCard {
  int64_t id = 0;
  std::string name;
  std::vector<Identity> identities;  // the handles whose latest link points at this card
  std::vector<int64_t> merged_from;  // cards merged into this one
  TimePoint created_at;
  std::string created_by;
};

// One line of a customer's history across platforms.
struct TimelineEntry {
  TimePoint at;
  std::string kind;  // "mention", "reply", "note", "status"
  int64_t mention_id = 0;
  std::string platform;
  std::string who;   // author handle or operator
  std::string text;  // post/reply/note text, or the new status
};

}  // namespace heed::store
