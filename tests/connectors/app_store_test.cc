// App Store connector: the ES256 JWT, JSON:API parsing, the newest-first review walk, requests
// over FakeHttpTransport, error mapping and the one-response-per-review reply rule.
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <rapidjson/document.h>

#include "app_store_connector.h"
#include "app_store_jwt.h"
#include "app_store_parse.h"
#include "app_store_trustpilot_walk.h"
#include "heed/testing/fake_http.h"
#include "heed/testing/test_keys.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kAccount[] = "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1:2X9R4HXF34";
constexpr char kReviews[] = "/v1/apps/1234567890/customerReviews";
constexpr char kResponses[] = "/v1/customerReviewResponses";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

std::string KeyPem(const char* type, const char* param) {
  return heed::testing::NewPrivateKeyPem(type, param);
}

std::string Base64UrlDecode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = c >= 'A' && c <= 'Z'   ? c - 'A'
            : c >= 'a' && c <= 'z' ? c - 'a' + 26
            : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '-'             ? 62
            : c == '_'             ? 63
                                   : -1;
    if (v < 0) return "<bad>";
    buffer = buffer << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>(buffer >> bits & 0xFF));
    }
  }
  return out;
}

std::vector<std::string> SplitJwt(const std::string& jwt) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = jwt.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(jwt.substr(start, dot - start));
  }
  parts.push_back(jwt.substr(start));
  return parts;
}

// Verifies a JOSE ES256 signature (raw r||s) over "header.claims" with pem's public key.
bool VerifyEs256(const std::string& pem, const std::string& jwt) {
  std::vector<std::string> parts = SplitJwt(jwt);
  if (parts.size() != 3) return false;
  std::string input = parts[0] + "." + parts[1];
  std::string raw = Base64UrlDecode(parts[2]);
  if (raw.size() != 64) return false;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) return false;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  ECDSA_SIG_set0(sig, BN_bin2bn(bytes, 32, nullptr), BN_bin2bn(bytes + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int der_len = i2d_ECDSA_SIG(sig, &der);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, der, static_cast<size_t>(der_len),
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  EVP_PKEY_free(key);
  return ok;
}

rapidjson::Document Json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  return doc;
}

TEST(AppStoreJwtTest, MintsVerifiableEs256TokenAndCachesIt) {
  std::string pem = KeyPem("EC", "P-256");
  ASSERT_FALSE(pem.empty());
  SimulatedClock clock(At("2026-08-01T12:00:00Z"));
  auto jwt = AppStoreJwt::Create(kAccount, pem, clock);
  ASSERT_TRUE(jwt.ok()) << jwt.status().ToString();
  auto token = (*jwt)->Token();
  ASSERT_TRUE(token.ok());
  std::vector<std::string> parts = SplitJwt(*token);
  ASSERT_EQ(parts.size(), 3u);
  for (const std::string& p : parts) EXPECT_EQ(p.find('='), std::string::npos) << "padding";

  auto header = Json(Base64UrlDecode(parts[0]));
  ASSERT_TRUE(header.IsObject());
  EXPECT_STREQ(header["alg"].GetString(), "ES256");
  EXPECT_STREQ(header["kid"].GetString(), "2X9R4HXF34");
  EXPECT_STREQ(header["typ"].GetString(), "JWT");
  auto claims = Json(Base64UrlDecode(parts[1]));
  ASSERT_TRUE(claims.IsObject());
  EXPECT_STREQ(claims["iss"].GetString(), "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1");
  EXPECT_STREQ(claims["aud"].GetString(), "appstoreconnect-v1");
  int64_t iat = claims["iat"].GetInt64();
  EXPECT_EQ(iat, ToUnixMillis(At("2026-08-01T12:00:00Z")) / 1000);
  EXPECT_EQ(claims["exp"].GetInt64() - iat, 20 * 60);
  EXPECT_TRUE(VerifyEs256(pem, *token));

  // A different key does not verify it.
  EXPECT_FALSE(VerifyEs256(KeyPem("EC", "P-256"), *token));

  clock.Advance(std::chrono::minutes(10));
  EXPECT_EQ(*(*jwt)->Token(), *token) << "still valid: cached";
  clock.Advance(std::chrono::seconds(9 * 60 + 30));  // 30 s before expiry
  auto renewed = (*jwt)->Token();
  ASSERT_TRUE(renewed.ok());
  EXPECT_NE(*renewed, *token);
  EXPECT_TRUE(VerifyEs256(pem, *renewed));
}

