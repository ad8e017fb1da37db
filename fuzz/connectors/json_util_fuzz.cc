// libFuzzer target: the checked JSON layer every JSON connector parses through (json_util.h):
// depth scan, iterative parse, member readers, re-serialisation and error-text clipping.
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "json_util.h"

namespace {

// Reads every member the way the parsers do, bounded by the document's size.
void Walk(const rapidjson::Value& value) {
  if (value.IsObject()) {
    for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
      const char* name = it->name.GetString();
      (void)heed::connectors::json::Member(value, name);
      (void)heed::connectors::json::ObjectMember(value, name);
      auto text = heed::connectors::json::StringMember(value, name);
      if (text) HEED_FUZZ_CHECK(heed::IsValidUtf8(*text));
      (void)heed::connectors::json::IsoTimeMember(value, name);
      Walk(it->value);
    }
  } else if (value.IsArray()) {
    for (const auto& element : value.GetArray()) Walk(element);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace json = heed::connectors::json;
  const std::string_view body = heed::fuzz::AsText(data, size);

  const bool shallow = json::DepthWithin(body, json::kMaxDepth);
  auto document = json::Parse(body);
  heed::fuzz::CheckStatus(document.status());
  if (document.ok()) {
    HEED_FUZZ_CHECK(shallow);  // Parse enforces the same limit the scan reports
    Walk(*document);
    std::string serialized = json::Serialize(*document);
    HEED_FUZZ_CHECK(heed::IsValidUtf8(serialized));
    // What raw_json stores must parse again (connectors re-read it).
    HEED_FUZZ_CHECK(json::Parse(serialized).ok());
  }
  heed::fuzz::CheckErrorText(json::ErrorBodyMessage(body, "error"));
  heed::fuzz::CheckErrorText(json::ClipMessage(std::string(body)));
  HEED_FUZZ_CHECK(heed::IsValidUtf8(json::ObjectWithString(body, body)));
  return 0;
}
