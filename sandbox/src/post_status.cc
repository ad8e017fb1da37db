// POST /api/v1/statuses: creating (reply) statuses as the brand's account.
#include <rapidjson/document.h>

#include <algorithm>

#include "heed/core/text.h"
#include "html.h"
#include "mastodon_api.h"
#include "paging.h"

namespace heed::sandbox {
namespace {

constexpr size_t kMaxCharacters = 500;
constexpr std::string_view kApplicationName = "heed";

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsDomainChar(char c) { return IsWordChar(c) || c == '.' || c == '-'; }

// Reads the form (application/x-www-form-urlencoded) or JSON body, then the query string.
// nullopt when a JSON body does not parse to an object.
std::optional<Params> ReadParams(const ApiRequest& request) {
  Params params;
  std::string type = AsciiLower(FindHeader(request.headers, "Content-Type").value_or(""));
  if (type.find("application/json") != std::string::npos) {
    rapidjson::Document doc;
    doc.Parse(request.body.c_str(), request.body.size());
    if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
      std::string key(it->name.GetString(), it->name.GetStringLength());
      const auto& v = it->value;
      if (v.IsString()) {
        params.emplace_back(key, std::string(v.GetString(), v.GetStringLength()));
      } else if (v.IsUint64()) {
        params.emplace_back(key, std::to_string(v.GetUint64()));
      } else if (v.IsBool()) {
        params.emplace_back(key, v.GetBool() ? "true" : "false");
      }
    }
  } else {
    params = ParseQuery(request.body);
  }
  for (auto& kv : ParseQuery(request.query)) params.push_back(std::move(kv));
  return params;
}

std::optional<size_t> FindAccount(const std::vector<Account>& accounts, std::string_view handle) {
  std::string wanted = AsciiLower(handle);
  for (size_t i = 0; i < accounts.size(); ++i) {
    if (AsciiLower(accounts[i].acct) == wanted) return i;
  }
  return std::nullopt;
}

// Writes one paragraph, linking @user[@domain] mentions of known accounts and #hashtags.
void WriteLinkified(const std::vector<Account>& accounts, const std::string& base_url,
                    std::string_view text, ContentBuilder* b, Post* post) {
  size_t plain_start = 0;
  size_t i = 0;
  auto flush = [&](size_t end) { b->Text(text.substr(plain_start, end - plain_start)); };
  while (i < text.size()) {
    char c = text[i];
    bool at_boundary = i == 0 || !IsWordChar(text[i - 1]);
    if ((c == '@' || c == '#') && at_boundary) {
      size_t end = i + 1;
      while (end < text.size() && IsWordChar(text[end])) ++end;
      if (c == '@' && end > i + 1) {
        size_t name_end = end;
        if (end + 1 < text.size() && text[end] == '@' && IsDomainChar(text[end + 1])) {
          size_t domain_end = end + 1;
          while (domain_end < text.size() && IsDomainChar(text[domain_end])) ++domain_end;
          while (domain_end > end + 1 &&
                 (text[domain_end - 1] == '.' || text[domain_end - 1] == '-')) {
            --domain_end;
          }
          end = domain_end;
        }
        if (auto found = FindAccount(accounts, text.substr(i + 1, end - i - 1))) {
          flush(i);
          b->Mention(accounts[*found].url, accounts[*found].username);
          if (std::find(post->mentions.begin(), post->mentions.end(), *found) ==
              post->mentions.end()) {
            post->mentions.push_back(*found);
          }
          plain_start = i = end;
          continue;
        }
        end = name_end;
      }
      std::string_view name = text.substr(i + 1, end - i - 1);
      bool has_letter = name.find_first_not_of("0123456789_") != std::string_view::npos;
      if (c == '#' && has_letter) {
        flush(i);
        b->Hashtag(base_url, name);
        std::string tag = AsciiLower(name);
        if (std::find(post->tags.begin(), post->tags.end(), tag) == post->tags.end()) {
          post->tags.push_back(tag);
        }
        plain_start = i = end;
        continue;
      }
      i = end;
      continue;
    }
    ++i;
  }
  flush(text.size());
}

// Renders the posted text as Mastodon would: blank lines separate paragraphs, single newlines
// become <br />.
void RenderReplyContent(const std::vector<Account>& accounts, const std::string& base_url,
                        std::string_view text, Post* post) {
  ContentBuilder b;
  size_t start = 0;
  std::string normalized;
  for (char c : text) {
    if (c != '\r') normalized.push_back(c);
  }
  std::string_view rest = normalized;
  while (start <= rest.size()) {
    size_t gap = rest.find("\n\n", start);
    std::string_view paragraph =
        rest.substr(start, gap == std::string_view::npos ? gap : gap - start);
    if (!paragraph.empty()) {
      b.ParagraphBreak();
      WriteLinkified(accounts, base_url, paragraph, &b, post);
    }
    if (gap == std::string_view::npos) break;
    start = gap + 2;
    while (start < rest.size() && rest[start] == '\n') ++start;
  }
  post->content = b.Html();
  post->text = b.PlainText();
}

}  // namespace

