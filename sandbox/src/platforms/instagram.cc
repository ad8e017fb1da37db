// Placeholder until the instagram emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeInstagramEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
