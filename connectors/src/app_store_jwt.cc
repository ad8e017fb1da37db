#include "app_store_jwt.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <utility>

namespace heed::connectors {
namespace {

constexpr size_t kMaxPemBytes = 16 * 1024;
constexpr size_t kMaxIdBytes = 128;
constexpr int kCoordinateBytes = 32;  // P-256

// Issuer ids are UUIDs and key ids 10 alphanumerics; this also keeps them JSON-safe.
bool IsSafeId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

struct AppStoreJwt::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

std::string Base64UrlEncode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  auto at = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
    out.push_back(kAlphabet[v >> 6 & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (bytes.size() - i == 1) {
    uint32_t v = at(i) << 16;
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
  } else if (bytes.size() - i == 2) {
    uint32_t v = at(i) << 16 | at(i + 1) << 8;
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
    out.push_back(kAlphabet[v >> 6 & 63]);
  }
  return out;
}

Result<std::unique_ptr<AppStoreJwt>> AppStoreJwt::Create(std::string_view account,
                                                         std::string_view pem, Clock& clock) {
  size_t colon = account.find(':');
  if (colon == std::string_view::npos || !IsSafeId(account.substr(0, colon)) ||
      !IsSafeId(account.substr(colon + 1))) {
    return Status::InvalidArgument(
        "app_store account must be \"ISSUER_ID:KEY_ID\" (letters, digits, '-', '_', '.')");
  }
  const Status bad_key = Status::InvalidArgument(
      "app_store token is not an EC P-256 private key in PEM form (the .p8 file's contents)");
  if (pem.empty() || pem.size() > kMaxPemBytes) return bad_key;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return Status::Internal("app_store: BIO_new_mem_buf failed");
  auto key = std::make_unique<Key>();
  // An empty passphrase callback result: encrypted keys fail instead of prompting on a tty.
  static char kNoPassword[] = "";
  key->pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, kNoPassword);
  BIO_free(bio);
  if (key->pkey == nullptr || EVP_PKEY_get_base_id(key->pkey) != EVP_PKEY_EC) return bad_key;
  std::array<char, 64> group{};
  size_t group_len = 0;
  if (EVP_PKEY_get_group_name(key->pkey, group.data(), group.size(), &group_len) != 1) {
    return bad_key;
  }
  std::string_view name(group.data(), group_len);
  if (name != "prime256v1" && name != "P-256" && name != "secp256r1") return bad_key;
  return std::unique_ptr<AppStoreJwt>(new AppStoreJwt(std::string(account.substr(0, colon)),
                                                      std::string(account.substr(colon + 1)),
                                                      std::move(key), clock));
}

AppStoreJwt::AppStoreJwt(std::string issuer_id, std::string key_id, std::unique_ptr<Key> key,
                         Clock& clock)
    : issuer_id_(std::move(issuer_id)),
      key_id_(std::move(key_id)),
      key_(std::move(key)),
      clock_(clock) {}

AppStoreJwt::~AppStoreJwt() = default;

Result<std::string> AppStoreJwt::Token() {
  TimePoint now = clock_.Now();
  if (!cached_.empty() && now + kRefreshMargin < cached_expiry_) return cached_;
  int64_t now_seconds = ToUnixMillis(now) / 1000;
  HEED_ASSIGN_OR_RETURN(std::string token, Mint(now_seconds));
  cached_ = std::move(token);
  cached_expiry_ = FromUnixMillis((now_seconds + std::chrono::seconds(kLifetime).count()) * 1000);
  return cached_;
}

Result<std::string> AppStoreJwt::Mint(int64_t now_seconds) const {
  const int64_t exp = now_seconds + std::chrono::seconds(kLifetime).count();
  std::string header = R"({"alg":"ES256","kid":")" + key_id_ + R"(","typ":"JWT"})";
  std::string claims = R"({"iss":")" + issuer_id_ + R"(","iat":)" + std::to_string(now_seconds) +
                       R"(,"exp":)" + std::to_string(exp) + R"(,"aud":"appstoreconnect-v1"})";
  std::string signing_input = Base64UrlEncode(header) + "." + Base64UrlEncode(claims);

  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return Status::Internal("app_store: EVP_MD_CTX_new failed");
  std::string der;
  size_t der_len = 0;
  bool ok = EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_->pkey) == 1 &&
            EVP_DigestSign(ctx, nullptr, &der_len,
                           reinterpret_cast<const unsigned char*>(signing_input.data()),
                           signing_input.size()) == 1;
  if (ok) {
    der.resize(der_len);
    ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(der.data()), &der_len,
                        reinterpret_cast<const unsigned char*>(signing_input.data()),
                        signing_input.size()) == 1;
    der.resize(der_len);
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) return Status::Internal("app_store: signing the JWT failed");

  // DER ECDSA-Sig-Value -> JOSE raw r||s.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (sig == nullptr) return Status::Internal("app_store: unreadable ECDSA signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  std::string raw(2 * kCoordinateBytes, '\0');
  ok = BN_bn2binpad(r, reinterpret_cast<unsigned char*>(raw.data()), kCoordinateBytes) ==
           kCoordinateBytes &&
       BN_bn2binpad(s, reinterpret_cast<unsigned char*>(raw.data()) + kCoordinateBytes,
                    kCoordinateBytes) == kCoordinateBytes;
  ECDSA_SIG_free(sig);
  if (!ok) return Status::Internal("app_store: ECDSA signature does not fit P-256");
  return signing_input + "." + Base64UrlEncode(raw);
}

}  // namespace heed::connectors
