// Placeholder until the app_store emulator lands: the router answers 404 for this prefix.
#include "platforms/platforms.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeAppStoreEmulator(const EmulatorContext&) { return nullptr; }

}  // namespace heed::sandbox
