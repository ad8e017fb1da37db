// libFuzzer target: the configuration parser (app/config.h). Config files are written by people
// and copied around: any text must give a Config or an error naming the problem.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "heed/app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(heed::fuzz::AsText(data, size));
  heed::app::ConfigContext context;
  // Holidays files named by the input resolve here: a directory that does not exist, so the
  // fuzzer never reads the machine's files (ParseConfig reports them missing).
  context.base_dir = "/nonexistent/heed-fuzz";
  context.reference_year = 2026;  // no clock read: deterministic
  auto config = heed::app::ParseConfig(text, "fuzz.conf", context);
  if (!config.ok()) HEED_FUZZ_CHECK(!config.status().message().empty());
  return 0;
}
