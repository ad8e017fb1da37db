// Placeholder until the hackernews emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeHackerNewsEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