TEST(AppStoreJwtTest, RejectsBadKeysAndAccountsWithoutEchoingTheKey) {
  SimulatedClock clock(At("2026-08-01T12:00:00Z"));
  const std::string garbage =
      "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n"
      "-----END PRIVATE KEY-----\n";
  for (const std::string& pem : {garbage, std::string("sandbox-token"), KeyPem("RSA", nullptr),
                                 KeyPem("EC", "P-384"), std::string()}) {
    auto jwt = AppStoreJwt::Create(kAccount, pem, clock);
    ASSERT_FALSE(jwt.ok());
    EXPECT_EQ(jwt.status().code(), StatusCode::kInvalidArgument);
    if (!pem.empty()) {
      EXPECT_EQ(jwt.status().message().find(pem), std::string::npos);
    }
    EXPECT_EQ(jwt.status().message().find("c2VjcmV0"), std::string::npos);
  }
  std::string pem = KeyPem("EC", "P-256");
  for (const char* account : {"", "issuer-only", ":KEY", "ISS:", "a b:c", "iss:k\"ey"}) {
    auto jwt = AppStoreJwt::Create(account, pem, clock);
    EXPECT_EQ(jwt.status().code(), StatusCode::kInvalidArgument) << account;
  }
}

TEST(AppStoreJwtTest, Base64UrlEncodeWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(AppStoreParseTest, FixturePageAllFields) {
  auto page =
      app_store::ParseReviewsPage(ReadTestData("app_store/reviews_page.json"), "1234567890", "ctx");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 4u);
  ASSERT_TRUE(page->next_cursor.has_value());
  EXPECT_EQ(*page->next_cursor, "Mg.AJ_xYz");

  const auto& first = page->items[0];
  ASSERT_TRUE(first.key_ok);
  ASSERT_TRUE(first.mention.ok()) << first.mention.status().ToString();
  const Mention& m = *first.mention;
  EXPECT_EQ(m.platform, "app_store");
  EXPECT_EQ(m.remote_id, "6b1f2c3d-0000-4a4a-9c9c-000000000003");
  EXPECT_EQ(first.id, m.remote_id);
  EXPECT_EQ(m.text,
            "Crashes on launch\nSince the last update the app crashes every time I open it.");
  EXPECT_EQ(m.rating, 1);
  EXPECT_EQ(m.author.id, "marta_r");
  EXPECT_EQ(m.author.handle, "marta_r");
  EXPECT_EQ(m.author.display_name, "marta_r");
  EXPECT_TRUE(m.author.profile_url.empty());
  EXPECT_TRUE(m.language.empty());
  EXPECT_EQ(m.url, "https://apps.apple.com/app/id1234567890?see-all=reviews");
  EXPECT_EQ(m.created_at, At("2026-08-01T13:30:00Z"));
  EXPECT_EQ(m.owner_reply, "Sorry about that! Version 2.3.1 fixes the crash.");
  EXPECT_TRUE(m.thread_id.empty() && m.parent_id.empty());
  EXPECT_NE(m.raw_json.find("marta_r"), std::string::npos);

  const Mention& second = *page->items[1].mention;
  EXPECT_EQ(second.text, "Love the new widgets.");
  EXPECT_EQ(second.rating, 5);
  EXPECT_TRUE(second.owner_reply.empty());

  // A bad rating: placed in the walk (it has id and date) but an error.
  EXPECT_TRUE(page->items[2].key_ok);
  EXPECT_EQ(page->items[2].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(page->items[2].mention.status().message().find("rating"), std::string::npos);
  // No id: cannot be placed.
  EXPECT_FALSE(page->items[3].key_ok);
  EXPECT_EQ(page->items[3].mention.status().code(), StatusCode::kDataLoss);
}

TEST(AppStoreParseTest, UnreadablePagesAreDataLoss) {
  for (const char* body :
       {"<html><body>Service Unavailable</body></html>", "{\"data\": [", "[]", "{\"data\": {}}",
        "\"text\"", "{\"data\":[],\"links\":{\"next\":\"https://x/y?limit=2\"}}",
        "{\"data\":[],\"links\":{\"next\":\"https://x/y?cursor=a b\"}}",
        "{\"data\":[],\"links\":{\"next\":\"https://x/y?cursor=\"}}",
        "{\"data\":[],\"links\":{\"next\":\"https://x/y?cursor&cursor=abc\"}}"}) {
    auto page = app_store::ParseReviewsPage(body, "1", "ctx");
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
  std::string deep(200, '[');
  EXPECT_EQ(app_store::ParseReviewsPage(deep, "1", "ctx").status().code(), StatusCode::kDataLoss);
  // Invalid UTF-8 in a field costs nothing but the bytes.
  auto page = app_store::ParseReviewsPage(
      "{\"data\":[{\"type\":\"customerReviews\",\"id\":\"r1\",\"attributes\":{\"rating\":4,"
      "\"body\":\"ok \xff\xfe\",\"createdDate\":\"2026-08-01T10:00:00Z\"}}]}",
      "1", "ctx");
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->items[0].mention.ok());
  EXPECT_EQ(page->items[0].mention->text, "ok \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(AppStoreParseTest, ErrorsDocumentIn200IsMapped) {
  auto page = app_store::ParseReviewsPage(
      R"({"errors":[{"status":"401","code":"NOT_AUTHORIZED","title":"Auth missing","detail":"d"}]})",
      "1", "ctx");
  EXPECT_EQ(page.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(page.status().message().find("NOT_AUTHORIZED: Auth missing: d"), std::string::npos);
}

TEST(AppStoreParseTest, ReplyBodyShape) {
  auto doc = Json(app_store::BuildReplyBody("rev-1", "Thanks \"Ann\""));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["data"]["type"].GetString(), "customerReviewResponses");
  EXPECT_STREQ(doc["data"]["attributes"]["responseBody"].GetString(), "Thanks \"Ann\"");
  EXPECT_STREQ(doc["data"]["relationships"]["review"]["data"]["type"].GetString(),
               "customerReviews");
  EXPECT_STREQ(doc["data"]["relationships"]["review"]["data"]["id"].GetString(), "rev-1");
}

// A customerReviews page (newest first): (id, createdDate) pairs.
std::string ReviewsJson(const std::vector<std::pair<std::string, std::string>>& reviews,
                        const std::string& next_cursor = "") {
  std::string body = R"({"data":[)";
  for (size_t i = 0; i < reviews.size(); ++i) {
    if (i > 0) body += ",";
    body += R"({"type":"customerReviews","id":")" + reviews[i].first +
            R"(","attributes":{"rating":3,"title":"t","body":"b )" + reviews[i].first +
            R"(","reviewerNickname":"n","createdDate":")" + reviews[i].second + R"("}})";
  }
  body += R"(],"links":{"self":"https://h/v1/apps/1/customerReviews")";
  if (!next_cursor.empty()) {
    body +=
        R"(,"next":"https://api.appstoreconnect.apple.com/v1/apps/1234567890/customerReviews?limit=2&cursor=)" +
        next_cursor + "\"";
  }
  return body + "}}";
}

