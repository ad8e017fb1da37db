#include "rows.h"

#include <string>

namespace heed::store::internal {

StoredMention ReadMention(const Statement& row, int first) {
  int c = first;
  StoredMention out;
  out.id = row.Int64(c++);
  Mention& m = out.mention;
  m.platform = row.Text(c++);
  m.remote_id = row.Text(c++);
  out.connector = row.Text(c++);
  m.thread_id = row.Text(c++);
  m.parent_id = row.Text(c++);
  m.author.id = row.Text(c++);
  m.author.handle = row.Text(c++);
  m.author.display_name = row.Text(c++);
  m.author.profile_url = row.Text(c++);
  m.text = row.Text(c++);
  m.language = row.Text(c++);
  m.url = row.Text(c++);
  m.created_at = row.Time(c++);
  out.fetched_at = row.Time(c++);
  if (!row.IsNull(c)) m.rating = static_cast<int>(row.Int64(c));
  ++c;
  m.raw_json = row.Text(c++);
  m.owner_reply = row.Text(c++);
  m.removed_at_source = row.Int64(c++) != 0;
  out.edits = static_cast<int>(row.Int64(c++));
  if (!row.IsNull(c)) m.author.reach = row.Int64(c);
  ++c;
  return out;
}

std::optional<ScoreRecord> ReadScore(const Statement& row, int first) {
  if (row.IsNull(first)) return std::nullopt;
  int c = first + 1;
  ScoreRecord s;
  s.compound = row.Double(c++);
  s.label = row.Text(c++);
  s.language = row.Text(c++);
  s.lexicon_version = row.Text(c++);
  s.explanation = row.Text(c++);
  s.urgency = row.Text(c++);
  s.scored_at = row.Time(c++);
  return s;
}

std::optional<DeadlineRecord> ReadDeadline(const Statement& row, int first) {
  if (row.IsNull(first)) return std::nullopt;
  int c = first + 1;
  DeadlineRecord d;
  d.policy = row.Text(c++);
  d.rule = row.Text(c++);
  d.starts_at = row.Time(c++);
  d.due_at = row.OptionalTime(c++);
  d.computed_at = row.Time(c++);
  d.target = row.Text(c++);
  if (!row.IsNull(c)) d.budget = Millis(row.Int64(c));
  ++c;
  d.paused = Millis(row.Int64(c++));
  d.paused_now = row.Int64(c++) != 0;
  d.calendar = row.Text(c++);
  d.explanation = row.Text(c++);
  return d;
}

Result<ItemStatus> ReadItemStatus(const Statement& row, int col) {
  std::string name = row.Text(col);
  Result<ItemStatus> status = ParseItemStatus(name);
  if (!status.ok()) return Status::DataLoss("stored status '" + name + "' is not a known status");
  return status;
}

Result<ReplyRecord> ReadReply(const Statement& row, int first) {
  int c = first;
  ReplyRecord r;
  r.id = row.Int64(c++);
  r.mention_id = row.Int64(c++);
  r.text = row.Text(c++);
  r.operator_name = row.Text(c++);
  r.created_at = row.Time(c++);
  std::string state = row.Text(c++);
  if (state == "pending") {
    r.state = ReplyState::kPending;
  } else if (state == "sent") {
    r.state = ReplyState::kSent;
  } else if (state == "failed") {
    r.state = ReplyState::kFailed;
  } else {
    return Status::DataLoss("reply " + std::to_string(r.id) + " has unknown state '" + state + "'");
  }
  r.remote_id = row.Text(c++);
  r.url = row.Text(c++);
  r.sent_at = row.OptionalTime(c++);
  r.error = row.Text(c++);
  r.manual = row.Int64(c++) != 0;
  r.requires_approval = row.Int64(c++) != 0;
  r.auto_ack = row.Int64(c++) != 0;
  r.approved_by = row.Text(c++);
  return r;
}

NoteRecord ReadNote(const Statement& row, int first) {
  int c = first;
  NoteRecord n;
  n.id = row.Int64(c++);
  n.mention_id = row.Int64(c++);
  n.operator_name = row.Text(c++);
  n.text = row.Text(c++);
  n.created_at = row.Time(c++);
  return n;
}

Result<StatusEvent> ReadStatusEvent(const Statement& row, int first) {
  StatusEvent e;
  e.mention_id = row.Int64(first);
  HEED_ASSIGN_OR_RETURN(e.status, ReadItemStatus(row, first + 1));
  e.by = row.Text(first + 2);
  e.at = row.Time(first + 3);
  return e;
}

SlaEvent ReadSlaEvent(const Statement& row, int first) {
  int c = first;
  SlaEvent e;
  e.id = row.Int64(c++);
  e.mention_id = row.Int64(c++);
  e.target = row.Text(c++);
  e.stage = row.Text(c++);
  if (!row.IsNull(c)) e.deadline_id = row.Int64(c);
  ++c;
  e.due_at = row.OptionalTime(c++);
  e.at = row.Time(c++);
  e.recorded_at = row.Time(c++);
  return e;
}

ReplyAttempt ReadAttempt(const Statement& row, int first) {
  int c = first;
  ReplyAttempt a;
  a.id = row.Int64(c++);
  a.reply_id = row.Int64(c++);
  a.outcome = row.Text(c++);
  a.detail = row.Text(c++);
  a.by = row.Text(c++);
  a.at = row.Time(c++);
  return a;
}

}  // namespace heed::store::internal
