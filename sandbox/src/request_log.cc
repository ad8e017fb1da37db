#include "request_log.h"

#include "emulator_kit.h"

namespace heed::sandbox {
namespace {

std::string RequestsToJson(const std::vector<RecordedRequest>& requests) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartArray();
  for (const RecordedRequest& r : requests) {
    w.StartObject();
    WriteString(w, "method", r.method);
    WriteString(w, "path", r.path);
    WriteString(w, "query", r.query);
    WriteString(w, "body", r.body);
    WriteBool(w, "authorized", r.authorized);
    w.EndObject();
  }
  w.EndArray();
  return JsonString(buffer);
}

}  // namespace

void RequestLog::Record(RecordedRequest request) {
  std::lock_guard lock(mu_);
  requests_.push_back(std::move(request));
}

void RequestLog::RecordViolation(RecordedRequest request) {
  std::lock_guard lock(mu_);
  violations_.push_back(std::move(request));
}

void RequestLog::RecordReply(RecordedReply reply) {
  std::lock_guard lock(mu_);
  replies_.push_back(std::move(reply));
}

std::vector<RecordedRequest> RequestLog::Requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::vector<RecordedRequest> RequestLog::Violations() const {
  std::lock_guard lock(mu_);
  return violations_;
}

std::vector<RecordedReply> RequestLog::Replies() const {
  std::lock_guard lock(mu_);
  return replies_;
}

std::string RequestLog::RequestsJson() const { return RequestsToJson(Requests()); }

std::string RequestLog::ViolationsJson() const { return RequestsToJson(Violations()); }

std::string RequestLog::RepliesJson() const {
  std::vector<RecordedReply> replies = Replies();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartArray();
  for (const RecordedReply& r : replies) {
    w.StartObject();
    WriteString(w, "platform", r.platform);
    WriteString(w, "id", r.id);
    WriteString(w, "in_reply_to_id", r.in_reply_to_id);
    WriteString(w, "text", r.text);
    WriteString(w, "idempotency_key", r.idempotency_key);
    w.EndObject();
  }
  w.EndArray();
  return JsonString(buffer);
}

}  // namespace heed::sandbox
