// Private keys for tests, generated at run time so that none is ever committed.
#pragma once

#include <string>

namespace heed::testing {

// A fresh private key in PKCS#8 PEM: `type` "EC" with curve `param` ("P-256", "P-384"), or
// "RSA" with param nullptr (1024 bits). "" if OpenSSL fails.
std::string NewPrivateKeyPem(const char* type, const char* param);

// A fresh EC P-256 key: the App Store's .p8 shape (the app_store connector's token).
inline std::string NewP8Key() { return NewPrivateKeyPem("EC", "P-256"); }

}  // namespace heed::testing
