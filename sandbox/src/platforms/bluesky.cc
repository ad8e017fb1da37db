// Placeholder until the bluesky emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeBlueskyEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