HttpResponse Ok(std::string body, int status = 200, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

class AppStoreConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override { pem_ = KeyPem("EC", "P-256"); }

  ConnectorConfig Config(int limit = 2) {
    ConnectorConfig c;
    c.name = "acme-ios";
    c.platform = "app_store";
    c.base_url = "https://api.appstoreconnect.apple.com/";
    c.feed = "app:1234567890";
    c.token = pem_;
    c.account = kAccount;
    c.page_limit = limit;
    return c;
  }
  std::unique_ptr<AppStoreConnector> Make(int limit = 2) {
    auto c = AppStoreConnector::Create(Config(limit), fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoSecret(const Status& s) {
    EXPECT_EQ(s.message().find("PRIVATE KEY"), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find("Bearer"), std::string::npos) << s.message();
  }

  std::string pem_;
  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST_F(AppStoreConnectorTest, ConfigValidation) {
  ConnectorConfig c = Config();
  c.feed = "search:acme";
  auto bad = AppStoreConnector::Create(c, fake_, clock_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("app:APP_ID"), std::string::npos);
  c.feed = "app:acme";
  EXPECT_EQ(AppStoreConnector::Create(c, fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  c = Config();
  c.base_url = "ftp://x";
  EXPECT_EQ(AppStoreConnector::Create(c, fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  c = Config();
  c.token = "sandbox-token";
  auto no_key = MakeConnector(c, fake_, clock_);
  EXPECT_EQ(no_key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_key.status().message().find("sandbox-token"), std::string::npos);

  auto connector = Make();
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_TRUE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, 5970);
  EXPECT_GT(caps.backfill_pages, 0);
  EXPECT_EQ(connector->platform(), "app_store");
  EXPECT_EQ(connector->FetchPage("garbage").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(AppStoreConnectorTest, RequestShapeAndWalkOverPages) {
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, "C1")));
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r4", "2026-08-01T11:00:00Z"}, {"r3", "2026-08-01T10:00:00Z"}}, "C2")));
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"r2", "2026-08-01T09:00:00Z"}})));
  auto connector = Make();

  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(p1->mentions.size(), 2u);
  EXPECT_TRUE(p1->has_more);
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url,
            "https://api.appstoreconnect.apple.com/v1/apps/1234567890/customerReviews"
            "?sort=-createdDate&limit=2&include=response"
            "&fields%5BcustomerReviews%5D=rating,title,body,reviewerNickname,createdDate,"
            "territory,response"
            "&fields%5BcustomerReviewResponses%5D=responseBody,lastModifiedDate,state,review");
  std::string auth = FindHeader(requests[0].headers, "Authorization").value_or("");
  ASSERT_TRUE(auth.starts_with("Bearer "));
  EXPECT_TRUE(VerifyEs256(pem_, auth.substr(7)));

  // Restart-safe: the next page continues from the checkpoint's cursor, on the configured host.
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(p2->mentions.size(), 2u);
  EXPECT_TRUE(p2->has_more);
  EXPECT_TRUE(fake_.requests()[1].url.ends_with("&cursor=C1"));
  auto p3 = connector->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  ASSERT_EQ(p3->mentions.size(), 1u);
  EXPECT_EQ(p3->mentions[0].remote_id, "r2");
  EXPECT_FALSE(p3->has_more) << "the listing ended: the walk is complete";
  EXPECT_TRUE(p3->item_errors.empty());

  // Next scan: one new review on top; the walk stops at the previous floor.
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r7", "2026-08-01T13:30:00Z"}, {"r6", "2026-08-01T13:00:00Z"}}, "C3")));
  auto p4 = connector->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  ASSERT_EQ(p4->mentions.size(), 1u);
  EXPECT_EQ(p4->mentions[0].remote_id, "r7");
  // r6 is at the floor instant and known; the floor is not passed yet (no older item seen), so
  // the walk reads one more page, which reaches below the floor.
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r5", "2026-08-01T12:00:00Z"}, {"r4", "2026-08-01T11:00:00Z"}}, "C4")));
  ASSERT_TRUE(p4->has_more);
  auto p5 = connector->FetchPage(p4->next_checkpoint);
  ASSERT_TRUE(p5.ok());
  EXPECT_TRUE(p5->mentions.empty());
  EXPECT_FALSE(p5->has_more);

  // Nothing new: one request, nothing emitted.
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r7", "2026-08-01T13:30:00Z"}, {"r6", "2026-08-01T13:00:00Z"}}, "C5")));
  auto p6 = connector->FetchPage(p5->next_checkpoint);
  ASSERT_TRUE(p6.ok());
  EXPECT_TRUE(p6->mentions.empty());
  EXPECT_FALSE(p6->has_more);
}

