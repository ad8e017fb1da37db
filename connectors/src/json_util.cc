#include "json_util.h"

#include <rapidjson/error/en.h>

#include "heed/core/text.h"

namespace heed::connectors::json {

using rapidjson::Value;

bool DepthWithin(std::string_view body, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

Result<rapidjson::Document> Parse(std::string_view body) {
  if (!DepthWithin(body, kMaxDepth)) {
    return Status::DataLoss("response JSON nested deeper than " + std::to_string(kMaxDepth));
  }
  rapidjson::Document doc;
  // Encoding is not validated here: an ill-formed string should cost one field, not the page.
  // Every string taken out is sanitised instead.
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    std::string start = SanitizeUtf8(body.substr(0, 40));
    return Status::DataLoss(std::string("response is not JSON (") +
                            rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                            std::to_string(doc.GetErrorOffset()) + "; body starts \"" +
                            ForTerminal(start) + "\")");
  }
  return doc;
}

const Value* Member(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

const Value* ObjectMember(const Value& object, const char* name) {
  const Value* v = Member(object, name);
  return v != nullptr && v->IsObject() ? v : nullptr;
}

std::optional<std::string> StringMember(const Value& object, const char* name) {
  const Value* v = Member(object, name);
  if (v == nullptr || !v->IsString()) return std::nullopt;
  return SanitizeUtf8(std::string_view(v->GetString(), v->GetStringLength()));
}

std::optional<TimePoint> IsoTimeMember(const Value& object, const char* name) {
  auto s = StringMember(object, name);
  if (!s) return std::nullopt;
  Result<TimePoint> t = ParseIso8601(*s);
  if (!t.ok()) return std::nullopt;
  return *t;
}

std::string Serialize(const Value& value) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  value.Accept(writer);
  return SanitizeUtf8(std::string_view(buffer.GetString(), buffer.GetSize()));
}

void PutString(Writer& writer, std::string_view s) {
  std::string clean = SanitizeUtf8(s);
  writer.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

std::string ObjectWithString(std::string_view key, std::string_view value) {
  std::string clean_key = SanitizeUtf8(key);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key(clean_key.data(), static_cast<rapidjson::SizeType>(clean_key.size()));
  PutString(w, value);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ClipMessage(std::string message) {
  // Neutralised first and cut after, at a character boundary: repairing ill-formed bytes can
  // only grow the text, so cutting first could not keep the bound.
  std::string clean = ForTerminal(message);
  if (clean.size() <= kMaxErrorMessageBytes) return clean;
  size_t cut = kMaxErrorMessageBytes;
  while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
  clean.resize(cut);
  return clean + "...";
}

std::string ErrorBodyMessage(std::string_view body, const char* name) {
  if (body.size() > 64 * 1024) return "";
  Result<rapidjson::Document> doc = Parse(body);
  if (!doc.ok()) return "";
  return ClipMessage(StringMember(*doc, name).value_or(""));
}

}  // namespace heed::connectors::json
