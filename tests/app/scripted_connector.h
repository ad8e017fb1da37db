// A connector for app tests: serves scripted pages keyed by the checkpoint it is asked for
// ("" first); an unknown checkpoint is the empty end of the feed. `fail_at` fails that one
// checkpoint, `failing` fails every fetch, and `on_fetch` runs before each fetch (e.g. to raise
// a stop). Replies are refused: these tests only read.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "heed/connectors/connector.h"

namespace heed::app::test_support {

class ScriptedConnector : public connectors::Connector {
 public:
  explicit ScriptedConnector(std::string name = "scripted") : name_(std::move(name)) {}
  const std::string& name() const override { return name_; }
  const std::string& platform() const override { return platform_; }
  connectors::Capabilities capabilities() const override { return {}; }
  Result<connectors::Page> FetchPage(const std::string& checkpoint) override {
    asked.push_back(checkpoint);
    if (on_fetch) on_fetch(checkpoint);
    if (failing) return Status::Unavailable("connection refused");
    if (fail_at && *fail_at == checkpoint) return Status::Unavailable("connection reset");
    auto it = pages.find(checkpoint);
    if (it == pages.end()) return connectors::Page{{}, {}, checkpoint, false};
    return it->second;
  }
  Result<connectors::PostedReply> PostReply(const connectors::ReplyRequest&) override {
    return Status::FailedPrecondition("read-only");
  }

  std::map<std::string, connectors::Page> pages;
  std::vector<std::string> asked;
  std::optional<std::string> fail_at;
  bool failing = false;
  std::function<void(const std::string&)> on_fetch;

 private:
  std::string name_;
  std::string platform_ = "mastodon";
};

}  // namespace heed::app::test_support