TEST_F(AppStoreConnectorTest, FixturePageGivesItemErrorsAndMentions) {
  fake_.Enqueue("GET", kReviews, Ok(ReadTestData("app_store/reviews_page.json")));
  auto page = Make()->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->item_errors.size(), 2u);
  EXPECT_TRUE(page->has_more);
}

// Regression (fault soak, seed offset 7): a page served again in place of the one asked for
// hands back the cursor it was sent. The walk used to end there, moving its floor over the older
// reviews it had not read. Now the same page is asked for again and the walk goes on.
TEST_F(AppStoreConnectorTest, RepeatedCursorIsAskedAgain) {
  const std::string page1 =
      ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, "C1");
  fake_.Enqueue("GET", kReviews, Ok(page1));
  fake_.Enqueue("GET", kReviews, Ok(page1));  // asked for C1, served page 1 again
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r4", "2026-08-01T11:00:00Z"}, {"r3", "2026-08-01T10:00:00Z"}}, "C2")));
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"r2", "2026-08-01T09:00:00Z"}})));
  auto connector = Make();
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok());
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok()) << p2.status().ToString();
  EXPECT_TRUE(p2->item_errors.empty());
  ASSERT_EQ(p2->mentions.size(), 2u);
  EXPECT_EQ(p2->mentions[0].remote_id, "r4");
  EXPECT_TRUE(p2->has_more);
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_NE(requests[1].url.find("&cursor=C1"), std::string::npos);
  EXPECT_EQ(requests[2].url, requests[1].url);  // the same page asked again
  auto p3 = connector->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  ASSERT_EQ(p3->mentions.size(), 1u);
  EXPECT_EQ(p3->mentions[0].remote_id, "r2");
  EXPECT_FALSE(p3->has_more);
}

