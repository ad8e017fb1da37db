// Mastodon JSON parsing: field mapping, HTML to text, and untrusted-input handling.
#include "mastodon_parse.h"

#include <gtest/gtest.h>

#include "heed/core/text.h"
#include "heed/testing/fake_http.h"

namespace heed::connectors::mastodon {
namespace {

using heed::testing::ReadTestData;

const ParseOptions kOptions{"social.example"};

// A minimal valid status JSON; extra is appended inside the object (", \"k\": v").
std::string StatusJson(const std::string& id, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "created_at": "2026-08-01T10:00:00Z", )" +
         R"("account": {"id": "9", "acct": "zoe"}, "content": "<p>hi</p>")" + extra + "}";
}

TEST(MastodonParse, NotificationsFixtureMapsAllFields) {
  std::string body = ReadTestData("mastodon/notifications_page.json");
  ASSERT_FALSE(body.empty());
  auto items = ParseNotifications(body, kOptions);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 2u);

  const Item& it_item = (*items)[0];
  EXPECT_EQ(it_item.cursor, "105");  // the notification id, not the status id
  EXPECT_FALSE(it_item.skipped);
  ASSERT_TRUE(it_item.mention.ok()) << it_item.mention.status().ToString();
  const Mention& it = *it_item.mention;
  EXPECT_EQ(it.platform, "mastodon");
  EXPECT_EQ(it.remote_id, "112233445566778899");
  EXPECT_EQ(it.author.id, "2001");
  EXPECT_EQ(it.author.handle, "giulia@mastodon.uno");
  EXPECT_EQ(it.author.display_name, "Giulia R.");
  EXPECT_EQ(it.author.profile_url, "https://mastodon.uno/@giulia");
  EXPECT_EQ(it.text,
            "@acme l'ordine \"#4521\" non \xC3\xA8 ancora arrivato & nessuno risponde\n\n"
            "Perch\xC3\xA9?");
  EXPECT_EQ(it.language, "it");
  EXPECT_EQ(it.url, "https://mastodon.uno/@giulia/112233445566778899");
  EXPECT_EQ(FormatIso8601(it.created_at), "2026-08-01T14:02:09.500Z");  // the status time
  EXPECT_EQ(it.parent_id, "112233445566770000");
  EXPECT_EQ(it.thread_id, "112233445566770000");
  EXPECT_FALSE(it.rating.has_value());
  // raw_json is the whole notification, compact.
  EXPECT_TRUE(it.raw_json.starts_with(R"({"id":"105","type":"mention")")) << it.raw_json;
  EXPECT_NE(it.raw_json.find("\"group_key\":\"ungrouped-105\""), std::string::npos);

  const Item& en_item = (*items)[1];
  EXPECT_EQ(en_item.cursor, "104");
  ASSERT_TRUE(en_item.mention.ok()) << en_item.mention.status().ToString();
  const Mention& en = *en_item.mention;
  EXPECT_EQ(en.author.handle, "marco@social.example");  // local acct qualified
  EXPECT_EQ(en.author.display_name, "");
  EXPECT_EQ(en.text, "order issue\n\nHi @acme!\nMy order <#4520> arrived broken \xF0\x9F\x98\x9E");
  EXPECT_EQ(en.language, "");                                                           // null
  EXPECT_EQ(en.url, "https://social.example/users/marco/statuses/112233445566770001");  // uri
  EXPECT_EQ(en.parent_id, "");
  EXPECT_EQ(en.thread_id, "");
  EXPECT_EQ(FormatIso8601(en.created_at), "2026-08-01T13:39:59.250Z");
}

TEST(MastodonParse, TagTimelineFixture) {
  auto items = ParseStatuses(ReadTestData("mastodon/tag_page.json"), kOptions);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].cursor, "300000000000000002");
  ASSERT_TRUE((*items)[0].mention.ok());
  EXPECT_EQ((*items)[0].mention->text, "Loving the new #acme app");
  EXPECT_EQ((*items)[0].mention->author.handle, "ann@other.example");
  ASSERT_TRUE((*items)[1].mention.ok());
  EXPECT_EQ((*items)[1].mention->author.handle, "bob@social.example");
  EXPECT_EQ((*items)[1].mention->language, "de");
  // "08:59:00.5+02:00"
  EXPECT_EQ(FormatIso8601((*items)[1].mention->created_at), "2026-08-02T06:59:00.500Z");
  EXPECT_TRUE((*items)[1].mention->raw_json.starts_with(R"({"id":"300000000000000001")"));
}

TEST(MastodonParse, BadItemsBecomeErrorsWhileGoodOnesParse) {
  std::string body = "[" + StatusJson("10") + ", " +
                     R"({"created_at": "2026-08-01T10:00:00Z"}, )" +  // no id
                     R"({"id": "12", "created_at": "yesterday", "account": {"id": "9",
                         "acct": "zoe"}, "content": ""}, )" +
                     R"({"id": "13", "created_at": "2026-08-01T10:00:00Z", "account": "x",
                         "content": "c"}, )" +
                     R"({"id": 14}, 42, null, )" + StatusJson("15") + "]";
  auto items = ParseStatuses(body, kOptions);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 8u);
  EXPECT_TRUE((*items)[0].mention.ok());
  EXPECT_TRUE((*items)[7].mention.ok());
  for (size_t i = 1; i < 7; ++i) {
    EXPECT_EQ((*items)[i].mention.status().code(), StatusCode::kDataLoss) << i;
    EXPECT_NE((*items)[i].mention.status().message().find("item " + std::to_string(i)),
              std::string::npos)
        << (*items)[i].mention.status().message();
  }
  EXPECT_EQ((*items)[1].cursor, "");
  EXPECT_NE((*items)[1].mention.status().message().find("status.id"), std::string::npos);
  EXPECT_NE((*items)[2].mention.status().message().find("status.created_at"), std::string::npos);
  EXPECT_EQ((*items)[3].cursor, "13");  // the id is known even though the item is bad
  EXPECT_NE((*items)[3].mention.status().message().find("(id 13)"), std::string::npos);
  EXPECT_NE((*items)[3].mention.status().message().find("status.account"), std::string::npos);
  EXPECT_NE((*items)[4].mention.status().message().find("status.id"), std::string::npos);
}

