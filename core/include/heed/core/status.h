// Status: the outcome of an operation that can fail, carried as a value across module
// boundaries. Codes are a small canonical set chosen for what the caller should do next:
//
//   kUnavailable        transient (network, 5xx, busy database): retry with backoff
//   kResourceExhausted  rate limited: wait (see retry_after), then retry
//   kUnauthenticated /  credentials wrong or missing: stop, tell the operator
//   kPermissionDenied
//   kInvalidArgument    the caller's input is wrong: report it, do not retry
//   kDataLoss           untrusted data (platform JSON, a database file) is malformed: skip it
//   kNotFound           the thing asked for does not exist
//   kAlreadyExists      a unique thing exists already
//   kFailedPrecondition the system is not in a state that allows this (e.g. append-only row)
//   kDeadlineExceeded   a timeout expired
//   kInternal           a bug or an unexpected library failure
//
// Thread safety: immutable after construction; safe to copy and share.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace heed {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kFailedPrecondition,
  kUnavailable,
  kDeadlineExceeded,
  kDataLoss,
  kUnimplemented,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status Unauthenticated(std::string m) {
    return {StatusCode::kUnauthenticated, std::move(m)};
  }
  // A rate limit was hit. retry_after, when the platform said, is how long to wait.
  static Status ResourceExhausted(std::string m,
                                  std::optional<std::chrono::milliseconds> retry_after = {}) {
    Status s(StatusCode::kResourceExhausted, std::move(m));
    s.retry_after_ = retry_after;
    return s;
  }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status DeadlineExceeded(std::string m) {
    return {StatusCode::kDeadlineExceeded, std::move(m)};
  }
  static Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
  static Status Unimplemented(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::optional<std::chrono::milliseconds> retry_after() const { return retry_after_; }

  // Returns a copy whose message is "context: message"; OK stays OK.
  Status WithContext(std::string_view context) const;

  // "OK" or "NOT_FOUND: message".
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::optional<std::chrono::milliseconds> retry_after_;
};

}  // namespace heed
