#include "platforms/rss.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "html.h"
#include "platforms/platforms.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox {
namespace {

constexpr std::chrono::seconds kRateWindow{300};

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 1123; also valid RFC 822 for pubDate).
std::string HttpDate(TimePoint t) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  sys_days day = floor<days>(t);
  year_month_day ymd(day);
  hh_mm_ss hms(floor<seconds>(t - day));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kDays[weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

uint64_t Fnv(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// HTML-escaped text with case-insensitive occurrences of `brand` wrapped in <b>.
std::string Highlight(std::string_view text, const std::string& brand) {
  std::string lower = AsciiLower(text);
  std::string needle = AsciiLower(brand);
  std::string out;
  size_t pos = 0;
  while (!needle.empty()) {
    size_t hit = lower.find(needle, pos);
    if (hit == std::string::npos) break;
    out += EscapeHtml(text.substr(pos, hit - pos)) + "<b>" +
           EscapeHtml(text.substr(hit, needle.size())) + "</b>";
    pos = hit + needle.size();
  }
  out += EscapeHtml(text.substr(pos));
  return out;
}

std::string FirstLine(std::string_view text) {
  return std::string(TruncateUtf8(text.substr(0, text.find('\n')), 90));
}

std::string Slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 40) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "post" : out;
}

struct Rendered {
  std::string body;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  TimePoint newest;
};

class RssEmulator final : public PlatformEmulator {
 public:
  explicit RssEmulator(const EmulatorContext& context)
      : context_(context), limiter_(context.rate_limit, kRateWindow) {
    alerts_ =
        Finish(RenderAlerts(), "application/atom+xml; charset=utf-8", context.corpus->tag_posts);
    blog_ =
        Finish(RenderBlog(), "application/rss+xml; charset=utf-8", context.corpus->mention_posts);
  }

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override {
    return Guarded(
        [&] { return HandleUnguarded(request, sub_path); },
        [](const char*) { return Text(500, "text/plain; charset=utf-8", "internal error"); });
  }

 private:
  static ApiResponse Text(int status, std::string content_type, std::string body) {
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", std::move(content_type));
    return r;
  }

  static Rendered Finish(std::string body, std::string content_type,
                         const std::vector<Post>& posts) {
    Rendered r;
    char tag[32];
    std::snprintf(tag, sizeof tag, "\"%016llx\"", static_cast<unsigned long long>(Fnv(body)));
    r.etag = tag;
    r.newest = TimePoint{};
    for (const Post& p : posts) r.newest = std::max(r.newest, p.created_at);
    r.last_modified = HttpDate(r.newest);
    r.body = std::move(body);
    r.content_type = std::move(content_type);
    return r;
  }

  std::string ArticleUrl(const Post& post) const {
    static constexpr std::array<const char*, 4> kSites = {
        "news.example.com", "www.dailyexample.org", "blog.example.net", "example-times.com"};
    return std::string("https://") + kSites[(post.id ^ context_.seed) % kSites.size()] + "/" +
           Slug(post.text) + "-" + std::to_string(post.id % 1000000) + "/";
  }

  std::string RenderAlerts() const {
    const std::string brand = BrandDisplayName(context_.brand);
    const std::string uid = std::to_string(17849810695950000000ULL + context_.seed % 100000);
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:idx=\"urn:atom-extension:indexing\">"
        "<id>tag:google.com,2005:reader/user/" +
        uid + "/state/com.google/alerts/1584246325889576</id><title>Google Alert - " +
        EscapeXml(brand) + "</title><link href=\"https://www.google.com/alerts/feeds/" + uid +
        "/1584246325889576\" rel=\"self\"></link><updated>";
    TimePoint newest{};
    for (const Post& p : context_.corpus->tag_posts) newest = std::max(newest, p.created_at);
    xml += IsoSeconds(newest) + "</updated>\n";
    const auto& posts = context_.corpus->tag_posts;
    for (auto it = posts.rbegin(); it != posts.rend(); ++it) {
      const Post& p = *it;
      std::string article = ArticleUrl(p);
      std::string redirect = "https://www.google.com/url?rct=j&sa=t&url=" + article +
                             "&ct=ga&cd=CAIyGjUwMjhiYWRmMWQ5M2MzMGE6Y29tOmVuOlVT&usg=AFQjCN" +
                             std::to_string(Fnv(article) % 1000000000);
      xml += "<entry><id>tag:google.com,2013:googlealerts/feed:" + std::to_string(p.id) +
             "</id><title type=\"html\">" + EscapeXml(Highlight(FirstLine(p.text), brand)) +
             "</title><link href=\"" + EscapeXml(redirect) + "\"></link><published>" +
             IsoSeconds(p.created_at) + "</published><updated>" + IsoSeconds(p.created_at) +
             "</updated><content type=\"html\">" + EscapeXml(Highlight(p.text, brand)) +
             "&amp;nbsp;...</content><author><name></name></author></entry>\n";
    }
    xml += "</feed>\n";
    return xml;
  }

