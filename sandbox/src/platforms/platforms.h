// One factory per emulated platform; each lives in platforms/<name>.cc.
#pragma once

#include "emulator.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeBlueskyEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeRedditEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeXEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeYoutubeEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeFacebookEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeInstagramEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeGoogleBusinessEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeTrustpilotEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeGooglePlayEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeAppStoreEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeHackerNewsEmulator(const EmulatorContext& context);
std::unique_ptr<PlatformEmulator> MakeRssEmulator(const EmulatorContext& context);

}  // namespace heed::sandbox