// A cursor that keeps coming back fails the fetch (kUnavailable, naming the platform and the
// repeat) instead of ending the walk; the checkpoint the caller holds still points at the
// unread page, and the next run reads it.
TEST_F(AppStoreConnectorTest, RepeatingCursorFailsWithoutMovingTheWalk) {
  const std::string page1 =
      ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, "C1");
  fake_.Enqueue("GET", kReviews, Ok(page1));
  for (int i = 0; i < review_walk::kMaxStaleAnswers; ++i) fake_.Enqueue("GET", kReviews, Ok(page1));
  auto connector = Make();
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok());
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_FALSE(p2.ok());
  EXPECT_EQ(p2.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(p2.status().message().find("app_store connector 'acme-ios'"), std::string::npos)
      << p2.status().message();
  EXPECT_NE(p2.status().message().find("repeats"), std::string::npos) << p2.status().message();
  ExpectNoSecret(p2.status());
  EXPECT_EQ(fake_.requests().size(), 1u + review_walk::kMaxStaleAnswers);
  // The next run, from the same checkpoint, gets the real page.
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"r4", "2026-08-01T11:00:00Z"}})));
  auto again = Make()->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->mentions.size(), 1u);
  EXPECT_EQ(again->mentions[0].remote_id, "r4");
}

TEST_F(AppStoreConnectorTest, ErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kReviews,
                Ok(R"({"errors":[{"id":"x","status":"401","code":"NOT_AUTHORIZED",
                       "title":"Authentication credentials are missing or invalid.","detail":"d"}]})",
                   401));
  auto unauth = connector->FetchPage("");
  EXPECT_EQ(unauth.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(unauth.status().message().find("NOT_AUTHORIZED"), std::string::npos);
  ExpectNoSecret(unauth.status());

  fake_.Enqueue("GET", kReviews,
                Ok(R"({"errors":[{"status":"429","code":"RATE_LIMIT_EXCEEDED","title":"t"}]})", 429,
                   {{"X-Rate-Limit", "user-hour-lim:3600;user-hour-rem:0;"}}));
  auto limited = connector->FetchPage("");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.status().retry_after(), AppStoreConnector::kRateLimitFallback);

  fake_.Enqueue("GET", kReviews, Ok("{}", 429, {{"Retry-After", "7"}}));
  EXPECT_EQ(connector->FetchPage("").status().retry_after(), Millis(7000));

  fake_.Enqueue("GET", kReviews, Ok("<html>maintenance</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kDataLoss);

  fake_.Enqueue("GET", kReviews, Ok("oops", 503));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnavailable);

  fake_.Enqueue("GET", kReviews, Status::Unavailable("connection refused"));
  auto down = connector->FetchPage("");
  EXPECT_EQ(down.status().code(), StatusCode::kUnavailable);
  ExpectNoSecret(down.status());
}

Mention Review(std::string owner_reply = "") {
  Mention m;
  m.platform = "app_store";
  m.remote_id = "6b1f2c3d-0000-4a4a-9c9c-000000000003";
  m.owner_reply = std::move(owner_reply);
  return m;
}

TEST_F(AppStoreConnectorTest, PostReplyShape) {
  fake_.Enqueue("POST", kResponses,
                Ok(R"({"data":{"type":"customerReviewResponses","id":"resp-9",
                       "attributes":{"responseBody":"Thanks","state":"PENDING_PUBLISH"}}})",
                   201));
  auto connector = Make();
  auto posted = connector->PostReply({Review(), "Thanks, fixed in 2.3.1", "key-1"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "resp-9");
  EXPECT_EQ(posted->url, "https://apps.apple.com/app/id1234567890?see-all=reviews");
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://api.appstoreconnect.apple.com/v1/customerReviewResponses");
  EXPECT_EQ(FindHeader(requests[0].headers, "Content-Type").value_or(""), "application/json");
  EXPECT_TRUE(FindHeader(requests[0].headers, "Authorization").value_or("").starts_with("Bearer "));
  auto body = Json(requests[0].body);
  ASSERT_TRUE(body.IsObject());
  EXPECT_STREQ(body["data"]["attributes"]["responseBody"].GetString(), "Thanks, fixed in 2.3.1");
  EXPECT_STREQ(body["data"]["relationships"]["review"]["data"]["id"].GetString(),
               "6b1f2c3d-0000-4a4a-9c9c-000000000003");
}

