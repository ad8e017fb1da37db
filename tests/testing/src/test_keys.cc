#include "heed/testing/test_keys.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace heed::testing {

std::string NewPrivateKeyPem(const char* type, const char* param) {
  EVP_PKEY* key = param ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, param)
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, type, size_t{1024});
  if (key == nullptr) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

}  // namespace heed::testing
