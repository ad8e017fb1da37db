// Placeholder until the trustpilot emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeTrustpilotEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