TEST_F(AppStoreConnectorTest, ReplaceNeedsConfirmation) {
  auto connector = Make();
  ReplyRequest request{Review("Sorry! Fixed in 2.3.1."), "New answer", "key-2"};
  auto refused = connector->PostReply(request);
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(
      refused.status().message().find("already has a public reply: \"Sorry! Fixed in 2.3.1.\""),
      std::string::npos);
  EXPECT_NE(refused.status().message().find("confirm replacing it"), std::string::npos);
  EXPECT_TRUE(fake_.requests().empty()) << "nothing may be sent without confirmation";

  fake_.Enqueue("POST", kResponses,
                Ok(R"({"data":{"type":"customerReviewResponses","id":"resp-10"}})", 201));
  request.replace_existing = true;
  auto replaced = connector->PostReply(request);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(AppStoreConnectorTest, ReplyValidationAndErrors) {
  auto connector = Make();
  EXPECT_EQ(connector->PostReply({Review(), "  ", "k"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(connector->PostReply({Review(), std::string(5971, 'a'), "k"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());
  fake_.Enqueue("POST", kResponses,
                Ok(R"({"errors":[{"status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID",
                       "title":"An attribute value is invalid."}]})",
                   409));
  auto invalid = connector->PostReply({Review(), std::string(5970, 'a'), "k"});
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
  ExpectNoSecret(invalid.status());
}

TEST(ReviewWalkTest, CheckpointRoundTrip) {
  review_walk::WalkState s;
  s.floor.Extend(At("2026-08-01T10:00:00Z"), "a;b,c%", true);
  s.floor.Extend(At("2026-08-01T10:00:00Z"), "d", true);
  s.walking = true;
  s.top.Extend(At("2026-08-01T12:00:00Z"), "t", true);
  s.low.Extend(At("2026-08-01T11:00:00Z"), "l", false);
  s.position = "Mg.AJ_x%2B=";
  s.pages = 3;
  s.stalls = 1;
  auto back = review_walk::Decode(review_walk::Encode(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->floor.ids, (std::vector<std::string>{"a;b,c%", "d"}));
  EXPECT_EQ(back->floor.time, At("2026-08-01T10:00:00Z"));
  EXPECT_TRUE(back->walking);
  EXPECT_EQ(back->top.ids, std::vector<std::string>{"t"});
  EXPECT_EQ(back->low.time, At("2026-08-01T11:00:00Z"));
  EXPECT_EQ(back->position, "Mg.AJ_x%2B=");
  EXPECT_EQ(back->pages, 3);
  EXPECT_EQ(back->stalls, 1);
  for (const char* bad :
       {"x", "w1;F;W2;T;L;P;N0;S0", "w1;F;W0;T;L;P;N-1;S0", "w1;Fx:;W0;T;L;P;N0;S0"}) {
    EXPECT_EQ(review_walk::Decode(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ReviewWalkTest, FirstRunIsBoundedByBackfillPages) {
  review_walk::WalkState s;
  for (int i = 0; i < 3; ++i) {
    review_walk::Item item;
    item.key_ok = true;
    item.id = "r" + std::to_string(i);
    item.created_at = At("2026-08-01T10:00:00Z") - std::chrono::hours(i);
    Mention m;
    m.remote_id = item.id;
    item.mention = m;
    std::vector<review_walk::Item> items;
    items.push_back(std::move(item));
    auto step = review_walk::Step(s, std::move(items), "next" + std::to_string(i),
                                  /*backfill_pages=*/2, "ctx");
    EXPECT_EQ(step.mentions.size(), 1u);
    s = step.next;
    if (i == 1) {
      EXPECT_FALSE(step.has_more) << "backfill bound reached";
      EXPECT_FALSE(s.walking);
      EXPECT_EQ(s.floor.time, At("2026-08-01T10:00:00Z"));
      break;
    }
    EXPECT_TRUE(step.has_more);
  }
}

}  // namespace
}  // namespace heed::connectors
