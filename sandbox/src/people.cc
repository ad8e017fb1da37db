#include "people.h"

#include <string_view>

namespace heed::sandbox {
namespace {

struct FirstName {
  std::string_view display;
  std::string_view ascii;
};

constexpr FirstName kEnFirst[] = {
    {"Emma", "emma"},   {"Liam", "liam"}, {"Olivia", "olivia"}, {"Noah", "noah"},
    {"Chloé", "chloe"}, {"Zoë", "zoe"},   {"Renée", "renee"},   {"Sam", "sam"},
    {"Priya", "priya"}, {"Tom", "tom"},   {"Hannah", "hannah"}, {"Jack", "jack"},
    {"Aisha", "aisha"}, {"José", "jose"}, {"Kate", "kate"},     {"Ben", "ben"}};
constexpr std::string_view kEnLast[] = {"Carter", "Nguyen", "Walsh",   "O'Brien",  "Patel",
                                        "Brooks", "Miller", "Fischer", "Kowalski", "Hughes"};
constexpr FirstName kItFirst[] = {
    {"Giulia", "giulia"},   {"Marco", "marco"},       {"Francesca", "francesca"},
    {"Luca", "luca"},       {"Niccolò", "niccolo"},   {"Chiara", "chiara"},
    {"Matteo", "matteo"},   {"Sofia", "sofia"},       {"Lorenzo", "lorenzo"},
    {"Alessia", "alessia"}, {"Davide", "davide"},     {"Martina", "martina"},
    {"Andrea", "andrea"},   {"Federica", "federica"}, {"Gianluca", "gianluca"},
    {"Elena", "elena"}};
constexpr std::string_view kItLast[] = {"Rossi", "Bianchi", "Esposito", "Romano",  "Colombo",
                                        "Ricci", "Marino",  "Greco",    "De Luca", "Mancini",
                                        "Costa", "Fontana", "Lombardi", "Gallo"};
constexpr std::string_view kEmoji[] = {"☕", "🌻", "✨", "🚲", "🎧", "🍕", "🌊", "📚", "🐈"};
constexpr std::string_view kEnDomains[] = {"mastodon.social", "mas.to",       "fosstodon.org",
                                           "hachyderm.io",    "mstdn.social", "social.coop"};
constexpr std::string_view kItDomains[] = {"mastodon.uno", "livellosegreto.it", "sociale.network",
                                           "mastodon.social", "mastodon.bida.im"};
constexpr std::string_view kEnNotes[] = {"", "<p>Coffee, code and cats.</p>",
                                         "<p>Dad. Runner. Opinions my own.</p>",
                                         "<p>Nurse by day, gamer by night.</p>"};
constexpr std::string_view kItNotes[] = {"", "<p>Caffè, libri e montagna.</p>",
                                         "<p>Ingegnera a Torino. Opinioni mie.</p>",
                                         "<p>Papà, ciclista, brontolone.</p>"};

std::string AsciiSurname(std::string_view last) {
  std::string out;
  for (char c : last) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c + 32));
    if (c >= 'a' && c <= 'z') out.push_back(c);
  }
  return out;
}

std::string DisplayName(Prng& rng, std::string_view first, std::string_view last) {
  std::string first_s(first), last_s(last);
  switch (rng.Below(7)) {
    case 0:
    case 1:
      return first_s + " " + last_s;
    case 2:
      return first_s;
    case 3:
      return first_s + " " + last_s.substr(0, 1) + ".";
    case 4:
      return first_s + " " + std::string(rng.Pick(kEmoji));
    case 5: {
      std::string lower = first_s + " " + last_s;
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      }
      return lower;
    }
    default:
      return rng.Chance(0.4) ? std::string() : first_s + " " + last_s;
  }
}

std::string Username(Prng& rng, std::string_view first, std::string_view last) {
  std::string f(first), l = AsciiSurname(last);
  switch (rng.Below(5)) {
    case 0:
      return f + "_" + l;
    case 1:
      return f + std::to_string(rng.Between(70, 99));
    case 2:
      return f + l;
    case 3:
      return f + "_" + l.substr(0, 1);
    default:
      return l + "_" + f.substr(0, 1);
  }
}

}  // namespace

Account MakeBrandAccount(const std::string& brand, const std::string& base_url, TimePoint now) {
  Account a;
  a.created_at = std::chrono::floor<std::chrono::days>(now - std::chrono::days(3 * 365 + 41));
  a.id = std::to_string(SnowflakeId(a.created_at, 1));
  a.username = brand;
  a.acct = brand;
  a.display_name = BrandDisplayName(brand) + " Support";
  a.note = "<p>Official " + BrandDisplayName(brand) +
           " customer care. We answer Mon–Sat, 8–20 CET. EN/IT.</p>";
  a.url = base_url + "/@" + brand;
  a.uri = base_url + "/ap/users/" + a.id;
  a.avatar = base_url + "/avatars/original/missing.png";
  a.header = base_url + "/headers/original/missing.png";
  a.followers_count = 1843;
  a.following_count = 12;
  a.statuses_count = 5120;
  a.local = true;
  return a;
}

std::vector<Account> MakePeople(Prng& rng, Lang lang, int count, const std::string& base_url,
                                TimePoint now, std::unordered_set<std::string>* taken) {
  bool en = lang == Lang::kEnglish;
  std::vector<Account> people;
  for (int i = 0; i < count; ++i) {
    const FirstName& first = en ? rng.Pick(kEnFirst) : rng.Pick(kItFirst);
    std::string_view last = en ? rng.Pick(kEnLast) : rng.Pick(kItLast);
    Account a;
    a.username = Username(rng, first.ascii, last);
    while (taken->count(a.username) > 0) {
      a.username += std::to_string(rng.Below(10));
    }
    taken->insert(a.username);
    a.display_name = DisplayName(rng, first.display, last);
    a.note = std::string(en ? rng.Pick(kEnNotes) : rng.Pick(kItNotes));
    a.created_at = std::chrono::floor<std::chrono::days>(
        now - std::chrono::days(rng.Between(20, 2400)) - std::chrono::hours(rng.Between(0, 23)));
    a.id = std::to_string(
        SnowflakeId(a.created_at + Millis(rng.Between(0, 86'399'999)), rng.Below(0x10000)));
    a.local = rng.Chance(0.35);
    if (a.local) {
      a.acct = a.username;
      a.url = base_url + "/@" + a.username;
      a.uri = base_url + "/ap/users/" + a.id;
    } else {
      std::string domain(en ? rng.Pick(kEnDomains) : rng.Pick(kItDomains));
      a.acct = a.username + "@" + domain;
      a.url = "https://" + domain + "/@" + a.username;
      a.uri = "https://" + domain + "/users/" + a.username;
    }
    a.avatar = base_url + "/avatars/original/missing.png";
    a.header = base_url + "/headers/original/missing.png";
    a.followers_count = static_cast<int>(rng.Between(0, 900));
    a.following_count = static_cast<int>(rng.Between(5, 600));
    a.statuses_count = static_cast<int>(rng.Between(3, 9000));
    people.push_back(std::move(a));
  }
  return people;
}

}  // namespace heed::sandbox
