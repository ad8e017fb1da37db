#include "heed/alerts/alert_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace heed::alerts {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void Field(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteAlert(JsonWriter& w, const Alert& alert, const TimeZone& zone) {
  AlertText text = FormatAlert(alert, zone);
  w.StartObject();
  Field(w, "kind", "alert");
  w.Key("mention_id");
  w.Int64(alert.mention_id);
  Field(w, "platform", SafeLine(alert.platform, 40));
  Field(w, "author", AuthorLabel(alert.author));
  Field(w, "excerpt", SafeLine(alert.excerpt, 280));
  Field(w, "url", SafeLine(alert.url, 500));
  Field(w, "stage", SafeLine(alert.stage, 40));
  Field(w, "target", SafeLine(alert.target, 40));
  Field(w, "due_at", FormatIso8601(alert.due_at));
  Field(w, "fired_at", FormatIso8601(alert.fired_at));
  w.Key("urgent");
  w.Bool(alert.urgent);
  Field(w, "rule", SafeLine(alert.rule, 120));
  Field(w, "title", text.title);
  Field(w, "text", text.body);
  w.EndObject();
}

}  // namespace

std::string AlertToJson(const Alert& alert, const TimeZone& zone) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteAlert(w, alert, zone);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string DigestToJson(const Digest& digest, const TimeZone& zone) {
  AlertText text = FormatDigest(digest, zone);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  Field(w, "kind", "digest");
  Field(w, "date", digest.local_date);
  Field(w, "generated_at", FormatIso8601(digest.generated_at));
  w.Key("stage_counts");
  w.StartObject();
  for (const auto& [stage, count] : digest.stage_counts) {
    std::string key = SafeLine(stage, 40);
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    w.Int(count);
  }
  w.EndObject();
  w.Key("held");
  w.StartArray();
  for (const Alert& alert : digest.held) WriteAlert(w, alert, zone);
  w.EndArray();
  Field(w, "title", text.title);
  Field(w, "text", text.body);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace heed::alerts
