// Customer cards on the terminal and as JSON: the person's handles, then everything that
// happened with them, across platforms, in time order.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "heed/core/text.h"
#include "render.h"

namespace heed::cli {

void PrintCustomer(std::ostream& out, const store::CustomerCard& card,
                   const std::vector<store::TimelineEntry>& timeline) {
  if (card.id > 0) {
    out << "Customer #" << card.id
        << (card.name.empty() ? std::string() : "  " + ForTerminal(card.name)) << "\n";
  }
  out << "Handles:  ";
  for (size_t k = 0; k < card.identities.size(); ++k) {
    out << (k ? ", " : "") << ForTerminal(card.identities[k].platform) << ":"
        << ForTerminal(card.identities[k].handle);
  }
  out << "\n";
  if (!card.merged_from.empty()) {
    out << "Merged:   ";
    for (size_t k = 0; k < card.merged_from.size(); ++k) {
      out << (k ? ", " : "") << "#" << card.merged_from[k];
    }
    out << "\n";
  }
  out << "Card created " << FormatIso8601(card.created_at) << " by " << ForTerminal(card.created_by)
      << "\n\nHistory (" << timeline.size() << "):\n";
  for (const store::TimelineEntry& e : timeline) {
    out << "  " << FormatIso8601(e.at) << "  #" << e.mention_id << " " << ForTerminal(e.platform)
        << "  ";
    if (e.kind == "mention") {
      out << "post by " << ForTerminal(e.who) << ": " << Excerpt(e.text, 100);
    } else if (e.kind == "reply") {
      out << "public reply by " << ForTerminal(e.who) << ": " << Excerpt(e.text, 100);
    } else if (e.kind == "note") {
      out << "note by " << ForTerminal(e.who) << ": " << Excerpt(e.text, 100);
    } else {
      out << "status " << ForTerminal(e.text) << " by " << ForTerminal(e.who);
    }
    out << "\n";
  }
}

void PrintCustomerJson(std::ostream& out, const store::CustomerCard& card,
                       const std::vector<store::TimelineEntry>& timeline) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  auto text = [&](const char* key, const std::string& value) {
    w.Key(key);
    std::string clean = SanitizeUtf8(value);
    w.String(clean.c_str(), static_cast<rapidjson::SizeType>(clean.size()));
  };
  w.StartObject();
  w.Key("id");
  w.Int64(card.id);
  text("name", card.name);
  text("created_by", card.created_by);
  text("created_at", FormatIso8601(card.created_at));
  w.Key("handles");
  w.StartArray();
  for (const store::Identity& identity : card.identities) {
    w.StartObject();
    text("platform", identity.platform);
    text("handle", identity.handle);
    w.EndObject();
  }
  w.EndArray();
  w.Key("merged_from");
  w.StartArray();
  for (int64_t id : card.merged_from) w.Int64(id);
  w.EndArray();
  w.Key("timeline");
  w.StartArray();
  for (const store::TimelineEntry& e : timeline) {
    w.StartObject();
    text("at", FormatIso8601(e.at));
    text("kind", e.kind);
    w.Key("item");
    w.Int64(e.mention_id);
    text("platform", e.platform);
    text("who", e.who);
    text("text", e.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << "\n";
}

}  // namespace heed::cli
