// The sandbox's record of what clients did: every platform request, the violations among them
// and the statuses they created.
//
// Thread safety: safe for concurrent use.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "heed/sandbox/sandbox.h"

namespace heed::sandbox {

class RequestLog {
 public:
  void Record(RecordedRequest request);
  void RecordViolation(RecordedRequest request);
  void RecordReply(RecordedReply reply);

  std::vector<RecordedRequest> Requests() const;
  std::vector<RecordedRequest> Violations() const;
  std::vector<RecordedReply> Replies() const;

  // JSON arrays for the /_sandbox/ inspection endpoints.
  std::string RequestsJson() const;
  std::string ViolationsJson() const;
  std::string RepliesJson() const;

 private:
  mutable std::mutex mu_;
  std::vector<RecordedRequest> requests_;    // guarded by mu_
  std::vector<RecordedRequest> violations_;  // guarded by mu_
  std::vector<RecordedReply> replies_;       // guarded by mu_
};

}  // namespace heed::sandbox