TEST(MastodonParse, BadDateNamesTheField) {
  auto items = ParseStatuses(
      R"([{"id": "7", "created_at": "not a date", "account": {"id": "1", "acct": "a"},
           "content": ""}])",
      kOptions);
  ASSERT_TRUE(items.ok());
  Status s = (*items)[0].mention.status();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("status.created_at"), std::string::npos) << s.message();
  EXPECT_EQ((*items)[0].cursor, "7");
}

TEST(MastodonParse, WrongTypesForOptionalFieldsAreTolerated) {
  auto items =
      ParseStatuses("[" + StatusJson("8", R"(, "language": 5, "url": {}, "in_reply_to_id": null,
                             "spoiler_text": null)") +
                        "]",
                    kOptions);
  ASSERT_TRUE(items.ok());
  ASSERT_TRUE((*items)[0].mention.ok());
  EXPECT_EQ((*items)[0].mention->language, "");
  EXPECT_EQ((*items)[0].mention->url, "");
  EXPECT_EQ((*items)[0].mention->text, "hi");
}

TEST(MastodonParse, InvalidUtf8IsSanitised) {
  std::string body = "[" + StatusJson("9") + "]";
  body.replace(body.find("<p>hi"), 5, "<p>h\xC3\x28i");
  body.replace(body.find("\"zoe\""), 5, "\"z\xFFo\"");
  auto items = ParseStatuses(body, kOptions);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_TRUE((*items)[0].mention.ok());
  EXPECT_TRUE(IsValidUtf8((*items)[0].mention->text));
  EXPECT_TRUE(IsValidUtf8((*items)[0].mention->author.handle));
  EXPECT_TRUE(IsValidUtf8((*items)[0].mention->raw_json));
  EXPECT_EQ((*items)[0].mention->author.handle, "z\xEF\xBF\xBDo@social.example");
}

TEST(MastodonParse, BoostsAndOtherNotificationsAreSkipped) {
  auto statuses = ParseStatuses(
      "[" + StatusJson("20", R"(, "reblog": )" + StatusJson("5") + "") + "]", kOptions);
  ASSERT_TRUE(statuses.ok());
  EXPECT_TRUE((*statuses)[0].skipped);
  EXPECT_EQ((*statuses)[0].cursor, "20");

  auto notes = ParseNotifications(
      R"([{"id": "31", "type": "favourite", "status": {}}, {"id": "30", "type": "follow"},
          {"id": "29", "type": "mention", "status": 3}])",
      kOptions);
  ASSERT_TRUE(notes.ok());
  EXPECT_TRUE((*notes)[0].skipped);
  EXPECT_TRUE((*notes)[1].skipped);
  EXPECT_FALSE((*notes)[2].skipped);
  EXPECT_EQ((*notes)[2].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ((*notes)[2].cursor, "29");
}

TEST(MastodonParse, UnreadablePagesAreDataLoss) {
  for (const char* body : {"<html><body>502 Bad Gateway</body></html>", "", "{\"error\": \"x\"}",
                           "[1, 2", "null", "[] trailing"}) {
    auto items = ParseNotifications(body, kOptions);
    EXPECT_EQ(items.status().code(), StatusCode::kDataLoss) << body;
  }
  std::string deep(10000, '[');
  EXPECT_EQ(ParseStatuses(deep, kOptions).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ParseSearch("[]", kOptions).status().code(), StatusCode::kDataLoss);
  auto search = ParseSearch(
      R"({"accounts": [], "statuses": [)" + StatusJson("40") + R"(], "hashtags": []})", kOptions);
  ASSERT_TRUE(search.ok());
  ASSERT_EQ(search->size(), 1u);
  EXPECT_EQ((*search)[0].cursor, "40");
}

TEST(MastodonParse, ErrorMessageAndReplyBodies) {
  EXPECT_EQ(ParseErrorMessage(ReadTestData("mastodon/error_422.json")),
            "Validierung fehlgeschlagen: Text \xC3\xBC"
            "berschreitet 500 Zeichen");
  EXPECT_EQ(ParseErrorMessage("<html>"), "");
  EXPECT_EQ(ParseErrorMessage(R"({"error": 5})"), "");
  EXPECT_EQ(ParseErrorMessage(R"({"error": "a\u001b[31mb"})"), "ab");  // no terminal escapes

  EXPECT_EQ(BuildReplyBody("@giulia@mastodon.uno ciao \"tu\"", "112233445566778899", "it"),
            R"({"status":"@giulia@mastodon.uno ciao \"tu\"","in_reply_to_id":"112233445566778899",)"
            R"("visibility":"public","language":"it"})");
  EXPECT_EQ(BuildReplyBody("x", "1", ""),
            R"({"status":"x","in_reply_to_id":"1","visibility":"public"})");

  auto posted = ParsePostedStatus(ReadTestData("mastodon/reply_200.json"));
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "113000000000000001");
  EXPECT_EQ(posted->url, "https://social.example/@acme/113000000000000001");
  EXPECT_EQ(ParsePostedStatus(R"({"url": "x"})").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ParsePostedStatus("[]").status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace heed::connectors::mastodon
