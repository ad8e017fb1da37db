// MakeConnector: the one place that knows which platforms exist.
#include <memory>
#include <string_view>

#include "heed/connectors/connector.h"
#include "platforms.h"
#include "retrying_transport.h"

namespace heed::connectors {
namespace {

struct PlatformEntry {
  std::string_view name;  // the config's `platform` value
  ConnectorFactory make;
};

constexpr PlatformEntry kPlatforms[] = {
    {"mastodon", MakeMastodonConnector},
    {"bluesky", MakeBlueskyConnector},
    {"reddit", MakeRedditConnector},
    {"x", MakeXConnector},
    {"youtube", MakeYoutubeConnector},
    {"facebook", MakeFacebookConnector},
    {"instagram", MakeInstagramConnector},
    {"google_business", MakeGoogleBusinessConnector},
    {"trustpilot", MakeTrustpilotConnector},
    {"google_play", MakeGooglePlayConnector},
    {"app_store", MakeAppStoreConnector},
    {"hackernews", MakeHackerNewsConnector},
    {"rss", MakeRssConnector},
};

// Owns the retrying decorator the connector talks through.
class OwningConnector final : public Connector {
 public:
  OwningConnector(std::unique_ptr<HttpTransport> transport, std::unique_ptr<Connector> inner)
      : transport_(std::move(transport)), inner_(std::move(inner)) {}
  const std::string& name() const override { return inner_->name(); }
  const std::string& platform() const override { return inner_->platform(); }
  Capabilities capabilities() const override { return inner_->capabilities(); }
  Result<Page> FetchPage(const std::string& checkpoint) override {
    return inner_->FetchPage(checkpoint);
  }
  Result<PostedReply> PostReply(const ReplyRequest& request) override {
    return inner_->PostReply(request);
  }

 private:
  std::unique_ptr<HttpTransport> transport_;  // outlives inner_ (destroyed after it)
  std::unique_ptr<Connector> inner_;
};

}  // namespace

Result<std::unique_ptr<Connector>> MakeConnector(const ConnectorConfig& config,
                                                 HttpTransport& transport, Clock& clock) {
  std::string supported;
  for (const PlatformEntry& entry : kPlatforms) {
    if (entry.name == config.platform) {
      auto retrying = std::make_unique<RetryingTransport>(transport, clock);
      HEED_ASSIGN_OR_RETURN(std::unique_ptr<Connector> connector,
                            entry.make(config, *retrying, clock));
      return std::unique_ptr<Connector>(
          std::make_unique<OwningConnector>(std::move(retrying), std::move(connector)));
    }
    supported += (supported.empty() ? "" : ", ") + std::string(entry.name);
  }
  return Status::InvalidArgument("unknown platform \"" + config.platform + "\" for connector \"" +
                                 config.name + "\" (supported: " + supported + ")");
}

}  // namespace heed::connectors
