#include "platforms/platforms.h"

namespace heed::sandbox {

const std::vector<EmulatorEntry>& EmulatorRegistry() {
  // The prefix is the platform name used in connector configs.
  static const std::vector<EmulatorEntry> kEntries = {
      {"bluesky", MakeBlueskyEmulator},
      {"reddit", MakeRedditEmulator},
      {"x", MakeXEmulator},
      {"youtube", MakeYoutubeEmulator},
      {"facebook", MakeFacebookEmulator},
      {"instagram", MakeInstagramEmulator},
      {"google_business", MakeGoogleBusinessEmulator},
      {"trustpilot", MakeTrustpilotEmulator},
      {"google_play", MakeGooglePlayEmulator},
      {"app_store", MakeAppStoreEmulator},
      {"hackernews", MakeHackerNewsEmulator},
      {"rss", MakeRssEmulator},
  };
  return kEntries;
}

}  // namespace heed::sandbox
