// Bluesky: parsing (fixtures in tests/data/bluesky), the walk checkpoint, and the connector's
// requests over FakeHttpTransport (session, paging, errors, replies).
#include <gtest/gtest.h>

#include <cstdio>

#include "bluesky_connector.h"
#include "bluesky_parse.h"
#include "heed/testing/fake_http.h"
#include "newest_first_walk.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kPassword[] = "app-pass-s3cr3t";
constexpr char kJwt[] = "jwt-access-s3cr3t";
constexpr char kSession[] = "/xrpc/com.atproto.server.createSession";
constexpr char kNotifications[] = "/xrpc/app.bsky.notification.listNotifications";
constexpr char kSearch[] = "/xrpc/app.bsky.feed.searchPosts";
constexpr char kCreate[] = "/xrpc/com.atproto.repo.createRecord";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

HttpResponse SessionOk(const std::string& jwt = kJwt) {
  return Json(200, R"({"did":"did:plc:brand","handle":"acme.bsky.social","accessJwt":")" + jwt +
                       R"(","refreshJwt":"r"})");
}

// A listNotifications page of mention notifications; ids are seconds within a minute, newest
// first as given.
std::string Notifications(const std::vector<int>& seconds, const std::string& cursor) {
  std::string body = R"({"notifications":[)";
  for (size_t i = 0; i < seconds.size(); ++i) {
    std::string s = (seconds[i] < 10 ? "0" : "") + std::to_string(seconds[i]);
    if (i > 0) body += ",";
    body += R"({"uri":"at://did:plc:u/app.bsky.feed.post/r)" + s + R"(","cid":"c)" + s +
            R"(","reason":"mention","author":{"did":"did:plc:u","handle":"u.bsky.social"},
               "record":{"text":"n)" +
            s + R"(","createdAt":"2026-08-01T10:00:)" + s +
            R"(.000Z"},"indexedAt":"2026-08-01T10:00:)" + s + R"(.000Z"})";
  }
  body += "]";
  if (!cursor.empty()) body += R"(,"cursor":")" + cursor + "\"";
  return body + "}";
}

ConnectorConfig Config(const std::string& feed = "mentions", int limit = 3) {
  ConnectorConfig c;
  c.name = "acme-bsky";
  c.platform = "bluesky";
  c.base_url = "https://pds.example/";
  c.feed = feed;
  c.token = kPassword;
  c.account = "acme.bsky.social";
  c.page_limit = limit;
  return c;
}

