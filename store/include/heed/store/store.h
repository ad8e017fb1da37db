// heed's embedded store: one SQLite database file (WAL mode) holding mentions, their scores,
// deadlines, status history, replies, notes and connector checkpoints.
//
// Invariants, enforced by the database itself (triggers), not only by this class:
//  - a mention is unique per (platform, remote_id): inserting it again is a no-op that returns
//    the existing id;
//  - mentions, notes and status events are append-only: DELETE and UPDATE are refused;
//  - replies are append-only: DELETE is refused, and so is UPDATE of their content (mention,
//    text, operator, created_at); only the delivery columns (state, remote_id, url, sent_at,
//    error) may change, so the outbox can record what the platform answered.
// A refused statement surfaces as kFailedPrecondition whose message names the table and rule.
//
// Thread safety: a Store is one SQLite connection; confine it to one thread. Several processes
// may open the same file (WAL, busy timeout).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

struct sqlite3;

namespace heed::store {
namespace internal {
class StatementCache;
}

// The schema version this build creates and understands.
inline constexpr int kSchemaVersion = 3;

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
  std::optional<TimePoint> due_at;  // nullopt: no reply needed
  TimePoint computed_at;
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
};

// Everything known about one mention, for `heed show`.
struct MentionDetail {
  InboxItem item;
  std::vector<StatusEvent> history;      // oldest first
  std::vector<ReplyRecord> replies;      // oldest first
  std::vector<NoteRecord> notes;         // oldest first
  std::vector<MentionVersion> versions;  // oldest (the first fetch) first
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
  bool include_resolved = false;     // by default resolved items are left out
  std::optional<ItemStatus> status;  // only items in this status (resolved included if asked)
  std::string platform;              // e.g. "mastodon"
  std::string label;                 // the latest score's label: "negative", ...
  std::string language;              // the mention's language, e.g. "it"
  std::optional<TimePoint> overdue_at;  // only open items whose deadline is before this time
  size_t limit = 0;                  // 0: no limit
};

class Store {
 public:
  enum class OpenMode {
    kCreate,     // create the file (and parent dirs are the caller's job) and migrate
    kMustExist,  // fail with kNotFound if the file does not exist
  };

  // Opens (and migrates to kSchemaVersion) the database at path; ":memory:" for tests.
  // Errors: kNotFound (kMustExist, no file), kDataLoss (not a database, or corrupt),
  // kFailedPrecondition (schema newer than this build), kUnavailable (locked/IO).
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             OpenMode mode = OpenMode::kCreate);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int SchemaVersion() const;

  // Runs body inside BEGIN IMMEDIATE ... COMMIT; rolls back when body returns non-OK (and
  // returns that status). Not reentrant.
  Status InTransaction(const std::function<Status()>& body);

  // Mentions. Inserting an already stored (platform, remote_id) never touches the stored row:
  // when text, rating, owner_reply or removed_at_source differ from the current version, a new
  // version is appended. A removal keeps the last text heed saw (the source's "[deleted]" is
  // not a text worth keeping).
  Result<InsertOutcome> InsertMention(const Mention& m, std::string_view connector,
                                      TimePoint fetched_at);
  // kNotFound when no such id.
  Result<StoredMention> GetMention(int64_t id);
  Result<int64_t> CountMentions();

  // Scores and deadlines: the latest row per mention is the current one.
  Status InsertScore(int64_t mention_id, const ScoreRecord& score);
  Status InsertDeadline(int64_t mention_id, const DeadlineRecord& deadline);

  // Status history (append-only). The current status is the latest event; a mention with no
  // event is new.
  Status AppendStatus(const StatusEvent& event);

  // Replies: Insert records a pending reply before it is sent; MarkReplySent / MarkReplyFailed
  // record the platform's answer. kNotFound for unknown ids.
  Result<int64_t> InsertReply(const ReplyRecord& reply);
  Status MarkReplySent(int64_t reply_id, std::string_view remote_id, std::string_view url,
                       TimePoint sent_at);
  Status MarkReplyFailed(int64_t reply_id, std::string_view error);

  // Notes: kInvalidArgument when operator_name or text is empty.
  Result<int64_t> InsertNote(const NoteRecord& note);

  // Connector checkpoints: opaque strings owned by each connector. nullopt when never set.
  Result<std::optional<std::string>> GetCheckpoint(std::string_view connector);
  Status SetCheckpoint(std::string_view connector, std::string_view value, TimePoint at);

  // Open (or all) items, most urgent first: items with a deadline by due time ascending, then
  // items without one by created_at descending.
  Result<std::vector<InboxItem>> ListInbox(const InboxQuery& query);
  Result<MentionDetail> GetDetail(int64_t mention_id);

  // Runs raw SQL. Exists so tests can prove the triggers refuse tampering; not for app code.
  Status ExecForTest(std::string_view sql);

 private:
  explicit Store(sqlite3* db);
  Result<InsertOutcome> AppendVersionIfChanged(const Mention& m, TimePoint fetched_at);
  sqlite3* db_;
  std::unique_ptr<internal::StatementCache> statements_;  // compiled once per connection
};

}  // namespace heed::store
