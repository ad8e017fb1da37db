// The App Store connector against the sandbox's App Store Connect emulator over loopback HTTP.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

// A fresh EC P-256 private key in PKCS#8 PEM (the .p8 shape), generated per run.
std::string NewP8Key() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
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

TEST(AppStoreSandbox, ReviewsIncrementalScanAndReply) {
  std::string pem = NewP8Key();
  ASSERT_FALSE(pem.empty());
  RunPlatformFlow({.platform = "app_store",
                   .feed = "app:1234567890",
                   .account = "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1:2X9R4HXF34",
                   .token = pem});
}

TEST(AppStoreSandbox, LargePagesScanAndReply) {
  std::string pem = NewP8Key();
  ASSERT_FALSE(pem.empty());
  RunPlatformFlow({.platform = "app_store",
                   .feed = "app:1234567890",
                   .account = "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1:2X9R4HXF34",
                   .token = pem,
                   .page_limit = 30,
                   .post_count = 70,
                   .expected_items = 70});
}

}  // namespace
}  // namespace heed::testing
