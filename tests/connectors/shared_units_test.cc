// The units every connector shares: checked JSON access (json_util), error context and secret
// scrubbing (connector_errors), request/capability boilerplate (connector_request) and small text
// helpers (connector_text).
#include <gtest/gtest.h>

#include <string>

#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors {
namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonUtil, ParseGuardsDepthAndReportsNonJson) {
  EXPECT_TRUE(json::Parse(Nested(64)).ok());
  Result<rapidjson::Document> deep = json::Parse(Nested(65));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(deep.status().message(), "response JSON nested deeper than 64");
  // Brackets inside strings do not count.
  EXPECT_TRUE(json::Parse("[\"" + std::string(100, '[') + "\"]").ok());

  Result<rapidjson::Document> html = json::Parse("<html>oops</html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(html.status().message().find("response is not JSON ("), std::string::npos);
  EXPECT_NE(html.status().message().find("body starts \"<html>oops</html>\""), std::string::npos);
}

TEST(JsonUtil, TypedMembers) {
  Result<rapidjson::Document> doc = json::Parse(
      R"({"s":"a\u00e9","n":1,"o":{"x":1},"t":"2024-05-01T10:00:00Z","bad_t":"yesterday"})");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(json::StringMember(*doc, "s"), "a\xC3\xA9");
  EXPECT_EQ(json::StringMember(*doc, "n"), std::nullopt);
  EXPECT_EQ(json::StringMember(*doc, "missing"), std::nullopt);
  EXPECT_NE(json::ObjectMember(*doc, "o"), nullptr);
  EXPECT_EQ(json::ObjectMember(*doc, "s"), nullptr);
  EXPECT_EQ(json::Member((*doc)["n"], "x"), nullptr);  // not an object
  EXPECT_EQ(json::IsoTimeMember(*doc, "t"), ParseIso8601("2024-05-01T10:00:00Z").value());
  EXPECT_EQ(json::IsoTimeMember(*doc, "bad_t"), std::nullopt);
  EXPECT_EQ(json::Serialize((*doc)["o"]), R"({"x":1})");
}

TEST(JsonUtil, WritingSanitises) {
  EXPECT_EQ(json::ObjectWithString("k", "v\xFF"), "{\"k\":\"v\xEF\xBF\xBD\"}");
}

TEST(JsonUtil, ClipMessageAndErrorBody) {
  EXPECT_EQ(json::ClipMessage("short"), "short");
  std::string clipped = json::ClipMessage(std::string(400, 'a'));
  EXPECT_EQ(clipped, std::string(300, 'a') + "...");
  // Ill-formed bytes are repaired before the cut, so the bound holds, and the cut never splits
  // a character.
  clipped = json::ClipMessage(std::string(400, '\xFF'));
  EXPECT_EQ(clipped.size(), 300u + 3u);  // 100 whole U+FFFD, then "..."
  EXPECT_TRUE(heed::IsValidUtf8(clipped));
  EXPECT_EQ(json::ClipMessage("bad \x1b]8;;http://x\x07link"), "bad link");
  EXPECT_EQ(json::ErrorBodyMessage(R"({"error":"nope","message":"m"})", "error"), "nope");
  EXPECT_EQ(json::ErrorBodyMessage("not json", "error"), "");
  EXPECT_EQ(json::ErrorBodyMessage(R"({"error":"x"})" + std::string(70000, ' '), "error"), "");
}

TEST(ConnectorErrors, ContextStrings) {
  HttpRequest request;
  request.method = "GET";
  request.url = "https://api.example/path?q=1";
  EXPECT_EQ(ConnectorLabel("x", "work"), "x connector 'work'");
  EXPECT_EQ(RequestContext("x", "work", request),
            "x connector 'work': GET " + RedactUrl(request.url));
  Status plain = Status::Unavailable("connection refused");
  EXPECT_EQ(TransportContext(plain, "x", "work", request).message(),
            RequestContext("x", "work", request) + ": connection refused");
  Status named = Status::Unavailable("GET " + RedactUrl(request.url) + ": timed out");
  EXPECT_EQ(TransportContext(named, "x", "work", request).message(),
            "x connector 'work': " + named.message());
}

TEST(ConnectorErrors, ScrubSecretsKeepsCodeAndRetryAfter) {
  Status limited = Status::ResourceExhausted("token s3cret and jwt abc rejected", Millis(5000));
  Status scrubbed = ScrubSecrets(limited, {"s3cret", "", "abc"});
  EXPECT_EQ(scrubbed.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(scrubbed.message(), "token REDACTED and jwt REDACTED rejected");
  EXPECT_EQ(scrubbed.retry_after(), limited.retry_after());
  EXPECT_EQ(ScrubSecret(Status::NotFound("nothing here"), "s3cret").message(), "nothing here");
  EXPECT_TRUE(ScrubSecret(Status::Ok(), "s3cret").ok());
}

TEST(ConnectorErrors, ScrubTerminatesWhenTheSecretIsInsideTheMarker) {
  // "E" occurs in "REDACTED": a scrubber that searched from the start again would never end.
  EXPECT_EQ(ScrubSecret(Status::Internal("E and E"), "E").message(), "REDACTED and REDACTED");
}

TEST(ConnectorErrors, ItemErrors) {
  EXPECT_EQ(ItemDataLoss("x tweet", 3, IdDetail("17"), "bad").message(), "x tweet 3 (id 17): bad");
  EXPECT_EQ(ItemDataLoss("x tweet", 3, IdDetail(""), "bad").message(), "x tweet 3: bad");
  ItemContext ctx("reddit item", 2, "t1_abc");
  EXPECT_EQ(ctx.Error("oops").code(), StatusCode::kDataLoss);
  EXPECT_EQ(ctx.Error("oops").message(), "reddit item 2 (t1_abc): oops");
}

TEST(ConnectorRequest, JsonRequestAndCapabilities) {
  HttpRequest with = NewJsonRequest("POST", "https://a/b", Millis(1000), "tok");
  EXPECT_EQ(with.method, "POST");
  EXPECT_EQ(with.timeout, Millis(1000));
  ASSERT_EQ(with.headers.size(), 3u);
  EXPECT_EQ(with.headers[0], (std::pair<std::string, std::string>("Accept", "application/json")));
  EXPECT_EQ(with.headers[1].second, "heed/0.1");
  EXPECT_EQ(with.headers[2].second, "Bearer tok");
  EXPECT_EQ(NewJsonRequest("GET", "https://a/b", Millis(1000)).headers.size(), 2u);

  Capabilities c = ReplyCapabilities(280, 10, /*reply_replaces_existing=*/true);
  EXPECT_TRUE(c.can_read);
  EXPECT_TRUE(c.can_reply);
  EXPECT_TRUE(c.reply_replaces_existing);
  EXPECT_EQ(c.max_reply_length, 280);
  EXPECT_EQ(c.backfill_pages, 10);
}

TEST(ConnectorText, Helpers) {
  EXPECT_TRUE(IsBlank(" \t\r\n"));
  EXPECT_FALSE(IsBlank(" x "));
  EXPECT_EQ(TrimWhitespace("  a b \n"), "a b");
  EXPECT_EQ(TrimWhitespace(" \t"), "");
  EXPECT_EQ(CountCodePoints("caf\xC3\xA9"), 4u);
  EXPECT_EQ(PercentDecodeStrict("a%2Cb%2c+"), "a,b,+");
  EXPECT_EQ(PercentDecodeStrict("a%2"), std::nullopt);
  EXPECT_EQ(PercentDecodeStrict("a%zz"), std::nullopt);
  EXPECT_EQ(Split("", ',').size(), 1u);
  EXPECT_EQ(Split("a,,b", ',').size(), 3u);
  EXPECT_TRUE(SplitList("", ',').empty());
  EXPECT_EQ(SplitList("a,b", ','), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(ParseInt64("-12"), -12);
  EXPECT_EQ(ParseInt64(""), std::nullopt);
  EXPECT_EQ(ParseInt64("12x"), std::nullopt);
  EXPECT_EQ(ParseInt64("99999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace heed::connectors
