// Inputs found by the fuzz/ targets (docs/RELIABILITY.md, "Fuzzing") that once crashed or hit
// undefined behaviour in a connector parser, kept as regression cases.
#include <gtest/gtest.h>

#include <string>

#include "hackernews_parse.h"
#include "heed/core/clock.h"
#include "rss_parse.h"

namespace heed::connectors {
namespace {

rss::ParseOptions FeedOptions() {
  rss::ParseOptions options;
  options.feed_url = "https://feed.example/rss";
  options.fetched_at = *ParseIso8601("2026-08-02T00:00:00Z");
  return options;
}

// fuzz_rss: an empty root element that is not a feed (<feed/> in the wrong namespace). The start
// handler refused it and stopped Expat, which still reported the element's end; the end handler
// then popped the (empty) element stack: back() on an empty vector.
TEST(FuzzRegression, EmptyRootElementThatIsNotAFeed) {
  for (const char* body : {"<feed xmlns=\"h.com\"/>", "<html/>", "<rss:rss xmlns:rss=\"x\"/>"}) {
    auto feed = rss::ParseFeed(body, FeedOptions());
    ASSERT_FALSE(feed.ok()) << body;
    EXPECT_EQ(feed.status().code(), StatusCode::kDataLoss) << body;
    EXPECT_NE(feed.status().message().find("not an RSS or Atom feed"), std::string::npos)
        << feed.status().message();
  }
}

// The fuzzer's input, byte for byte: an Atom-looking document whose root has a bogus namespace.
TEST(FuzzRegression, FuzzerInputWithWrongAtomNamespace) {
  const std::string body =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"h.com/url?rct=j&amp;sa=t&amp;url=https://news.example.com/acme-ste/empty\"/>\n"
      "<published>2026-08-01T09:00:00Z</published>\n"
      "</entry>f</\need>\n";
  auto feed = rss::ParseFeed(body, FeedOptions());
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.status().code(), StatusCode::kDataLoss);
}

// fuzz_hackernews: a created_at_i of 1785573000785573000 seconds. Converting it to the
// millisecond TimePoint overflowed int64 (UBSan: signed integer overflow). Such a value is not a
// time: the hit is reported as lacking a timestamp, unless created_at gives one.
TEST(FuzzRegression, HackerNewsEpochSecondsThatOverflowMilliseconds) {
  auto page = hackernews::ParseSearch(
      R"({"hits": [)"
      R"({"objectID": "23311238", "author": "jdoe", "comment_text": "hi",)"
      R"( "created_at_i": 1785573000785573000},)"
      R"({"objectID": "23311239", "author": "jdoe", "comment_text": "hi",)"
      R"( "created_at_i": -9223372036854775807, "created_at": "2026-08-01T09:00:00Z"}]})");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->hits.size(), 2u);
  EXPECT_EQ(page->hits[0].created_at_i, -1);
  ASSERT_FALSE(page->hits[0].mention.ok());
  EXPECT_NE(page->hits[0].mention.status().message().find("not a timestamp"), std::string::npos)
      << page->hits[0].mention.status().message();
  ASSERT_TRUE(page->hits[1].mention.ok()) << page->hits[1].mention.status().ToString();
  EXPECT_EQ(FormatIso8601(page->hits[1].mention->created_at), "2026-08-01T09:00:00.000Z");
}

}  // namespace
}  // namespace heed::connectors
