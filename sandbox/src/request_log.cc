#include "request_log.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace heed::sandbox {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string RequestsToJson(const std::vector<RecordedRequest>& requests) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  for (const RecordedRequest& r : requests) {
    w.StartObject();
    Field(w, "method", r.method);
    Field(w, "path", r.path);
    Field(w, "query", r.query);
    Field(w, "body", r.body);
    w.Key("authorized");
    w.Bool(r.authorized);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
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
  Writer w(buffer);
  w.StartArray();
  for (const RecordedReply& r : replies) {
    w.StartObject();
    Field(w, "platform", r.platform);
    Field(w, "id", r.id);
    Field(w, "in_reply_to_id", r.in_reply_to_id);
    Field(w, "text", r.text);
    Field(w, "idempotency_key", r.idempotency_key);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace heed::sandbox
