#include "render.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "commands.h"
#include "heed/core/text.h"

namespace heed::cli {
namespace {

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

std::string Pad(std::string s, size_t width) {
  // Width in code points, so accented names line up.
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars < width) s.append(width - chars, ' ');
  return s;
}

}  // namespace

std::string AuthorHandle(const Author& a) {
  if (a.handle.empty()) return a.display_name.empty() ? a.id : a.display_name;
  return a.handle.find(' ') == std::string::npos ? "@" + a.handle : a.handle;
}

std::string Compound(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%+.2f", v);
  return buf;
}

void JsonText(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  // RapidJSON writes bytes as given: sanitise so the output is always valid UTF-8 JSON.
  std::string clean = SanitizeUtf8(value);
  w.String(clean.c_str(), static_cast<rapidjson::SizeType>(clean.size()));
}

void WriteItemJson(JsonWriter& w, const store::InboxItem& item, TimePoint now) {
  const Mention& m = item.stored.mention;
  w.StartObject();
  w.Key("id");
  w.Int64(item.stored.id);
  JsonText(w, "status", std::string(store::ItemStatusName(item.status)));
  JsonText(w, "assignee", item.assignee);
  JsonText(w, "platform", m.platform);
  JsonText(w, "connector", item.stored.connector);
  JsonText(w, "remote_id", m.remote_id);
  JsonText(w, "url", m.url);
  w.Key("author");
  w.StartObject();
  JsonText(w, "id", m.author.id);
  JsonText(w, "handle", m.author.handle);
  JsonText(w, "display_name", m.author.display_name);
  JsonText(w, "profile_url", m.author.profile_url);
  w.EndObject();
  JsonText(w, "text", m.text);
  JsonText(w, "language", m.language);
  JsonText(w, "created_at", FormatIso8601(m.created_at));
  JsonText(w, "fetched_at", FormatIso8601(item.stored.fetched_at));
  if (m.rating) {
    w.Key("rating");
    w.Int(*m.rating);
  }
  JsonText(w, "owner_reply", m.owner_reply);
  w.Key("removed_at_source");
  w.Bool(m.removed_at_source);
  w.Key("edits");
  w.Int(item.stored.edits);
  w.Key("sentiment");
  if (item.score) {
    w.StartObject();
    w.Key("compound");
    w.Double(item.score->compound);
    JsonText(w, "label", item.score->label);
    JsonText(w, "language", item.score->language);
    JsonText(w, "urgency", item.score->urgency);
    JsonText(w, "lexicon_version", item.score->lexicon_version);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("deadline");
  if (item.deadline) {
    w.StartObject();
    JsonText(w, "policy", item.deadline->policy);
    JsonText(w, "rule", item.deadline->rule);
    JsonText(w, "starts_at", FormatIso8601(item.deadline->starts_at));
    if (item.deadline->due_at) {
      JsonText(w, "due_at", FormatIso8601(*item.deadline->due_at));
      w.Key("seconds_left");
      w.Int64(
          std::chrono::duration_cast<std::chrono::seconds>(*item.deadline->due_at - now).count());
      w.Key("overdue");
      w.Bool(item.status != store::ItemStatus::kResolved && *item.deadline->due_at < now);
    } else {
      w.Key("due_at");
      w.Null();
    }
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

ColorMode ParseColorMode(const std::string& command, const std::string& text) {
  if (text == "auto") return ColorMode::kAuto;
  if (text == "always") return ColorMode::kAlways;
  if (text == "never") return ColorMode::kNever;
  throw CommandError{kExitUsage, "heed " + command +
                                     ": --color must be auto, always or never, "
                                     "not \"" +
                                     text + "\""};
}

bool UseColor(ColorMode mode, const CliContext& context) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  if (!context.out_is_tty) return false;
  if (auto no_color = context.Env("NO_COLOR"); no_color && !no_color->empty()) return false;
  return context.Env("TERM").value_or("") != "dumb";
}

std::string StatusCell(store::ItemStatus status, bool color, size_t width) {
  const char* label = "new";
  const char* code = kRed;
  switch (status) {
    case store::ItemStatus::kNew:
      break;
    case store::ItemStatus::kInProgress:
      label = "in progress", code = kYellow;
      break;
    case store::ItemStatus::kWaiting:
      label = "waiting", code = kYellow;
      break;
    case store::ItemStatus::kResolved:
      label = "resolved", code = kGreen;
      break;
  }
  std::string cell = Pad(label, width);
  return color ? std::string(code) + cell + kReset : cell;
}

std::string Excerpt(const std::string& text, size_t max_chars) {
  std::string clean = ForTerminal(text);
  size_t chars = 0;
  for (size_t i = 0; i < clean.size(); ++i) {
    if ((static_cast<unsigned char>(clean[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return clean.substr(0, i) + "…";
    ++chars;
  }
  return clean;
}

std::string DueCell(const store::InboxItem& item, TimePoint now) {
  if (!item.deadline) return "-";
  if (!item.deadline->due_at) return "no reply needed";
  Millis left = std::chrono::duration_cast<Millis>(*item.deadline->due_at - now);
  if (left.count() >= 0) return "in " + FormatDuration(left);
  return FormatDuration(-left) + " late";
}

void PrintInboxTable(std::ostream& out, const std::vector<store::InboxItem>& items, TimePoint now,
                     bool color) {
  if (items.empty()) {
    out << "Inbox zero: nothing is waiting for an answer.\n";
    return;
  }
  std::string header = Pad("ID", 6) + Pad("STATUS", 12) + Pad("DUE", 16) + Pad("WHO", 5) +
                       Pad("PLATFORM", 13) + Pad("LANG", 5) + Pad("TONE", 15) + Pad("AUTHOR", 24) +
                       "TEXT";
  out << (color ? kBold + header + kReset : header) << "\n";
  for (const store::InboxItem& item : items) {
    const Mention& m = item.stored.mention;
    std::string tone =
        item.score ? item.score->label.substr(0, 3) + " " + Compound(item.score->compound) : "-";
    if (item.score && !item.score->urgency.empty()) tone += " !";
    out << Pad(std::to_string(item.stored.id), 6) << StatusCell(item.status, color) << " "
        << Pad(DueCell(item, now), 16)
        << Pad(item.assignee.empty() ? "-" : Excerpt(item.assignee, 4), 5)
        << Pad(ForTerminal(m.platform), 13)
        << Pad(m.language.empty() ? "?" : ForTerminal(m.language), 5) << Pad(tone, 15)
        << Pad(Excerpt(AuthorHandle(m.author), 22), 24) << Excerpt(m.text, 70) << "\n";
  }
}

void PrintInboxJson(std::ostream& out, const std::vector<store::InboxItem>& items, TimePoint now) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartArray();
  for (const store::InboxItem& item : items) WriteItemJson(w, item, now);
  w.EndArray();
  out << buffer.GetString() << "\n";
}

void PrintInboxCsv(std::ostream& out, const std::vector<store::InboxItem>& items, TimePoint now) {
  out << "id,status,assignee,platform,language,label,compound,urgency,created_at,due_at,"
         "seconds_left,author,url,text\r\n";
  for (const store::InboxItem& item : items) {
    const Mention& m = item.stored.mention;
    std::string due, left;
    if (item.deadline && item.deadline->due_at) {
      due = FormatIso8601(*item.deadline->due_at);
      left = std::to_string(
          std::chrono::duration_cast<std::chrono::seconds>(*item.deadline->due_at - now).count());
    }
    out << item.stored.id << ',' << store::ItemStatusName(item.status) << ','
        << CsvCell(item.assignee) << ',' << CsvCell(m.platform) << ',' << CsvCell(m.language) << ','
        << (item.score ? item.score->label : "") << ','
        << (item.score ? Compound(item.score->compound) : "") << ','
        << CsvCell(item.score ? item.score->urgency : "") << ',' << FormatIso8601(m.created_at)
        << ',' << due << ',' << left << ',' << CsvCell(AuthorHandle(m.author)) << ','
        << CsvCell(m.url) << ',' << CsvCell(m.text) << "\r\n";
  }
}

}  // namespace heed::cli
