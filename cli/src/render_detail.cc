// `heed show`: everything about one item, for the terminal and as JSON.
#include <map>

#include "heed/core/text.h"
#include "render.h"

namespace heed::cli {
namespace {

// The latest row of each target (first reply before resolution).
std::vector<const store::DeadlineRecord*> LatestPerTarget(const store::MentionDetail& detail) {
  std::map<std::string, const store::DeadlineRecord*> latest;
  for (const store::DeadlineRecord& d : detail.deadlines) latest[d.target] = &d;
  std::vector<const store::DeadlineRecord*> rows;
  for (const char* target : {"first_reply", "resolution"}) {
    if (latest.count(target)) rows.push_back(latest[target]);
  }
  return rows;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += prefix + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

// Each target: when it is due now (live), then how it was computed (stored explanation: policy
// and version, rule and why it matched, calendar, clock start, paused time), then the stages.
void PrintDeadlines(std::ostream& out, const store::MentionDetail& detail, TimePoint now) {
  std::vector<const store::DeadlineRecord*> rows = LatestPerTarget(detail);
  if (rows.empty()) return;
  for (const store::DeadlineRecord* d : rows) {
    std::string state;
    if (d->due_at) {
      Millis left = std::chrono::duration_cast<Millis>(*d->due_at - now);
      state = FormatIso8601(*d->due_at) + " (" +
              (left.count() >= 0 ? "in " + FormatDuration(left) : FormatDuration(-left) + " late") +
              ")";
    } else if (d->paused_now) {
      state = "paused (waiting for the customer)";
    } else if (d->budget) {
      state = "met";
    } else {
      state = "none (no reply needed)";
    }
    out << (d->target == "resolution" ? "Resolution: " : "First reply: ") << state << "\n";
    if (!d->explanation.empty()) {
      out << Indent(ForTerminal(d->explanation, /*keep_newlines=*/true), "  ");
      out << "  (computed " << FormatIso8601(d->computed_at) << ")\n";
    } else {
      out << "  policy " << d->policy << ", rule: " << ForTerminal(d->rule) << "\n  clock started "
          << FormatIso8601(d->starts_at) << " (the post's own timestamp)\n";
    }
  }
  if (!detail.sla_events.empty()) {
    out << "SLA stages:\n";
    for (const store::SlaEvent& e : detail.sla_events) {
      out << "  " << FormatIso8601(e.at) << " " << ForTerminal(e.target) << " "
          << ForTerminal(e.stage) << "\n";
    }
  }
  out << "\n";
}

}  // namespace

void PrintDetail(std::ostream& out, const store::MentionDetail& detail, TimePoint now, bool color) {
  const store::InboxItem& item = detail.item;
  const Mention& m = item.stored.mention;
  out << "#" << item.stored.id << "  " << StatusCell(item.status, color, 0) << "  "
      << ForTerminal(m.platform) << " via " << ForTerminal(item.stored.connector) << "\n";
  out << "From:     " << ForTerminal(m.author.display_name) << " ("
      << ForTerminal(AuthorHandle(m.author)) << ")"
      << (m.author.profile_url.empty() ? "" : " " + ForTerminal(m.author.profile_url)) << "\n";
  out << "Posted:   " << FormatIso8601(m.created_at) << "   fetched "
      << FormatIso8601(item.stored.fetched_at) << " (ingestion lag "
      << FormatDuration(std::chrono::duration_cast<Millis>(item.stored.fetched_at - m.created_at))
      << ")\n";
  out << "Link:     " << ForTerminal(m.url) << "\n";
  out << "Language: " << (m.language.empty() ? "unknown" : ForTerminal(m.language)) << "\n";
  if (m.rating) {
    out << "Rating:   ";
    for (int star = 1; star <= 5; ++star) out << (star <= *m.rating ? "\u2605" : "\u2606");
    out << " (" << *m.rating << "/5)\n";
  }
  out << "\n" << ForTerminal(m.text, /*keep_newlines=*/true) << "\n";
  if (m.removed_at_source) {
    out << "[removed at the source; heed keeps what it saw]\n";
  }
  out << "\n";
  if (!m.owner_reply.empty()) {
    out << "Public reply on the platform now:\n  " << ForTerminal(m.owner_reply) << "\n\n";
  }
  if (detail.versions.size() > 1) {
    out << "Versions seen at the source (" << detail.versions.size() << "):\n";
    for (const store::MentionVersion& v : detail.versions) {
      out << "  " << FormatIso8601(v.fetched_at) << (v.removed_at_source ? " [removed]" : "")
          << (v.rating ? " " + std::to_string(*v.rating) + "/5" : "") << "  "
          << Excerpt(v.text, 100) << "\n";
    }
    out << "\n";
  }
  if (item.score) {
    out << "Sentiment (" << item.score->lexicon_version << "):\n";
    std::string explanation = ForTerminal(item.score->explanation, true);
    while (!explanation.empty() && explanation.back() == '\n') explanation.pop_back();
    out << explanation << "\n";
    if (!item.score->urgency.empty()) out << "Urgency:  " << item.score->urgency << "\n";
    out << "\n";
  }
  PrintDeadlines(out, detail, now);
  if (!detail.replies.empty()) {
    out << "Replies:\n";
    for (const store::ReplyRecord& r : detail.replies) {
      out << "  " << FormatIso8601(r.created_at) << " by " << ForTerminal(r.operator_name) << " ["
          << (r.manual ? std::string_view("posted by hand") : store::ReplyStateName(r.state)) << "]"
          << (r.url.empty() ? "" : " " + ForTerminal(r.url)) << "\n    " << ForTerminal(r.text)
          << "\n";
      if (!r.error.empty()) out << "    error: " << ForTerminal(r.error) << "\n";
      if (r.requires_approval) {
        out << "    "
            << (r.approved_by.empty() ? std::string("awaiting approval by a second operator")
                                      : "approved by " + ForTerminal(r.approved_by))
            << "\n";
      }
      if (r.auto_ack) out << "    (automatic acknowledgement)\n";
    }
    out << "\n";
  }
  if (!detail.notes.empty()) {
    out << "Notes:\n";
    for (const store::NoteRecord& n : detail.notes) {
      out << "  " << FormatIso8601(n.created_at) << " — " << ForTerminal(n.operator_name) << ": "
          << ForTerminal(n.text) << "\n";
    }
    out << "\n";
  }
  if (!detail.assignments.empty()) {
    out << "Assignment:\n";
    for (const store::Assignment& a : detail.assignments) {
      out << "  " << FormatIso8601(a.at) << " "
          << (a.assignee.empty() ? std::string("unassigned") : "to " + ForTerminal(a.assignee))
          << " by " << ForTerminal(a.by) << "\n";
    }
    out << "\n";
  }
  out << "History:\n  " << FormatIso8601(item.stored.fetched_at) << " new (fetched)\n";
  for (const store::StatusEvent& e : detail.history) {
    out << "  " << FormatIso8601(e.at) << " " << store::ItemStatusName(e.status) << " by "
        << ForTerminal(e.by) << "\n";
  }
}

void PrintDetailJson(std::ostream& out, const store::MentionDetail& detail, TimePoint now) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("item");
  WriteItemJson(w, detail.item, now);
  if (detail.item.score) JsonText(w, "explanation", detail.item.score->explanation);
  w.Key("replies");
  w.StartArray();
  for (const store::ReplyRecord& r : detail.replies) {
    w.StartObject();
    w.Key("id");
    w.Int64(r.id);
    JsonText(w, "text", r.text);
    JsonText(w, "by", r.operator_name);
    JsonText(w, "state", std::string(store::ReplyStateName(r.state)));
    JsonText(w, "remote_id", r.remote_id);
    JsonText(w, "url", r.url);
    JsonText(w, "created_at", FormatIso8601(r.created_at));
    w.Key("manual");
    w.Bool(r.manual);
    w.Key("auto_ack");
    w.Bool(r.auto_ack);
    w.Key("requires_approval");
    w.Bool(r.requires_approval);
    JsonText(w, "approved_by", r.approved_by);
    if (!r.error.empty()) JsonText(w, "error", r.error);
    w.EndObject();
  }
  w.EndArray();
  w.Key("notes");
  w.StartArray();
  for (const store::NoteRecord& n : detail.notes) {
    w.StartObject();
    JsonText(w, "by", n.operator_name);
    JsonText(w, "text", n.text);
    JsonText(w, "created_at", FormatIso8601(n.created_at));
    w.EndObject();
  }
  w.EndArray();
  w.Key("deadlines");
  w.StartArray();
  for (const store::DeadlineRecord* d : LatestPerTarget(detail)) {
    w.StartObject();
    JsonText(w, "target", d->target);
    JsonText(w, "policy", d->policy);
    JsonText(w, "rule", d->rule);
    JsonText(w, "starts_at", FormatIso8601(d->starts_at));
    w.Key("due_at");
    if (d->due_at) {
      std::string due = FormatIso8601(*d->due_at);
      w.String(due.c_str());
    } else {
      w.Null();
    }
    w.Key("paused_seconds");
    w.Int64(std::chrono::duration_cast<std::chrono::seconds>(d->paused).count());
    w.Key("paused_now");
    w.Bool(d->paused_now);
    JsonText(w, "calendar", d->calendar);
    JsonText(w, "explanation", d->explanation);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sla_events");
  w.StartArray();
  for (const store::SlaEvent& e : detail.sla_events) {
    w.StartObject();
    JsonText(w, "target", e.target);
    JsonText(w, "stage", e.stage);
    JsonText(w, "at", FormatIso8601(e.at));
    w.EndObject();
  }
  w.EndArray();
  JsonText(w, "assignee", detail.item.assignee);
  w.Key("history");
  w.StartArray();
  for (const store::StatusEvent& e : detail.history) {
    w.StartObject();
    JsonText(w, "status", std::string(store::ItemStatusName(e.status)));
    JsonText(w, "by", e.by);
    JsonText(w, "at", FormatIso8601(e.at));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << "\n";
}

}  // namespace heed::cli