std::string MastodonApi::StatusJsonLocked(uint64_t id) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteStatus(w, posts_.at(id), Context());
  return JsonString(buffer);
}

ApiResponse MastodonApi::PostStatus(const Call& call) {
  std::optional<Params> params = ReadParams(call.request);
  if (!params) return ErrorResponse(400, "Error occurred while parsing request parameters");
  std::string text = FirstParam(*params, "status").value_or("");
  std::string reply_to = FirstParam(*params, "in_reply_to_id").value_or("");
  std::string visibility = FirstParam(*params, "visibility").value_or("");
  std::string language = FirstParam(*params, "language").value_or("");
  std::string spoiler = FirstParam(*params, "spoiler_text").value_or("");
  std::string key = FindHeader(call.request.headers, "Idempotency-Key").value_or("");
  if (visibility.empty()) visibility = "public";

  std::lock_guard lock(mu_);
  if (!key.empty()) {
    if (auto it = idempotency_.find(key); it != idempotency_.end()) {
      return JsonResponse(200, StatusJsonLocked(it->second));
    }
  }
  if (IsBlank(text)) return ErrorResponse(422, "Validation failed: Text can't be blank");
  if (CountCodePoints(text) > kMaxCharacters) {
    return ErrorResponse(422, "Validation failed: Text character limit of 500 exceeded");
  }
  if (visibility != "public" && visibility != "unlisted" && visibility != "private" &&
      visibility != "direct") {
    return ErrorResponse(422, "Validation failed: Visibility is not included in the list");
  }
  const Post* parent = nullptr;
  if (!reply_to.empty()) {
    std::optional<uint64_t> parent_id = ParseId(reply_to);
    auto it = parent_id ? posts_.find(*parent_id) : posts_.end();
    if (it == posts_.end()) return ErrorResponse(404, "Record not found");
    parent = &it->second;
  }

  TimePoint now = clock_.Now();
  Post post;
  post.id = std::max(SnowflakeId(now, 0), last_id_ + 1);
  post.created_at = now;
  post.account = kBrandAccount;
  if (parent) {
    post.in_reply_to_id = parent->id;
    post.in_reply_to_account_id = accounts_[parent->account].id;
  }
  if (!language.empty()) post.language = language;
  post.visibility = visibility;
  post.spoiler_text = spoiler;
  post.sensitive = !spoiler.empty();
  post.application = std::string(kApplicationName);
  const Account& brand = accounts_[kBrandAccount];
  post.uri = brand.uri + "/statuses/" + std::to_string(post.id);
  post.url = brand.url + "/" + std::to_string(post.id);
  RenderReplyContent(accounts_, options_.base_url, text, &post);

  if (parent) ++posts_.at(parent->id).replies_count;
  uint64_t id = post.id;
  InsertLocked(std::move(post));
  if (!key.empty()) idempotency_.emplace(key, id);
  log_.RecordReply({"mastodon", std::to_string(id), reply_to, text, key});
  return JsonResponse(200, StatusJsonLocked(id));
}

}  // namespace heed::sandbox
