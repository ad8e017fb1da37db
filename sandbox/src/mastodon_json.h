// Renders sandbox entities as Mastodon REST JSON (Account, Status, Notification, errors), with
// the fields and shapes Mastodon 4.x sends, so clients parse the sandbox exactly like the real
// service.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content.h"
#include "emulator_kit.h"

namespace heed::sandbox {

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

}  // namespace heed::sandbox
