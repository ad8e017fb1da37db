// What the sandbox treats as a violation: heed must never delete, hide or moderate content.
#pragma once

#include <string_view>

namespace heed::sandbox {

// True for any DELETE; anything under /api/v1/admin or /api/v2/admin; and any non-GET request
// whose path has a segment naming a hide/moderation action (mute, block, hide, unpublish,
// moderate, suspend, silence, dismiss, clear, report, filter, remove), which covers e.g.
// POST /api/v1/accounts/:id/block, /api/v1/statuses/:id/mute,
// POST /api/v1/notifications/:id/dismiss and POST /api/v1/notifications/clear.
// `path` is the request path, percent-decoded.
bool IsForbidden(std::string_view method, std::string_view path);

}  // namespace heed::sandbox
