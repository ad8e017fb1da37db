// App Store Connect API tokens: ES256 JSON Web Tokens signed with the team's .p8 key (an EC
// P-256 private key in PEM), minted locally with OpenSSL libcrypto.
//
//   header  {"alg":"ES256","kid":KEY_ID,"typ":"JWT"}
//   claims  {"iss":ISSUER_ID,"iat":now,"exp":now+20min,"aud":"appstoreconnect-v1"}
//   signature  ECDSA P-256 over SHA-256 of "b64(header).b64(claims)", as raw r||s (64 bytes),
//   every part base64url without padding.
//
// Apple refuses tokens that live longer than 20 minutes, so a token is cached and re-minted
// once it is within kRefreshMargin of expiry, by the injected Clock.
//
// The key never appears in any message this class returns.
//
// Thread safety: not thread-safe (a connector is used by one thread at a time).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::connectors {

class AppStoreJwt {
 public:
  static constexpr std::chrono::minutes kLifetime{20};
  static constexpr std::chrono::seconds kRefreshMargin{60};

  // account is "ISSUER_ID:KEY_ID" (both non-empty, no whitespace); pem is the .p8 file's
  // contents. kInvalidArgument when account is malformed or pem is not an EC P-256 private key
  // (the message never quotes the key). clock must outlive the object.
  static Result<std::unique_ptr<AppStoreJwt>> Create(std::string_view account, std::string_view pem,
                                                     Clock& clock);
  ~AppStoreJwt();
  AppStoreJwt(const AppStoreJwt&) = delete;
  AppStoreJwt& operator=(const AppStoreJwt&) = delete;

  // The current token (cached), minting a new one when none is valid for at least
  // kRefreshMargin more. kInternal when libcrypto fails to sign.
  Result<std::string> Token();

  const std::string& issuer_id() const { return issuer_id_; }
  const std::string& key_id() const { return key_id_; }

 private:
  struct Key;
  AppStoreJwt(std::string issuer_id, std::string key_id, std::unique_ptr<Key> key, Clock& clock);
  Result<std::string> Mint(int64_t now_seconds) const;

  std::string issuer_id_;
  std::string key_id_;
  std::unique_ptr<Key> key_;
  Clock& clock_;
  std::string cached_;
  TimePoint cached_expiry_{};
};

// base64url without padding (RFC 7515 section 2), exposed for tests.
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace heed::connectors
