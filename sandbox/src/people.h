// Generated sandbox accounts: varied English and Italian people, local and on other instances,
// some display names with accents or emoji, plus the brand's own account.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "content.h"
#include "phrases.h"
#include "prng.h"

namespace heed::sandbox {

// The brand's support account (local, username = brand).
Account MakeBrandAccount(const std::string& brand, const std::string& base_url, TimePoint now);

// `count` distinct people writing in `lang`. `taken` holds usernames already used (updated).
std::vector<Account> MakePeople(Prng& rng, Lang lang, int count, const std::string& base_url,
                                TimePoint now, std::unordered_set<std::string>* taken);

}  // namespace heed::sandbox
