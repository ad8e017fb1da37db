// libFuzzer target: reply templates files (templates.h): Parse, then Render every template in a
// few languages, with all variables and with none (a missing variable is an error, not a crash).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "fuzz_check.h"
#include "heed/responder/templates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto set = heed::responder::TemplateSet::Parse(heed::fuzz::AsText(data, size), "fuzz.templates");
  if (!set.ok()) {
    HEED_FUZZ_CHECK(set.status().message().find("fuzz.templates") != std::string::npos);
    return 0;
  }
  const std::map<std::string, std::string> vars = {
      {"name", "Giulia"}, {"handle", "@giulia"}, {"platform", "mastodon"}, {"ticket", "HEED-1"}};
  for (const std::string& name : set->Names()) {
    HEED_FUZZ_CHECK(set->Has(name));
    for (const char* language : {"en", "it-IT", "pt-BR", ""}) {
      auto rendered = set->Render(name, language, vars);
      if (rendered.ok()) HEED_FUZZ_CHECK(!rendered->language.empty());
      (void)set->Render(name, language, {});
    }
  }
  // Merging the file over the built-in set must keep every name renderable.
  auto defaults = heed::responder::TemplateSet::Defaults();
  HEED_FUZZ_CHECK(defaults.ok());
  defaults->Merge(*set);
  for (const std::string& name : defaults->Names()) HEED_FUZZ_CHECK(defaults->Has(name));
  return 0;
}
