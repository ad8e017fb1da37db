#include "heed/alerts/alert.h"

#include "heed/core/text.h"

namespace heed::alerts {
namespace {

constexpr size_t kExcerptBodyChars = 280;
constexpr size_t kFieldChars = 120;
constexpr size_t kUrlChars = 500;

bool IsWarning(std::string_view stage, int* percent) {
  constexpr std::string_view kPrefix = "warning_";
  if (stage.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view digits = stage.substr(kPrefix.size());
  if (digits.empty() || digits.size() > 2 || digits[0] == '0') return false;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  if (percent) *percent = n;
  return true;
}

std::string Relative(const Alert& alert) {
  Millis d = alert.fired_at - alert.due_at;
  if (d.count() >= 0) return FormatDuration(d) + " ago";
  return "in " + FormatDuration(-d);
}

}  // namespace

Status ValidateStage(std::string_view stage) {
  if (stage == kStageBreached || stage == kStageEscalated || IsWarning(stage, nullptr)) {
    return Status::Ok();
  }
  return Status::InvalidArgument("unknown alert stage \"" + SafeLine(stage, 40) +
                                 "\" (expected warning_N with N from 1 to 99, breached or "
                                 "escalated)");
}

Status ValidateAlert(const Alert& alert) {
  if (alert.mention_id <= 0) return Status::InvalidArgument("alert mention_id must be positive");
  HEED_RETURN_IF_ERROR(ValidateStage(alert.stage));
  if (alert.target != kTargetFirstReply && alert.target != kTargetResolution) {
    return Status::InvalidArgument("unknown alert target \"" + SafeLine(alert.target, 40) +
                                   "\" (expected first_reply or resolution)");
  }
  return Status::Ok();
}

std::string SafeLine(std::string_view untrusted, size_t max_chars) {
  // Line breaks and tabs become spaces first, so "a\nb" stays two words once controls go.
  std::string spaced(untrusted);
  for (char& c : spaced) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f') c = ' ';
  }
  std::string clean = ForTerminal(spaced, /*keep_newlines=*/false);
  std::string out;
  out.reserve(clean.size());
  size_t chars = 0;
  bool cut = false;
  for (size_t i = 0; i < clean.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(clean[i]);
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    if ((c & 0xC0) != 0x80) {  // the first byte of a code point
      if (chars == max_chars) {
        cut = true;
        break;
      }
      ++chars;
    }
    out.push_back(static_cast<char>(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (cut) out += "\u2026";
  return out;
}

std::string StageLabel(std::string_view stage) {
  int percent = 0;
  if (IsWarning(stage, &percent)) return "WARNING " + std::to_string(percent) + "%";
  if (stage == kStageBreached) return "BREACHED";
  if (stage == kStageEscalated) return "ESCALATED";
  return AsciiLower(SafeLine(stage, 40));
}

std::string TargetLabel(std::string_view target) {
  if (target == kTargetFirstReply) return "first reply";
  if (target == kTargetResolution) return "resolution";
  return SafeLine(target, 40);
}

std::string AuthorLabel(std::string_view author) {
  std::string handle = SafeLine(author, kFieldChars);
  size_t at = handle.find_first_not_of('@');
  if (at == std::string::npos) return "an unknown author";
  return "@" + handle.substr(at);
}

AlertText FormatAlert(const Alert& alert, const TimeZone& zone) {
  // The title never quotes the post: it is what lands in notification previews and subjects.
  std::string platform = SafeLine(alert.platform, 40);
  std::string due = zone.LocalHourMinute(alert.due_at);
  AlertText text;
  text.title = "heed: " + StageLabel(alert.stage) + " " + TargetLabel(alert.target) + " for " +
               platform + " post #" + std::to_string(alert.mention_id) + " by " +
               AuthorLabel(alert.author) + " (due " + due + ", " + Relative(alert) + ")";
  if (alert.urgent) text.title += " [urgent]";

  std::string& b = text.body;
  std::string excerpt = SafeLine(alert.excerpt, kExcerptBodyChars);
  b += "Post: \"" + excerpt + "\"\n";
  b += "Author: " + AuthorLabel(alert.author) + " on " + platform + "\n";
  b += "Due: " + zone.LocalDate(alert.due_at) + " " + due + " " + zone.id() + " (" +
       Relative(alert) + ")\n";
  if (!alert.rule.empty()) b += "Rule: " + SafeLine(alert.rule, kFieldChars) + "\n";
  if (alert.urgent) b += "Urgent: yes\n";
  if (!alert.url.empty()) b += "Link: " + SafeLine(alert.url, kUrlChars) + "\n";
  return text;
}

AlertText FormatDigest(const Digest& digest, const TimeZone& zone) {
  int total = 0;
  std::string counts;
  for (const auto& [stage, count] : digest.stage_counts) {
    total += count;
    if (!counts.empty()) counts += ", ";
    counts += SafeLine(stage, 40) + " " + std::to_string(count);
  }
  AlertText text;
  text.title = "heed digest " + digest.local_date + ": " + std::to_string(digest.held.size()) +
               " held during quiet hours, " + std::to_string(total) + " alerts in all";
  std::string& b = text.body;
  b += "Alerts since the last digest: " + (counts.empty() ? std::string("none") : counts) + "\n";
  if (digest.held.empty()) {
    b += "Nothing was held during quiet hours.\n";
    return text;
  }
  b += "Held during quiet hours:\n";
  for (const Alert& alert : digest.held) {
    AlertText one = FormatAlert(alert, zone);
    b += "- " + one.title.substr(one.title.rfind("heed: ", 0) == 0 ? 6 : 0) + "\n";
    b += "  \"" + SafeLine(alert.excerpt, 120) + "\"";
    if (!alert.url.empty()) b += " " + SafeLine(alert.url, kUrlChars);
    b += "\n";
  }
  return text;
}

}  // namespace heed::alerts
