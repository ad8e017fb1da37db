#include "heed/core/http.h"

#include <gtest/gtest.h>

namespace heed {
namespace {

TEST(Http, HeaderLookupIsCaseInsensitive) {
  HttpResponse r{200, {{"X-RateLimit-Remaining", "299"}}, ""};
  EXPECT_EQ(r.Header("x-ratelimit-remaining").value_or(""), "299");
  EXPECT_FALSE(r.Header("link").has_value());
}

TEST(Http, UrlEncodeAndRedact) {
  EXPECT_EQ(UrlEncode("types[]=a b"), "types%5B%5D%3Da%20b");
  EXPECT_EQ(RedactUrl("https://x.test/a?q=1&access_token=s3cret&Key=k"),
            "https://x.test/a?q=1&access_token=REDACTED&Key=REDACTED");
  EXPECT_EQ(RedactUrl("https://x.test/a"), "https://x.test/a");
}

}  // namespace
}  // namespace heed