  std::string RenderBlog() const {
    const std::string brand = BrandDisplayName(context_.brand);
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Posts about " +
        EscapeXml(brand) + "</title><link>https://blog.example.net/</link>" + "<atom:link href=\"" +
        EscapeXml(context_.base_url) +
        "/blog/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>" +
        "<description>Community posts mentioning " + EscapeXml(brand) +
        "</description><language>en-us</language>\n";
    const auto& posts = context_.corpus->mention_posts;
    for (auto it = posts.rbegin(); it != posts.rend(); ++it) {
      const Post& p = *it;
      const Account& author = context_.corpus->accounts[p.account];
      xml += "<item><title>" + EscapeXml(FirstLine(p.text)) + "</title><link>" +
             "https://blog.example.net/p/" + std::to_string(p.id) + "</link>" +
             "<guid isPermaLink=\"false\">blog-" + std::to_string(p.id) + "</guid><pubDate>" +
             HttpDate(p.created_at) + "</pubDate><dc:creator>" + EscapeXml(NameOf(author)) +
             "</dc:creator><description>" + EscapeXml(p.content) + "</description></item>\n";
    }
    xml += "</channel></rss>\n";
    return xml;
  }

  ApiResponse Serve(const ApiRequest& request, const Rendered& feed) const {
    auto inm = FindHeader(request.headers, "If-None-Match");
    auto ims = FindHeader(request.headers, "If-Modified-Since");
    bool not_modified = false;
    if (inm) {
      not_modified = *inm == feed.etag || *inm == "*";
    } else if (ims) {
      not_modified = *ims == feed.last_modified;
    }
    ApiResponse r;
    if (not_modified) {
      r.status = 304;
    } else {
      r = Text(200, feed.content_type, feed.body);
    }
    r.headers.emplace_back("ETag", feed.etag);
    r.headers.emplace_back("Last-Modified", feed.last_modified);
    r.headers.emplace_back("Cache-Control", "private, max-age=0");
    return r;
  }

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path) {
    RateLimiter::Decision quota =
        limiter_.Consume("ip:" + request.remote_address, context_.clock->Now());
    if (!quota.allowed) {
      ApiResponse r = Text(429, "text/plain; charset=utf-8", "Too Many Requests");
      AddRetryAfter(&r, quota, *context_.clock);
      return r;
    }
    std::string path = PercentDecode(sub_path, false);
    const Rendered* feed = nullptr;
    if (path == "/alerts/atom.xml" || path == "/" || path.empty()) feed = &alerts_;
    if (path == "/blog/rss.xml") feed = &blog_;
    if (feed == nullptr) {
      return Text(404, "text/html; charset=utf-8",
                  "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                  "<body><h1>Not Found</h1></body></html>");
    }
    if (request.method != "GET" && request.method != "HEAD") {
      ApiResponse r = Text(405, "text/plain; charset=utf-8", "Method Not Allowed");
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    ApiResponse r = Serve(request, *feed);
    if (request.method == "HEAD") r.body.clear();
    return r;
  }

  const EmulatorContext context_;
  RateLimiter limiter_;
  Rendered alerts_;  // immutable after construction
  Rendered blog_;    // immutable after construction
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeRssEmulator(const EmulatorContext& context) {
  if (context.corpus == nullptr || context.clock == nullptr) return nullptr;
  return std::make_unique<RssEmulator>(context);
}

}  // namespace heed::sandbox
