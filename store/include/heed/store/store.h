// heed's embedded store: one SQLite database file (WAL mode) holding mentions, their scores,
// deadlines, status history, replies, notes and connector checkpoints.
//
// Invariants, enforced by the database itself (triggers), not only by this class:
//  - a mention is unique per (platform, remote_id): inserting it again is a no-op that returns
//    the existing id;
//  - mentions, notes, status events, scores, deadlines, SLA events, assignments, customer links,
//    approvals, reply attempts and the alert ledger are append-only: DELETE and UPDATE are
//    refused;
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
#include "heed/store/records.h"
#include "heed/store/report_rows.h"

struct sqlite3;

namespace heed::store {
namespace internal {
class StatementCache;
}

// The schema version this build creates and understands.
inline constexpr int kSchemaVersion = 4;

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
  // Returns the new deadline row's id.
  Result<int64_t> InsertDeadline(int64_t mention_id, const DeadlineRecord& deadline);

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

  // ---- SLA (sla_store.cc) ----
  // The version number of policy `name` with this canonical definition: the existing one, or
  // the next number, recorded now. Never changes a recorded version.
  Result<int> RecordPolicyVersion(std::string_view name, std::string_view definition, TimePoint at);
  // kNotFound when that version was never recorded.
  Result<std::string> GetPolicyDefinition(std::string_view name, int version);
  // Records a stage; false (and nothing written) when (mention, target, stage) was recorded.
  Result<bool> RecordSlaEvent(const SlaEvent& event);
  // Latest deadline row of each target for the item (first_reply and/or resolution).
  Result<std::vector<DeadlineRecord>> LatestDeadlines(int64_t mention_id);
  // Ids of open items whose next SLA check is due (next_check_at <= now), soonest first, at
  // most `limit`. A status change or a sent reply makes an item due at once (triggers).
  Result<std::vector<int64_t>> ItemsToCheck(TimePoint now, size_t limit);
  // Sets (or clears: nullopt) when the SLA engine next needs to look at the item.
  Status SetNextCheck(int64_t mention_id, std::optional<TimePoint> at);

  // SLA stages (not "met") of open items recorded at or after `since`, oldest first: what the
  // alerting pass offers to the dispatcher, which skips what the ledger says went out.
  Result<std::vector<SlaEvent>> RecentSlaEvents(TimePoint since);

  // Alert ledger: whether (mention, target, stage, channel) was delivered; recording twice is a
  // no-op that returns false.
  Result<bool> AlertSent(int64_t mention_id, std::string_view target, std::string_view stage,
                         std::string_view channel);
  Result<bool> RecordAlertSent(int64_t mention_id, std::string_view target, std::string_view stage,
                               std::string_view channel, TimePoint at);

  // The highest mention id so far (0 for an empty store): items stored later have larger ids.
  Result<int64_t> MaxMentionId();
  // Items from this connector with id > after_id that are still new, scored negative and have
  // no reply at all: candidates for an automatic acknowledgement, oldest first.
  Result<std::vector<int64_t>> UnansweredNegatives(std::string_view connector, int64_t after_id);

  // ---- Queue (queue_store.cc) ----
  // Appends an assignment (empty assignee unassigns). kNotFound for an unknown mention,
  // kInvalidArgument when `by` is empty.
  Status Assign(const Assignment& assignment);

  // Customer cards. A handle with no link has no card.
  Result<int64_t> CreateCustomer(std::string_view name, std::string_view by, TimePoint at);
  // Points the identity at the card (moving it from any other card).
  Status LinkIdentity(int64_t customer_id, const Identity& identity, std::string_view by,
                      TimePoint at);
  // Moves every identity of card `from` to card `into` and records the merge; `from` then
  // resolves to `into`. kFailedPrecondition when from was merged already or from == into.
  Status MergeCustomers(int64_t from, int64_t into, std::string_view by, TimePoint at);
  // The card an identity belongs to now, following merges; nullopt when none.
  Result<std::optional<int64_t>> FindCustomer(const Identity& identity);
  // Follows merges to the live card. kNotFound for an unknown id.
  Result<CustomerCard> GetCustomer(int64_t customer_id);
  // Every mention by the card's identities, and every reply, note and status change on them,
  // oldest first.
  Result<std::vector<TimelineEntry>> CustomerTimeline(int64_t customer_id);
  // The same for one handle, card or not.
  Result<std::vector<TimelineEntry>> IdentityTimeline(const Identity& identity);

  // ---- Outbox (outbox_store.cc) ----
  // Appends to the reply's delivery log. kNotFound for an unknown reply.
  Status AppendReplyAttempt(const ReplyAttempt& attempt);
  Result<std::vector<ReplyAttempt>> ReplyAttempts(int64_t reply_id);
  // kFailedPrecondition when already approved, or when approver wrote the reply.
  Status ApproveReply(int64_t reply_id, std::string_view approver, TimePoint at);
  Result<ReplyRecord> GetReply(int64_t reply_id);
  // Replies not sent (pending or failed), oldest first, with their logs.
  Result<std::vector<OutboxEntry>> ListOutbox();

  // Runs raw SQL. Exists so tests can prove the triggers refuse tampering; not for app code.
  Status ExecForTest(std::string_view sql);

  // ---- Reports (report_store.cc) ----
  // Read-only queries for heed::report, over the append-only tables (never inbox_state). Each
  // is one pass over the period through the existing indexes.
  // Calls visit once per mention posted in the period (platform by platform, by post time);
  // a non-OK status from visit stops the pass and is returned. Rows are streamed rather than
  // returned so a period of a million mentions does not sit in memory at once.
  Status ForEachReportItem(const ReportPeriod& period,
                           const std::function<Status(const ReportItemRow&)>& visit);
  // 'breached' stages reached in [from, to) on mentions of the platform (any age), oldest first.
  Result<std::vector<ReportBreachRow>> ReportBreaches(const ReportPeriod& period);
  // The current text of these mentions, in the order given; unknown ids are skipped.
  Result<std::vector<ReportMentionText>> ReportMentionTexts(const std::vector<int64_t>& ids);

 private:
  explicit Store(sqlite3* db);
  Result<InsertOutcome> AppendVersionIfChanged(const Mention& m, TimePoint fetched_at);
  sqlite3* db_;
  std::unique_ptr<internal::StatementCache> statements_;  // compiled once per connection
};

}  // namespace heed::store