class BlueskyTest : public ::testing::Test {
 protected:
  std::unique_ptr<BlueskyConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = BlueskyConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoSecret(const Status& s) {
    EXPECT_EQ(s.message().find(kPassword), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find(kJwt), std::string::npos) << s.message();
  }
  std::vector<std::string> Texts(const Page& page) {
    std::vector<std::string> out;
    for (const Mention& m : page.mentions) out.push_back(m.text);
    return out;
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST(BlueskyParseTest, NotificationsFixture) {
  auto page = bluesky::ParseNotifications(ReadTestData("bluesky/notifications_page.json"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->cursor, "1785592800100::bafyreibadcid");
  ASSERT_EQ(page->items.size(), 4u);

  const auto& first = page->items[0];
  ASSERT_TRUE(first.mention.ok()) << first.mention.status().ToString();
  const Mention& m = *first.mention;
  EXPECT_EQ(m.platform, "bluesky");
  EXPECT_EQ(m.remote_id, "at://did:plc:aaaa1111/app.bsky.feed.post/3kabc2222aaa2");
  EXPECT_EQ(m.author.id, "did:plc:aaaa1111");
  EXPECT_EQ(m.author.handle, "giulia.bsky.social");
  EXPECT_EQ(m.author.display_name, "Giulia R.");
  EXPECT_EQ(m.author.profile_url, "https://bsky.app/profile/giulia.bsky.social");
  EXPECT_EQ(m.text, "@acme.bsky.social il mio ordine è in ritardo");
  EXPECT_EQ(m.language, "it");
  EXPECT_EQ(m.url, "https://bsky.app/profile/giulia.bsky.social/post/3kabc2222aaa2");
  EXPECT_EQ(m.created_at, At("2026-08-01T13:50:00.120Z"));
  EXPECT_TRUE(m.thread_id.empty());
  EXPECT_TRUE(m.parent_id.empty());
  EXPECT_NE(m.raw_json.find("bafyreimentioncid1"), std::string::npos);
  ASSERT_TRUE(first.key.has_value());
  EXPECT_EQ(first.key->sort, walk::SortKeyFromMillis(ToUnixMillis(At("2026-08-01T13:50:01Z"))));
  EXPECT_EQ(first.key->id, m.remote_id);

  EXPECT_TRUE(page->items[1].skipped);  // a like
  EXPECT_TRUE(page->items[1].key.has_value());

  const Mention& reply = *page->items[2].mention;
  EXPECT_EQ(reply.parent_id, "at://did:plc:brand/app.bsky.feed.post/3kparent0000a");
  EXPECT_EQ(reply.thread_id, "at://did:plc:brand/app.bsky.feed.post/3kroot00000a2");
  EXPECT_EQ(reply.author.handle, "did:plc:cccc3333");  // handle.invalid falls back to the did
  EXPECT_EQ(reply.url, "https://bsky.app/profile/did:plc:cccc3333/post/3kabc0000ccc2");
  EXPECT_TRUE(reply.language.empty());

  EXPECT_FALSE(page->items[3].mention.ok());
  EXPECT_EQ(page->items[3].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(page->items[3].mention.status().message().find("record.text"), std::string::npos);
  EXPECT_TRUE(page->items[3].key.has_value());
}

TEST(BlueskyParseTest, SearchFixtureUsesSortAt) {
  auto page = bluesky::ParseSearchPosts(ReadTestData("bluesky/search_page.json"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->cursor, "2");
  ASSERT_EQ(page->items.size(), 2u);
  const Mention& m = *page->items[0].mention;
  EXPECT_EQ(m.text, "Loving my new #acme kettle");
  EXPECT_EQ(m.language, "en");
  EXPECT_EQ(m.author.display_name, "Tom");
  EXPECT_EQ(m.url, "https://bsky.app/profile/tom.example.com/post/3kxyz2222eee2");
  // sortAt = min(createdAt, indexedAt)
  EXPECT_EQ(page->items[0].key->sort,
            walk::SortKeyFromMillis(ToUnixMillis(At("2026-08-01T12:00:00Z"))));
}

TEST(BlueskyParseTest, MalformedPagesAreDataLoss) {
  for (const char* body :
       {"<html><body>Request forbidden by administrative rules.</body></html>",
        R"({"notifications":[{"uri":"at://x")", "[]", R"({"posts":[]})", "\xff\xfe"}) {
    auto page = bluesky::ParseNotifications(body);
    EXPECT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
  std::string deep(200, '[');
  EXPECT_EQ(bluesky::ParseSearchPosts(deep).status().code(), StatusCode::kDataLoss);
}

TEST(BlueskyParseTest, ReplyRefsFromRaw) {
  auto page = bluesky::ParseNotifications(ReadTestData("bluesky/notifications_page.json"));
  ASSERT_TRUE(page.ok());
  auto root_refs = bluesky::ReplyRefsFromRaw(page->items[0].mention->raw_json);
  ASSERT_TRUE(root_refs.ok());
  EXPECT_EQ(root_refs->parent.cid, "bafyreimentioncid1");
  EXPECT_EQ(root_refs->root.uri, root_refs->parent.uri);
  auto reply_refs = bluesky::ReplyRefsFromRaw(page->items[2].mention->raw_json);
  ASSERT_TRUE(reply_refs.ok());
  EXPECT_EQ(reply_refs->parent.cid, "bafyreireplycid");
  EXPECT_EQ(reply_refs->root.cid, "bafyreirootcid");
  EXPECT_EQ(bluesky::ReplyRefsFromRaw("{}").status().code(), StatusCode::kInvalidArgument);
}

TEST(BlueskyWalkTest, EncodeDecodeRoundTrip) {
  walk::State s;
  s.floor = {"0000000000000100", {"at://a|b", "x,y"}};
  s.low = {"0000000000000090", {"id"}};
  s.cursor = "1785592800100::bafy|%";
  s.pages = 2;
  auto back = walk::DecodeState(walk::EncodeState(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->floor.ids, s.floor.ids);
  EXPECT_EQ(back->low.sort, s.low.sort);
  EXPECT_TRUE(back->top.empty());
  EXPECT_EQ(back->cursor, s.cursor);
  EXPECT_EQ(back->pages, 2);
  EXPECT_EQ(walk::DecodeState("garbage").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(walk::DecodeState("w1|||||||0|0|%zz").status().code(), StatusCode::kInvalidArgument);
}

TEST(BlueskyWalkTest, RepeatsAreStoredApartAndOldCheckpointsStillDecode) {
  walk::State s;
  s.low = {"0000000000000090", {"id"}};
  s.cursor = "c2";
  s.pages = 3;
  s.stalls = 1;
  s.repeats = 2;
  auto back = walk::DecodeState(walk::EncodeState(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->stalls, 1);
  EXPECT_EQ(back->repeats, 2);
  // Written before repeats were counted apart: stalls only.
  auto old = walk::DecodeState("w1|||||0000000000000090|id|3|2|c2");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->stalls, 2);
  EXPECT_EQ(old->repeats, 0);
  EXPECT_EQ(walk::DecodeState("w1|||||0000000000000090|id|3|2r|c2").status().code(),
            StatusCode::kInvalidArgument);
}

// A page served again between two pages that brought nothing new is no third stall: the walk
// goes on (ending it would lose its older part); three repeats in a row fail the run instead.
TEST(BlueskyWalkTest, PagesServedAgainAreNotStalls) {
  using Keys = std::vector<std::optional<walk::Key>>;
  walk::State s;
  s.floor = {"0000000000000010", {"old"}};
  walk::Outcome out = walk::Advance(s, Keys{walk::Key{"0000000000000100", "a"}}, "", "c1", 0);
  ASSERT_TRUE(out.has_more);
  const Keys seen = {walk::Key{"0000000000000100", "a"}};  // nothing new on these pages
  out = walk::Advance(out.next, seen, "c1", "c2", 0);      // stall 1
  ASSERT_TRUE(out.has_more);
  out = walk::Advance(out.next, seen, "c2", "c2", 0);  // served again
  ASSERT_TRUE(out.stale.empty());
  out = walk::Advance(out.next, seen, "c2", "c3", 0);  // stall 2
  ASSERT_TRUE(out.has_more);
  out = walk::Advance(out.next, seen, "c3", "c3", 0);  // served again
  EXPECT_TRUE(out.has_more) << out.problem;
  EXPECT_TRUE(out.problem.empty()) << out.problem;
  EXPECT_EQ(out.next.stalls, 2);
  EXPECT_EQ(out.next.repeats, 1);
  EXPECT_EQ(out.next.cursor, "c3");

  out = walk::Advance(out.next, seen, "c3", "c3", 0);
  ASSERT_TRUE(out.stale.empty());
  const walk::State before = out.next;
  out = walk::Advance(before, seen, "c3", "c3", 0);  // the third in a row
  EXPECT_FALSE(out.stale.empty());
  EXPECT_EQ(walk::EncodeState(out.next), walk::EncodeState(before)) << "nothing applied";
}

// A stale answer can carry an older page's cursor (a cache keyed without the query): the walk
// goes back over pages it has read, finds nothing new on them, and must get past them to the
// unread rest instead of ending there.
TEST(BlueskyWalkTest, AWalkSentBackOverReadPagesRecovers) {
  using Keys = std::vector<std::optional<walk::Key>>;
  auto page = [](int first) {  // keys 100-first down, four per page
    Keys keys;
    for (int k = first; k < first + 4; ++k) {
      char sort[17];
      std::snprintf(sort, sizeof sort, "%016d", 100 - k);
      keys.push_back(walk::Key{sort, "p" + std::to_string(k)});
    }
    return keys;
  };
  walk::State s;
  s.floor = {"0000000000000010", {"old"}};
  walk::Outcome out = walk::Advance(s, page(0), "", "4", 0);
  for (int offset = 4; offset <= 16; offset += 4) {
    out = walk::Advance(out.next, page(offset), std::to_string(offset), std::to_string(offset + 4),
                        0);
  }
  ASSERT_TRUE(out.has_more);
  ASSERT_EQ(out.next.cursor, "20");
  // Asked for offset 20, answered with the page of offset 4 and its cursor.
  out = walk::Advance(out.next, page(4), "20", "8", 0);
  for (int offset = 8; offset <= 16; offset += 4) {
    ASSERT_TRUE(out.has_more) << "ended at offset " << offset << ": " << out.problem;
    out = walk::Advance(out.next, page(offset), std::to_string(offset), std::to_string(offset + 4),
                        0);
  }
  ASSERT_TRUE(out.has_more) << out.problem;
  out = walk::Advance(out.next, page(20), "20", "24", 0);
  EXPECT_EQ(out.take, (std::vector<bool>{true, true, true, true})) << "the unread page is read";
  EXPECT_EQ(out.next.stalls, 0);
}

// Pages re-read after a stale cursor sent the walk back bring nothing new and do not count
// towards the first walk's backfill bound: the history it reads stays the same.
TEST(BlueskyWalkTest, ReReadPagesDoNotSpendTheBackfillBound) {
  using Keys = std::vector<std::optional<walk::Key>>;
  auto page = [](int first) {
    Keys keys;
    for (int k = first; k < first + 2; ++k) {
      char sort[17];
      std::snprintf(sort, sizeof sort, "%016d", 100 - k);
      keys.push_back(walk::Key{sort, "p" + std::to_string(k)});
    }
    return keys;
  };
  const int kBackfill = 4;
  walk::Outcome out = walk::Advance(walk::State{}, page(0), "", "2", kBackfill);
  out = walk::Advance(out.next, page(2), "2", "4", kBackfill);
  out = walk::Advance(out.next, page(0), "4", "2", kBackfill);  // stale: back to offset 2
  out = walk::Advance(out.next, page(2), "2", "4", kBackfill);  // read already
  ASSERT_TRUE(out.has_more) << out.problem;
  out = walk::Advance(out.next, page(4), "4", "6", kBackfill);
  ASSERT_TRUE(out.has_more) << "the bound counts pages 0, 2 and 4 only";
  out = walk::Advance(out.next, page(6), "6", "8", kBackfill);
  EXPECT_EQ(out.take, (std::vector<bool>{true, true}));
  EXPECT_FALSE(out.has_more) << "four pages of history: the bound";
}

// A last page (no cursor) of items this walk already delivered: a stale answer standing in for the
// page asked for, or the tail of a feed that moved under an offset cursor. The walk asks again:
// the first case then reads the real page; the second ends after the stall limit.
TEST(BlueskyWalkTest, AStaleLastPageDoesNotEndTheWalk) {
  using Keys = std::vector<std::optional<walk::Key>>;
  walk::State s;
  s.floor = {"0000000000000010", {"old"}};
  const Keys first = {walk::Key{"0000000000000100", "a"}, walk::Key{"0000000000000099", "b"}};
  walk::Outcome out = walk::Advance(s, first, "", "c1", 0);
  ASSERT_TRUE(out.has_more);
  out = walk::Advance(out.next, first, "c1", "", 0);  // stale: no cursor, nothing new
  ASSERT_TRUE(out.has_more) << out.problem;
  EXPECT_EQ(out.next.cursor, "c1");
  out = walk::Advance(out.next, Keys{walk::Key{"0000000000000098", "c"}}, "c1", "", 0);
  EXPECT_EQ(out.take, (std::vector<bool>{true})) << "the real page is read";
  EXPECT_FALSE(out.has_more);
  EXPECT_EQ(out.next.floor.sort, "0000000000000100");

  // A tail read already: the same answer every time ends the walk after the stall limit.
  out = walk::Advance(s, first, "", "c1", 0);
  int asked = 0;
  while (out.has_more && asked < 20) {
    out = walk::Advance(out.next, first, "c1", "", 0);
    ++asked;
  }
  EXPECT_FALSE(out.has_more);
  EXPECT_EQ(asked, 10);
  EXPECT_NE(out.problem.find("nothing new"), std::string::npos) << out.problem;
}

TEST(BlueskyWalkTest, SameTimestampTiesAreNeitherSkippedNorRepeated) {
  walk::State s;
  s.floor = {"0000000000000100", {"a"}};
  std::vector<std::optional<walk::Key>> keys = {walk::Key{"0000000000000100", "b"},
                                                walk::Key{"0000000000000100", "a"},
                                                walk::Key{"0000000000000099", "z"}};
  walk::Outcome out = walk::Advance(s, keys, "", "next", 0);
  EXPECT_EQ(out.take, (std::vector<bool>{true, false, false}));
  EXPECT_FALSE(out.has_more);
  EXPECT_EQ(out.next.floor.sort, "0000000000000100");
  EXPECT_EQ(out.next.floor.ids, (std::vector<std::string>{"a", "b"}));
}

TEST_F(BlueskyTest, CreateValidatesConfig) {
  auto bad_feed = BlueskyConnector::Create(Config("tag:acme"), fake_, clock_);
  EXPECT_EQ(bad_feed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_feed.status().message().find("mentions, search:QUERY"), std::string::npos);
  EXPECT_EQ(BlueskyConnector::Create(Config("search:  "), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  ConnectorConfig no_account = Config();
  no_account.account.clear();
  EXPECT_EQ(BlueskyConnector::Create(no_account, fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  ConnectorConfig bad_url = Config();
  bad_url.base_url = "ftp://x";
  EXPECT_EQ(BlueskyConnector::Create(bad_url, fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  auto c = Make();
  EXPECT_EQ(c->platform(), "bluesky");
  EXPECT_TRUE(c->capabilities().can_reply);
  EXPECT_EQ(c->capabilities().max_reply_length, 300);
  EXPECT_GT(c->capabilities().backfill_pages, 0);
}

TEST_F(BlueskyTest, SessionThenMentionsRequest) {
  fake_.Enqueue("POST", kSession, SessionOk());
  fake_.Enqueue("GET", kNotifications, Json(200, ReadTestData("bluesky/notifications_page.json")));
  auto c = Make(Config("mentions", 40));
  auto page = c->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "https://pds.example/xrpc/com.atproto.server.createSession");
  EXPECT_NE(requests[0].body.find("\"identifier\":\"acme.bsky.social\""), std::string::npos);
  EXPECT_NE(requests[0].body.find(kPassword), std::string::npos);
  EXPECT_EQ(requests[1].url,
            "https://pds.example/xrpc/app.bsky.notification.listNotifications?limit=40"
            "&reasons=mention&reasons=reply&reasons=quote");
  EXPECT_EQ(FindHeader(requests[1].headers, "Authorization").value_or(""),
            std::string("Bearer ") + kJwt);
  EXPECT_EQ(Texts(*page), (std::vector<std::string>{"@acme.bsky.social il mio ordine è in ritardo",
                                                    "Still waiting for a refund."}));
  ASSERT_EQ(page->item_errors.size(), 1u);  // the bad record; the like is skipped silently
  EXPECT_EQ(page->item_errors[0].code(), StatusCode::kDataLoss);
  EXPECT_TRUE(page->has_more);  // a cursor came back and no floor was reached

  // The session is cached: the next page does not log in again.
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({}, "")));
  ASSERT_TRUE(c->FetchPage(page->next_checkpoint).ok());
  requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_NE(requests[2].url.find("&cursor=1785592800100%3A%3Abafyreibadcid"), std::string::npos);
}

TEST_F(BlueskyTest, CheckpointWalksToTheFloorAcrossRuns) {
  fake_.Enqueue("POST", kSession, SessionOk());
  auto c = Make();
  // First walk: 50 49 48 | 47 46 (end).
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({50, 49, 48}, "k1")));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(Texts(*p1), (std::vector<std::string>{"n50", "n49", "n48"}));
  EXPECT_TRUE(p1->has_more);
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({47, 46}, "")));
  auto p2 = c->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(Texts(*p2), (std::vector<std::string>{"n47", "n46"}));
  EXPECT_FALSE(p2->has_more);
  EXPECT_NE(fake_.requests().back().url.find("cursor=k1"), std::string::npos);

  // Next run: two new items, then the old ones: stops at the floor without a second page.
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({52, 51, 50}, "k2")));
  auto p3 = c->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Texts(*p3), (std::vector<std::string>{"n52", "n51"}));
  EXPECT_TRUE(p3->has_more) << "50 is the floor itself; older ones not seen yet";
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({49, 48, 47}, "k3")));
  auto p4 = c->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_TRUE(p4->mentions.empty());
  EXPECT_FALSE(p4->has_more);
  EXPECT_TRUE(p4->item_errors.empty());

  // A run interrupted mid-walk resumes from the stored cursor; new arrivals wait for the next.
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({56, 55, 54}, "k4")));
  auto p5 = c->FetchPage(p4->next_checkpoint);
  ASSERT_TRUE(p5.ok());
  // ... restart; meanwhile 57 arrived and the offset-like cursor shifted by one.
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({54, 53, 52}, "k5")));
  auto p6 = c->FetchPage(p5->next_checkpoint);
  ASSERT_TRUE(p6.ok());
  EXPECT_EQ(Texts(*p6), (std::vector<std::string>{"n53"}));
  EXPECT_TRUE(p6->has_more);  // 52 is the floor itself
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({51, 50, 49}, "k6")));
  auto p6b = c->FetchPage(p6->next_checkpoint);
  ASSERT_TRUE(p6b.ok());
  EXPECT_TRUE(p6b->mentions.empty());
  EXPECT_FALSE(p6b->has_more);
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({57, 56, 55}, "k7")));
  auto p7 = c->FetchPage(p6b->next_checkpoint);
  ASSERT_TRUE(p7.ok());
  EXPECT_EQ(Texts(*p7), (std::vector<std::string>{"n57"}));
  EXPECT_FALSE(p7->has_more);
}

