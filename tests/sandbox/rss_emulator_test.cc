// The RSS/Atom emulator over the real listener.
#include <gtest/gtest.h>

#include "sandbox_test_util.h"

namespace heed::sandbox::testing {
namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(RssEmulator, FeedsValidatorsAnd304) {
  SimulatedClock clock(TestStart());
  auto sandbox = StartSandbox(&clock, 11, 25);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->PlatformUrl("rss"));

  Reply atom = client.Get("/alerts/atom.xml");
  ASSERT_EQ(atom.status, 200);
  EXPECT_NE(atom.Header("content-type").find("application/atom+xml"), std::string::npos);
  EXPECT_EQ(Count(atom.body, "<entry>"), 25u);
  EXPECT_NE(atom.body.find("tag:google.com,2013:googlealerts/feed:"), std::string::npos);
  EXPECT_NE(atom.body.find("https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://"),
            std::string::npos);
  EXPECT_NE(atom.body.find("&lt;b&gt;Acme&lt;/b&gt;"), std::string::npos);
  const std::string etag = atom.Header("etag");
  const std::string last_modified = atom.Header("last-modified");
  ASSERT_FALSE(etag.empty());
  ASSERT_FALSE(last_modified.empty());
  EXPECT_EQ(client.Get("/").body, atom.body);  // the prefix itself serves the alerts feed

  Reply same = client.Send("GET", "/alerts/atom.xml", "", "", "", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  Reply since =
      client.Send("GET", "/alerts/atom.xml", "", "", "", {{"If-Modified-Since", last_modified}});
  EXPECT_EQ(since.status, 304);
  Reply changed =
      client.Send("GET", "/alerts/atom.xml", "", "", "", {{"If-None-Match", "\"other\""}});
  EXPECT_EQ(changed.status, 200);

  Reply rss = client.Get("/blog/rss.xml");
  ASSERT_EQ(rss.status, 200);
  EXPECT_NE(rss.Header("content-type").find("application/rss+xml"), std::string::npos);
  EXPECT_EQ(Count(rss.body, "<item>"), 25u);
  EXPECT_NE(rss.body.find("<pubDate>"), std::string::npos);
  EXPECT_NE(rss.body.find("GMT</pubDate>"), std::string::npos);
  EXPECT_NE(rss.Header("etag"), etag);

  EXPECT_EQ(client.Get("/missing.xml").status, 404);
  EXPECT_EQ(client.Send("POST", "/blog/rss.xml").status, 405);
}

}  // namespace
}  // namespace heed::sandbox::testing
