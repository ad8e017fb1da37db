#include "report_fixture.h"

#include <cstdlib>
#include <string>

namespace heed::report::testing {
namespace {

using std::chrono::minutes;
using store::DeadlineRecord;
using store::ReplyRecord;

struct Post {
  const char* id;
  const char* platform;
  const char* created;
  const char* label;
  int fetch_delay_min = 1;
  std::optional<int> rating;
  const char* text = "Where is my order?";
};

Result<int64_t> AddPost(store::Store& s, const Post& p) {
  Mention m;
  m.platform = p.platform;
  m.remote_id = p.id;
  m.author = {std::string("acct-") + p.id, std::string("user") + p.id, "", ""};
  m.text = p.text;
  m.language = "en";
  m.url = std::string("local/") + p.id;
  m.created_at = T(p.created);
  m.rating = p.rating;
  m.raw_json = "{}";
  HEED_ASSIGN_OR_RETURN(store::InsertOutcome out,
                        s.InsertMention(m, p.platform, m.created_at + minutes(p.fetch_delay_min)));
  HEED_RETURN_IF_ERROR(s.InsertScore(out.id, {p.label == std::string("negative") ? -0.5 : 0.5,
                                              p.label, "en", "test", "", "", m.created_at}));
  return out.id;
}

// A first_reply deadline of `budget` minutes from the post, on calendar (may be empty).
Status Due(store::Store& s, int64_t id, TimePoint created, int budget, const char* calendar = "") {
  DeadlineRecord d{"default@1", "rule", created, created + minutes(budget), created};
  d.budget = minutes(budget);
  d.calendar = calendar;
  return s.InsertDeadline(id, d).status();
}

Status Reply(store::Store& s, int64_t id, const char* by, TimePoint sent, bool auto_ack = false) {
  ReplyRecord r;
  r.mention_id = id;
  r.text = "Sorry, we are on it";
  r.operator_name = by;
  r.created_at = sent - minutes(1);
  r.auto_ack = auto_ack;
  HEED_ASSIGN_OR_RETURN(int64_t reply, s.InsertReply(r));
  return s.MarkReplySent(reply, "r" + std::to_string(reply), "", sent);
}

Status Breach(store::Store& s, int64_t id, TimePoint due) {
  return s.RecordSlaEvent({0, id, "first_reply", "breached", std::nullopt, due, due, due}).status();
}

Status Resolve(store::Store& s, int64_t id, TimePoint at) {
  return s.AppendStatus({id, store::ItemStatus::kResolved, "AB", at});
}

}  // namespace

TimePoint T(const char* iso) {
  Result<TimePoint> t = ParseIso8601(iso);
  if (!t.ok()) std::abort();  // a typo in the fixture itself
  return *t;
}
TimePoint WeekStart() { return T("2026-03-23T00:00:00Z"); }
TimePoint WeekEnd() { return T("2026-03-30T00:00:00Z"); }
TimePoint FixtureNow() { return T("2026-04-01T00:00:00Z"); }

Status FillFixture(store::Store& s) {
  // M1 mastodon Mon 10:00, negative: replied by AB after 30m (due 60m: in time), resolved after
  // 2h. After the reply the SLA engine appends a row with no due time: the due still counts.
  HEED_ASSIGN_OR_RETURN(int64_t m1,
                        AddPost(s, {"1", "mastodon", "2026-03-23T10:00:00Z", "negative"}));
  HEED_RETURN_IF_ERROR(Due(s, m1, T("2026-03-23T10:00:00Z"), 60));
  HEED_RETURN_IF_ERROR(Reply(s, m1, "AB", T("2026-03-23T10:30:00Z")));
  DeadlineRecord met{"default@1", "rule", T("2026-03-23T10:00:00Z"), std::nullopt,
                     T("2026-03-23T10:31:00Z")};
  HEED_RETURN_IF_ERROR(s.InsertDeadline(m1, met).status());
  HEED_RETURN_IF_ERROR(Resolve(s, m1, T("2026-03-23T12:00:00Z")));
  // M2 mastodon Mon 14:00, positive: CD after 10m (due 4h), resolved after 1h.
  HEED_ASSIGN_OR_RETURN(int64_t m2,
                        AddPost(s, {"2", "mastodon", "2026-03-23T14:00:00Z", "positive"}));
  HEED_RETURN_IF_ERROR(Due(s, m2, T("2026-03-23T14:00:00Z"), 240));
  HEED_RETURN_IF_ERROR(Reply(s, m2, "CD", T("2026-03-23T14:10:00Z")));
  HEED_RETURN_IF_ERROR(Resolve(s, m2, T("2026-03-23T15:00:00Z")));
  // M3 google_play Tue 09:00, neutral, rated 4 then edited to 2 (the current version counts):
  // AB after 50m (due 4h).
  HEED_ASSIGN_OR_RETURN(int64_t m3,
                        AddPost(s, {"3", "google_play", "2026-03-24T09:00:00Z", "neutral", 1, 4}));
  Mention edit;
  edit.platform = "google_play";
  edit.remote_id = "3";
  edit.text = "Changed my mind";
  edit.rating = 2;
  edit.created_at = T("2026-03-24T09:00:00Z");
  HEED_RETURN_IF_ERROR(s.InsertMention(edit, "google_play", T("2026-03-24T12:00:00Z")).status());
  HEED_RETURN_IF_ERROR(Due(s, m3, T("2026-03-24T09:00:00Z"), 240));
  HEED_RETURN_IF_ERROR(Reply(s, m3, "AB", T("2026-03-24T09:50:00Z")));
  // M4 google_play Wed 20:00, negative, rated 1, fetched 40m late (more than half of its 1h
  // budget), never assigned, on a business calendar: breached at 21:00 (off-hours), then CD
  // answered after 90m.
  HEED_ASSIGN_OR_RETURN(
      int64_t m4, AddPost(s, {"4", "google_play", "2026-03-25T20:00:00Z", "negative", 40, 1}));
  HEED_RETURN_IF_ERROR(Due(s, m4, T("2026-03-25T20:00:00Z"), 60, "office"));
  HEED_RETURN_IF_ERROR(Breach(s, m4, T("2026-03-25T21:00:00Z")));
  HEED_RETURN_IF_ERROR(Reply(s, m4, "CD", T("2026-03-25T21:30:00Z")));
  // M5 mastodon Thu 11:00, negative, hostile text: assigned to GB at 11:05; AB's reply needs
  // approval (written 11:30, approved 12:30, never sent): breached at 12:00 awaiting approval.
  HEED_ASSIGN_OR_RETURN(int64_t m5, AddPost(s, {"5", "mastodon", "2026-03-26T11:00:00Z", "negative",
                                                1, std::nullopt, kHostileText}));
  HEED_RETURN_IF_ERROR(Due(s, m5, T("2026-03-26T11:00:00Z"), 60, "office"));
  HEED_RETURN_IF_ERROR(s.Assign({m5, "GB", "MR", T("2026-03-26T11:05:00Z")}));
  ReplyRecord held;
  held.mention_id = m5;
  held.text = "We are sorry";
  held.operator_name = "AB";
  held.created_at = T("2026-03-26T11:30:00Z");
  held.requires_approval = true;
  HEED_ASSIGN_OR_RETURN(int64_t held_id, s.InsertReply(held));
  HEED_RETURN_IF_ERROR(Breach(s, m5, T("2026-03-26T12:00:00Z")));
  HEED_RETURN_IF_ERROR(s.ApproveReply(held_id, "CD", T("2026-03-26T12:30:00Z")));
  // M6 x Sun 23:30, negative: only the automatic acknowledgement was sent; no deadline.
  HEED_ASSIGN_OR_RETURN(int64_t m6, AddPost(s, {"6", "x", "2026-03-29T23:30:00Z", "negative"}));
  HEED_RETURN_IF_ERROR(Reply(s, m6, "heed", T("2026-03-29T23:31:00Z"), true));
  // M7 google_play Mon 2026-03-30 00:00, rated 5: the first instant after the week.
  HEED_RETURN_IF_ERROR(
      AddPost(s, {"7", "google_play", "2026-03-30T00:00:00Z", "positive", 1, 5}).status());
  // M8 mastodon, just before the week, assigned to AB: its breach falls in the week with none
  // of the known reasons.
  HEED_ASSIGN_OR_RETURN(int64_t m8,
                        AddPost(s, {"8", "mastodon", "2026-03-22T23:59:59Z", "negative"}));
  HEED_RETURN_IF_ERROR(Due(s, m8, T("2026-03-22T23:59:59Z"), 300));
  HEED_RETURN_IF_ERROR(s.Assign({m8, "AB", "MR", T("2026-03-23T01:00:00Z")}));
  HEED_RETURN_IF_ERROR(Breach(s, m8, T("2026-03-23T05:00:00Z")));
  return Status::Ok();
}

}  // namespace heed::report::testing
