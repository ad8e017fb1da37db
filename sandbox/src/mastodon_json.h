// Renders sandbox entities as Mastodon REST JSON (Account, Status, Notification, errors), with
// the fields and shapes Mastodon 4.x sends, so clients parse the sandbox exactly like the real
// service.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content.h"

namespace heed::sandbox {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct RenderContext {
  const std::vector<Account>& accounts;
  std::string base_url;
  std::string today;  // "2026-08-01": accounts' last_status_at
};

void WriteAccount(JsonWriter& w, const Account& account, const RenderContext& ctx);
void WriteStatus(JsonWriter& w, const Post& post, const RenderContext& ctx);
void WriteNotification(JsonWriter& w, const Notification& n, const Post& status,
                       const RenderContext& ctx);

// {"error":"message"}
std::string ErrorJson(std::string_view message);

// Small helpers over JsonWriter.
void WriteString(JsonWriter& w, std::string_view key, std::string_view value);
void WriteOptionalString(JsonWriter& w, std::string_view key,
                         const std::optional<std::string>& value);

}  // namespace heed::sandbox
