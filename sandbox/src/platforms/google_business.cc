// Placeholder until the google_business emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeGoogleBusinessEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
