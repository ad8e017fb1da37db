#include "heed/alerts/webhook_channel.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>

namespace heed::alerts {
namespace {

// Breaks @channel-style mass mentions without changing what a reader sees.
std::string DefuseMentions(std::string text) {
  static constexpr std::array<std::string_view, 4> kWords = {"channel", "here", "all", "everyone"};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    out.push_back(text[i]);
    if (text[i] != '@') continue;
    for (std::string_view word : kWords) {
      if (text.compare(i + 1, word.size(), word) == 0) {
        out += "\u200B";
        break;
      }
    }
  }
  return out;
}

// Slack: "&", "<" and ">" are the only characters it asks senders to escape.
std::string EscapeSlack(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Mattermost and Teams render markdown: escape what could form links, images or emphasis.
std::string EscapeMarkdown(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\`*_{}[]()<>#+!|~";
  std::string out;
  for (char c : text) {
    if (kSpecial.find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// Teams collapses single newlines: paragraphs keep the body's lines apart.
std::string TeamsLines(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\n\n";
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void Field(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key,
           const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

Result<WebhookFormat> ParseWebhookFormat(std::string_view text) {
  if (text == "slack") return WebhookFormat::kSlack;
  if (text == "mattermost") return WebhookFormat::kMattermost;
  if (text == "teams") return WebhookFormat::kTeams;
  return Status::InvalidArgument("unknown webhook format \"" + SafeLine(text, 40) +
                                 "\" (expected slack, mattermost or teams)");
}

std::string_view WebhookFormatName(WebhookFormat format) {
  switch (format) {
    case WebhookFormat::kSlack:
      return "slack";
    case WebhookFormat::kMattermost:
      return "mattermost";
    case WebhookFormat::kTeams:
      return "teams";
  }
  return "slack";
}

std::string WebhookPayload(WebhookFormat format, const AlertText& text, std::string_view username) {
  std::string title = DefuseMentions(text.title);
  std::string body = DefuseMentions(text.body);
  while (!body.empty() && body.back() == '\n') body.pop_back();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  switch (format) {
    case WebhookFormat::kSlack:
      Field(w, "text", EscapeSlack(title) + "\n" + EscapeSlack(body));
      break;
    case WebhookFormat::kMattermost:
      Field(w, "text", EscapeMarkdown(title) + "\n" + EscapeMarkdown(body));
      if (!username.empty()) Field(w, "username", SafeLine(username, 60));
      break;
    case WebhookFormat::kTeams:
      Field(w, "@type", "MessageCard");
      Field(w, "@context", "https://schema.org/extensions");
      Field(w, "summary", title);
      Field(w, "title", EscapeMarkdown(title));
      Field(w, "text", TeamsLines(EscapeMarkdown(body)));
      break;
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string UrlOrigin(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || scheme == 0) return "(invalid URL)";
  size_t end = url.find_first_of("/?#", scheme + 3);
  std::string_view authority = url.substr(
      scheme + 3, end == std::string_view::npos ? std::string_view::npos : end - scheme - 3);
  // user:password@host: keep only the host.
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  return SafeLine(url.substr(0, scheme + 3), 16) + SafeLine(authority, 200);
}

Result<std::unique_ptr<WebhookChannel>> WebhookChannel::Make(std::string name,
                                                             WebhookOptions options,
                                                             HttpTransport& transport) {
  const std::string& url = options.url;
  bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  size_t host_start = url.find("://") + 3;
  if (!http || host_start >= url.size() || url[host_start] == '/') {
    return Status::InvalidArgument("webhook " + name +
                                   ": the URL must start with https:// or http:// and a host "
                                   "(got " +
                                   UrlOrigin(url) + "...)");
  }
  return std::unique_ptr<WebhookChannel>(
      new WebhookChannel(std::move(name), std::move(options), transport));
}

Status WebhookChannel::Send(const Alert& alert) { return Post(FormatAlert(alert, options_.zone)); }

Status WebhookChannel::SendDigest(const Digest& digest) {
  return Post(FormatDigest(digest, options_.zone));
}

Status WebhookChannel::Post(const AlertText& text) {
  HttpRequest request;
  request.method = "POST";
  request.url = options_.url;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = WebhookPayload(options_.format, text, options_.username);
  request.timeout = options_.timeout;
  std::string where = "webhook " + name_ + " (" + UrlOrigin(options_.url) + ")";

  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) {
    // Transport messages may quote the URL: keep only its origin.
    std::string message = response.status().message();
    for (size_t at = message.find(options_.url); at != std::string::npos;
         at = message.find(options_.url)) {
      message.replace(at, options_.url.size(), UrlOrigin(options_.url));
    }
    return Status(response.status().code(), where + ": " + message);
  }
  int code = response->status;
  if (code >= 200 && code < 300) return Status::Ok();

  std::string detail = SafeLine(response->body.substr(0, response->body.find('\n')), 100);
  std::string message =
      where + " answered HTTP " + std::to_string(code) + (detail.empty() ? "" : ": " + detail);
  if (code == 429) {
    std::optional<std::chrono::milliseconds> wait;
    if (auto after = response->Header("Retry-After")) {
      try {
        wait = std::chrono::seconds(std::stol(*after));
      } catch (const std::exception&) {
      }
    }
    return Status::ResourceExhausted(message, wait);
  }
  if (code >= 500) return Status::Unavailable(message);
  return Status::FailedPrecondition(message + " (check the webhook URL and format)");
}

}  // namespace heed::alerts
