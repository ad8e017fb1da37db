#include "platforms/app_store_trustpilot_common.h"

#include <array>

#include "heed/core/text.h"
#include "prng.h"

namespace heed::sandbox::review_sites {
namespace {

constexpr std::array<std::string_view, 22> kNegative = {
    "refund", "broken",       "worst",    "terrible", "disappoint", "never",  "waiting", "still",
    "cancel", "crash",        "not work", "doesn't",  "rimborso",   "rotto",  "pessim",  "ancora",
    "attesa", "non funziona", "delus",    "vergogna", "problema",   "problem"};
constexpr std::array<std::string_view, 16> kPositive = {
    "love",   "great", "thank",   "amazing",   "perfect", "excellent", "awesome", "happy",
    "grazie", "ottim", "perfett", "fantastic", "adoro",   "bravi",     "felice",  "top"};

int Count(const std::string& lower, auto& words) {
  int n = 0;
  for (std::string_view w : words) n += lower.find(w) != std::string::npos;
  return n;
}

std::string StripMention(std::string text, const std::string& username) {
  const std::string handle = "@" + username;
  for (size_t pos; (pos = text.find(handle)) != std::string::npos;) {
    size_t end = pos + handle.size();
    // Drop a "@domain" part and one following space.
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    if (end < text.size() && text[end] == ' ') ++end;
    text.erase(pos, end - pos);
  }
  size_t b = text.find_first_not_of(" \n");
  size_t e = text.find_last_not_of(" \n");
  return b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
}

std::string TitleOf(const std::string& body) {
  std::string title;
  int words = 0;
  for (size_t i = 0; i < body.size() && words < 6; ++i) {
    char c = body[i];
    if (c == '\n') break;
    if (c == ' ') ++words;
    if (words < 6) title.push_back(c);
  }
  while (!title.empty() && (title.back() == ' ' || title.back() == ',')) title.pop_back();
  return SanitizeUtf8(title);
}

}  // namespace

std::vector<ReviewSeed> MakeReviews(const Corpus& corpus, uint64_t seed) {
  std::vector<ReviewSeed> out;
  const std::string brand =
      corpus.accounts.empty() ? std::string() : corpus.accounts[kBrandAccount].username;
  for (const Post& post : corpus.mention_posts) {
    ReviewSeed r;
    r.post = &post;
    r.body = brand.empty() ? post.text : StripMention(post.text, brand);
    if (r.body.empty()) r.body = post.text;
    r.title = TitleOf(r.body);
    r.language = post.language.value_or("");
    Prng rng(seed * 0x9e3779b97f4a7c15ULL ^ post.id);
    std::string lower = AsciiLower(r.body);
    int tone = Count(lower, kPositive) - Count(lower, kNegative);
    if (tone > 0) {
      r.rating = 4 + static_cast<int>(rng.Below(2));
    } else if (tone < 0) {
      r.rating = 1 + static_cast<int>(rng.Below(2));
    } else {
      r.rating = 2 + static_cast<int>(rng.Below(3));
    }
    if (rng.Below(4) == 0) {
      bool italian = r.language == "it";
      r.owner_reply = italian ? "Grazie per la recensione, ci dispiace per l'inconveniente."
                              : "Thanks for your review, we are sorry for the trouble.";
      r.owner_reply_at = post.created_at + std::chrono::minutes(30 + rng.Below(90));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string HexId(uint64_t seed, uint64_t value, size_t digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  Prng rng(seed ^ (value * 0xbf58476d1ce4e5b9ULL));
  std::string out;
  while (out.size() < digits) {
    uint64_t v = rng.Next();
    for (int i = 0; i < 16 && out.size() < digits; ++i, v >>= 4) out.push_back(kHex[v & 15]);
  }
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '-') {
      v = 62;
    } else if (c == '_') {
      v = 63;
    } else {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace heed::sandbox::review_sites