TEST_F(BlueskyTest, RepeatingCursorStops) {
  fake_.Enqueue("POST", kSession, SessionOk());
  auto c = Make();
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({30, 29, 28}, "same")));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok());
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({27, 26, 25}, "same")));
  auto p2 = c->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(p2->mentions.size(), 3u);
  EXPECT_TRUE(p2->has_more) << "asked again: the repeat may be a stale page";
  EXPECT_TRUE(p2->item_errors.empty());
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({27, 26, 25}, "same")));
  auto p3 = c->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_TRUE(p3->mentions.empty());
  EXPECT_TRUE(p3->has_more);
  // Regression (fault soak, seed offset 10): the third repeat in a row used to end the walk,
  // moving the floor over its unread older items. It fails the fetch instead; the checkpoint
  // stored with p3 still points at the unread page.
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({27, 26, 25}, "same")));
  auto p4 = c->FetchPage(p3->next_checkpoint);
  ASSERT_FALSE(p4.ok());
  EXPECT_EQ(p4.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(p4.status().message().find("bluesky connector"), std::string::npos);
  EXPECT_NE(p4.status().message().find("cursor"), std::string::npos);
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({24, 23}, "")));
  auto p5 = c->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p5.ok()) << p5.status().ToString();
  EXPECT_EQ(p5->mentions.size(), 2u);
  EXPECT_FALSE(p5->has_more);
}

