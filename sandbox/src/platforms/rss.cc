// Placeholder until the rss emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeRssEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