// Regression (fault soak, "loop" fault): one page served again with the cursor it was sent used
// to end the walk, losing every older item. The walk asks for that cursor again.
TEST_F(BlueskyTest, PageServedAgainOnceLosesNothing) {
  fake_.Enqueue("POST", kSession, SessionOk());
  auto c = Make();
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({30, 29, 28}, "k1")));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok());
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({27, 26}, "k2")));
  auto p2 = c->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({27, 26}, "k2")));  // stale
  auto p3 = c->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_TRUE(p3->mentions.empty());
  EXPECT_TRUE(p3->has_more);
  EXPECT_TRUE(p3->item_errors.empty());
  fake_.Enqueue("GET", kNotifications, Json(200, Notifications({25, 24}, "")));
  auto p4 = c->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_NE(fake_.requests().back().url.find("cursor=k2"), std::string::npos);
  EXPECT_EQ(Texts(*p4), (std::vector<std::string>{"n25", "n24"}));
  EXPECT_FALSE(p4->has_more);
}

TEST_F(BlueskyTest, ExpiredTokenRecreatesTheSessionOnce) {
  fake_.Enqueue("POST", kSession, SessionOk("old-jwt"));
  fake_.Enqueue("POST", kSession, SessionOk("new-jwt"));
  fake_.Enqueue("GET", kSearch,
                Json(400, R"({"error":"ExpiredToken","message":"Token has expired"})"));
  fake_.Enqueue("GET", kSearch, Json(200, ReadTestData("bluesky/search_page.json")));
  auto c = Make(Config("search:acme kettle"));
  auto page = c->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->mentions.size(), 2u);
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[1].url,
            "https://pds.example/xrpc/app.bsky.feed.searchPosts?q=acme%20kettle&sort=latest"
            "&limit=3");
  EXPECT_EQ(FindHeader(requests[3].headers, "Authorization").value_or(""), "Bearer new-jwt");
}

TEST_F(BlueskyTest, ErrorMapping) {
  fake_.Enqueue(
      "POST", kSession,
      Json(401,
           R"({"error":"AuthenticationRequired","message":"Invalid identifier or password"})"));
  auto c = Make();
  auto denied = c->FetchPage("");
  EXPECT_EQ(denied.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(denied.status().message().find("Invalid identifier or password"), std::string::npos);
  ExpectNoSecret(denied.status());

  fake_.Enqueue("POST", kSession, SessionOk());
  HttpHeaders limited = {
      {"RateLimit-Limit", "3000"},
      {"RateLimit-Remaining", "0"},
      {"RateLimit-Reset", std::to_string(ToUnixMillis(clock_.Now()) / 1000 + 90)}};
  fake_.Enqueue(
      "GET", kNotifications,
      Json(429, R"({"error":"RateLimitExceeded","message":"Rate Limit Exceeded"})", limited));
  auto rate = c->FetchPage("");
  EXPECT_EQ(rate.status().code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(rate.status().retry_after().has_value());
  EXPECT_EQ(rate.status().retry_after()->count(), 90000);

  fake_.Enqueue("GET", kNotifications, Json(200, "<html>maintenance</html>"));
  EXPECT_EQ(c->FetchPage("").status().code(), StatusCode::kDataLoss);
  fake_.Enqueue("GET", kNotifications, Json(502, "Bad Gateway"));
  EXPECT_EQ(c->FetchPage("").status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(c->FetchPage("not a checkpoint").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(BlueskyTest, PostReplyRequestShape) {
  auto parsed = bluesky::ParseNotifications(ReadTestData("bluesky/notifications_page.json"));
  ASSERT_TRUE(parsed.ok());
  Mention target = *parsed->items[2].mention;  // itself a reply: root comes from its record
  fake_.Enqueue("POST", kSession, SessionOk());
  fake_.Enqueue(
      "POST", kCreate,
      Json(200, R"({"uri":"at://did:plc:brand/app.bsky.feed.post/3kreply","cid":"bafyr"})"));
  auto c = Make();
  auto posted = c->PostReply({target, "Sorry, we are on it.", "key-1"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "at://did:plc:brand/app.bsky.feed.post/3kreply");
  EXPECT_EQ(posted->url, "https://bsky.app/profile/acme.bsky.social/post/3kreply");
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  const HttpRequest& r = requests[1];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://pds.example/xrpc/com.atproto.repo.createRecord");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kJwt);
  EXPECT_NE(r.body.find(R"("repo":"did:plc:brand")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("collection":"app.bsky.feed.post")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("text":"Sorry, we are on it.")"), std::string::npos);
  EXPECT_NE(
      r.body.find(
          R"("root":{"uri":"at://did:plc:brand/app.bsky.feed.post/3kroot00000a2","cid":"bafyreirootcid"})"),
      std::string::npos)
      << r.body;
  EXPECT_NE(
      r.body.find(
          R"("parent":{"uri":"at://did:plc:cccc3333/app.bsky.feed.post/3kabc0000ccc2","cid":"bafyreireplycid"})"),
      std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"("createdAt":"2026-08-01T14:00:00.000Z")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("rkey":")"), std::string::npos);

  // The same idempotency key names the same record; "already exists" means it landed before.
  fake_.Enqueue("POST", kCreate,
                Json(400, R"({"error":"InvalidRequest","message":"Record already exists"})"));
  auto again = c->PostReply({target, "Sorry, we are on it.", "key-1"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  std::string rkey_field = r.body.substr(r.body.find(R"("rkey":")") + 8, 13);
  EXPECT_EQ(again->remote_id, "at://did:plc:brand/app.bsky.feed.post/" + rkey_field);
  EXPECT_EQ(fake_.requests()[2].body, r.body);
}

TEST_F(BlueskyTest, PostReplyValidation) {
  auto parsed = bluesky::ParseNotifications(ReadTestData("bluesky/notifications_page.json"));
  Mention target = *parsed->items[0].mention;
  auto c = Make();
  EXPECT_EQ(c->PostReply({target, "   ", "k"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c->PostReply({target, std::string(301, 'x'), "k"}).status().code(),
            StatusCode::kInvalidArgument);
  // 300 flags (two code points each) are 300 graphemes: allowed.
  std::string flags;
  for (int i = 0; i < 300; ++i) flags += "\xF0\x9F\x87\xAE\xF0\x9F\x87\xB9";
  fake_.Enqueue("POST", kSession, SessionOk());
  fake_.Enqueue("POST", kCreate,
                Json(200, R"({"uri":"at://did:plc:brand/app.bsky.feed.post/x","cid":"c"})"));
  EXPECT_TRUE(c->PostReply({target, flags, "k"}).ok());
  Mention no_raw = target;
  no_raw.raw_json = "{}";
  EXPECT_EQ(c->PostReply({no_raw, "hi", "k"}).status().code(), StatusCode::kInvalidArgument);
  fake_.Enqueue("POST", kCreate,
                Json(400, R"({"error":"InvalidRequest","message":"Could not locate record"})"));
  auto missing = c->PostReply({target, "hi", "k2"});
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  ExpectNoSecret(missing.status());
}

}  // namespace
}  // namespace heed::connectors
