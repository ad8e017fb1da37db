#include "platforms/hackernews.h"

#include <algorithm>
#include <optional>
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

constexpr std::chrono::seconds kRateWindow{3600};
constexpr int64_t kFirstId = 41000000;
constexpr int kMaxHitsPerPage = 1000;
constexpr int kPaginationLimit = 1000;

struct Item {
  int64_t id = 0;
  bool story = true;
  std::string author;
  int64_t created_at_i = 0;
  std::string title;        // stories
  std::string text_html;    // story_text or comment_text
  std::string plain;        // for search
  int64_t story_id = 0;     // comments: the story; stories: itself
  int64_t parent_id = 0;    // comments
  std::string story_title;  // comments
  int points = 1;
  int num_comments = 0;
};

std::string Iso(int64_t seconds) { return IsoSeconds(TimePoint(std::chrono::seconds(seconds))); }

// HN renders paragraphs with <p> and escapes quotes as &#x27; / &quot;.
std::string HnHtml(std::string_view plain) {
  std::string out;
  std::string escaped = EscapeHtml(plain);
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped.compare(i, 5, "&#39;") == 0) {
      out += "&#x27;";
      i += 4;
    } else if (escaped[i] == '\n') {
      out += "<p>";
      while (i + 1 < escaped.size() && escaped[i + 1] == '\n') ++i;
    } else {
      out += escaped[i];
    }
  }
  return out;
}

void Str(JsonWriter& w, std::string_view s) {
  std::string clean = SanitizeUtf8(s);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

ApiResponse AlgoliaError(int status, std::string_view message) {
  return JsonResponse(status, BuildJson([&](JsonWriter& w) {
                        w.StartObject();
                        WriteSanitizedString(w, "message", message);
                        WriteInt(w, "status", status);
                        w.EndObject();
                      }));
}

struct NumericFilter {
  std::string attribute;
  std::string op;
  int64_t value = 0;
};

std::optional<std::vector<NumericFilter>> ParseNumericFilters(std::string_view text) {
  std::vector<NumericFilter> filters;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t end = text.find(',', start);
    std::string_view f = text.substr(start, end == std::string_view::npos ? end : end - start);
    size_t op_at = f.find_first_of("<>=");
    if (op_at == std::string_view::npos || op_at == 0) return std::nullopt;
    size_t op_end = f.find_first_not_of("<>=", op_at);
    if (op_end == std::string_view::npos) return std::nullopt;
    NumericFilter nf{std::string(f.substr(0, op_at)), std::string(f.substr(op_at, op_end - op_at))};
    if (nf.attribute != "created_at_i" && nf.attribute != "points" &&
        nf.attribute != "num_comments") {
      return std::nullopt;
    }
    if (nf.op != "<" && nf.op != "<=" && nf.op != "=" && nf.op != ">" && nf.op != ">=") {
      return std::nullopt;
    }
    auto v = ParseInt64(f.substr(op_end));
    if (!v) return std::nullopt;
    nf.value = *v;
    filters.push_back(std::move(nf));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return filters;
}

bool Compare(int64_t a, const std::string& op, int64_t b) {
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == "=") return a == b;
  if (op == ">") return a > b;
  return a >= b;
}

// tags: AND of terms; a term is a tag or "(t1,t2)" (OR).
std::optional<std::vector<std::vector<std::string>>> ParseTags(std::string_view text) {
  std::vector<std::vector<std::string>> groups;
  size_t i = 0;
  while (i < text.size()) {
    std::vector<std::string> group;
    if (text[i] == '(') {
      size_t close = text.find(')', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inner = text.substr(i + 1, close - i - 1);
      size_t s = 0;
      while (s <= inner.size()) {
        size_t e = inner.find(',', s);
        std::string_view t = inner.substr(s, e == std::string_view::npos ? e : e - s);
        if (!t.empty()) group.emplace_back(t);
        if (e == std::string_view::npos) break;
        s = e + 1;
      }
      i = close + 1;
    } else {
      size_t e = text.find(',', i);
      group.emplace_back(text.substr(i, e == std::string_view::npos ? e : e - i));
      i = e == std::string_view::npos ? text.size() : e;
    }
    if (group.empty()) return std::nullopt;
    groups.push_back(std::move(group));
    if (i < text.size() && text[i] == ',') ++i;
  }
  return groups;
}

class HackerNewsEmulator final : public PlatformEmulator {
 public:
  explicit HackerNewsEmulator(const EmulatorContext& context)
      : context_(context), limiter_(context.rate_limit, kRateWindow) {
    Build();
  }

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override {
    return Guarded(
        [&] { return HandleUnguarded(request, sub_path); },
        [](const char* what) { return AlgoliaError(500, WithDetail("internal error", what)); });
  }

 private:
  void Build() {
    struct Source {
      const Post* post;
      bool story;
    };
    std::vector<Source> sources;
    for (const Post& p : context_.corpus->tag_posts) sources.push_back({&p, true});
    for (const Post& p : context_.corpus->mention_posts) sources.push_back({&p, false});
    std::stable_sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
      return a.post->created_at < b.post->created_at;
    });
    const Item* last_story = nullptr;
    int64_t next_id = kFirstId;
    items_.reserve(sources.size());
    for (const Source& s : sources) {
      Item item;
      item.id = next_id;
      next_id += 1 + static_cast<int64_t>((s.post->id ^ context_.seed) % 3);
      item.story = s.story;
      const Account& account = context_.corpus->accounts[s.post->account];
      item.author = account.username;
      item.created_at_i =
          std::chrono::duration_cast<std::chrono::seconds>(s.post->created_at.time_since_epoch())
              .count();
      item.plain = s.post->text;
      if (s.story) {
        std::string_view text = s.post->text;
        size_t cut = text.find('\n');
        item.title = std::string(TruncateUtf8(text.substr(0, cut), 80));
        if (item.title.empty()) item.title = "Ask HN: " + BrandDisplayName(context_.brand);
        std::string_view rest = cut == std::string_view::npos ? "" : text.substr(cut + 1);
        item.text_html = HnHtml(rest);
        item.story_id = item.id;
        item.points = 1 + static_cast<int>(s.post->favourites_count);
      } else {
        item.text_html = HnHtml(s.post->text);
        item.story_id = last_story ? last_story->id : kFirstId - 1;
        item.parent_id = item.story_id;
        item.story_title =
            last_story ? last_story->title
                       : "Ask HN: What do you use for " + BrandDisplayName(context_.brand) + "?";
      }
      items_.push_back(std::move(item));
      if (items_.back().story) last_story = &items_.back();
    }
    for (Item& item : items_) {
      if (item.story) continue;
      for (Item& story : items_) {
        if (story.id == item.story_id) ++story.num_comments;
      }
    }
  }

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path) {
    RateLimiter::Decision quota =
        limiter_.Consume("ip:" + request.remote_address, context_.clock->Now());
    if (!quota.allowed) {
      ApiResponse r = AlgoliaError(429, "Too many requests");
      AddRetryAfter(&r, quota, *context_.clock);
      return r;
    }
    if (request.method != "GET") return AlgoliaError(404, "Not Found");
    std::string path = PercentDecode(sub_path, false);
    if (path == "/api/v1/search_by_date" || path == "/api/v1/search") {
      return Search(ParseQuery(request.query));
    }
    if (path.starts_with("/api/v1/items/")) return GetItem(path.substr(14));
    return AlgoliaError(404, "Not Found");
  }

  bool MatchesQuery(const Item& item, const std::vector<std::string>& words) const {
    return ContainsAll(AsciiLower(item.title + "\n" + item.plain + "\n" + item.author), words);
  }

  static bool HasTag(const Item& item, const std::string& tag) {
    if (tag == "story") return item.story;
    if (tag == "comment") return !item.story;
    if (tag.starts_with("author_")) return tag.substr(7) == item.author;
    if (tag.starts_with("story_")) return tag.substr(6) == std::to_string(item.story_id);
    return false;
  }

  static int64_t Numeric(const Item& item, const std::string& attribute) {
    if (attribute == "created_at_i") return item.created_at_i;
    if (attribute == "points") return item.story ? item.points : 0;
    return item.story ? item.num_comments : 0;
  }

  ApiResponse Search(const Params& params) const {
    std::string query = FirstParam(params, "query").value_or("");
    std::vector<std::string> words = LowerWords(query);
    auto tags = ParseTags(FirstParam(params, "tags").value_or(""));
    if (!tags) return AlgoliaError(400, "invalid tags parameter");
    auto numeric = ParseNumericFilters(FirstParam(params, "numericFilters").value_or(""));
    if (!numeric) return AlgoliaError(400, "invalid numericFilters parameter");
    int hits_per_page = 20;
    if (auto v = FirstParam(params, "hitsPerPage")) {
      auto n = ParseInt64(*v);
      if (!n || *n < 0 || *n > kMaxHitsPerPage) {
        return AlgoliaError(400, "hitsPerPage must be between 0 and 1000");
      }
      hits_per_page = static_cast<int>(*n);
    }
    int page = 0;
    if (auto v = FirstParam(params, "page")) {
      auto n = ParseInt64(*v);
      if (!n || *n < 0 || *n > 1000000) return AlgoliaError(400, "invalid page parameter");
      page = static_cast<int>(*n);
    }

    std::vector<const Item*> matched;
    for (const Item& item : items_) {
      if (!MatchesQuery(item, words)) continue;
      bool ok = true;
      for (const auto& group : *tags) {
        bool any = false;
        for (const std::string& t : group) any = any || HasTag(item, t);
        ok = ok && any;
      }
      for (const NumericFilter& f : *numeric) {
        ok = ok && Compare(Numeric(item, f.attribute), f.op, f.value);
      }
      if (ok) matched.push_back(&item);
    }
    std::sort(matched.begin(), matched.end(), [](const Item* a, const Item* b) {
      if (a->created_at_i != b->created_at_i) return a->created_at_i > b->created_at_i;
      return a->id > b->id;
    });
    const int nb_hits = static_cast<int>(matched.size());
    const int reachable = std::min(nb_hits, kPaginationLimit);
    const int nb_pages = hits_per_page == 0 ? 0 : (reachable + hits_per_page - 1) / hits_per_page;

    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    w.Key("exhaustive");
    w.StartObject();
    w.Key("nbHits");
    w.Bool(true);
    w.Key("typo");
    w.Bool(true);
    w.EndObject();
    w.Key("exhaustiveNbHits");
    w.Bool(true);
    w.Key("exhaustiveTypo");
    w.Bool(true);
    w.Key("hits");
    w.StartArray();
    const int64_t first = static_cast<int64_t>(page) * hits_per_page;
    for (int64_t i = first; i < first + hits_per_page && i < reachable; ++i) {
      WriteHit(w, *matched[static_cast<size_t>(i)]);
    }
    w.EndArray();
    w.Key("hitsPerPage");
    w.Int(hits_per_page);
    w.Key("nbHits");
    w.Int(nb_hits);
    w.Key("nbPages");
    w.Int(nb_pages);
    w.Key("page");
    w.Int(page);
    w.Key("params");
    Str(w, EncodeQuery(params));
    w.Key("processingTimeMS");
    w.Int(1);
    w.Key("query");
    Str(w, query);
    w.Key("serverTimeMS");
    w.Int(1);
    w.EndObject();
    return JsonResponse(200, JsonString(b));
  }

  void WriteHit(JsonWriter& w, const Item& item) const {
    w.StartObject();
    w.Key("_highlightResult");
    w.StartObject();
    w.Key("author");
    w.StartObject();
    w.Key("matchLevel");
    w.String("none");
    w.Key("matchedWords");
    w.StartArray();
    w.EndArray();
    w.Key("value");
    Str(w, item.author);
    w.EndObject();
    w.EndObject();
    w.Key("_tags");
    w.StartArray();
    w.String(item.story ? "story" : "comment");
    Str(w, "author_" + item.author);
    Str(w, "story_" + std::to_string(item.story_id));
    w.EndArray();
    w.Key("author");
    Str(w, item.author);
    w.Key("created_at");
    Str(w, Iso(item.created_at_i));
    w.Key("created_at_i");
    w.Int64(item.created_at_i);
    w.Key("objectID");
    Str(w, std::to_string(item.id));
    w.Key("story_id");
    w.Int64(item.story_id);
    if (item.story) {
      w.Key("children");
      w.StartArray();
      w.EndArray();
      w.Key("num_comments");
      w.Int(item.num_comments);
      w.Key("points");
      w.Int(item.points);
      w.Key("story_text");
      if (item.text_html.empty()) {
        w.Null();
      } else {
        Str(w, item.text_html);
      }
      w.Key("title");
      Str(w, item.title);
      w.Key("url");
      w.Null();
    } else {
      w.Key("comment_text");
      Str(w, item.text_html);
      w.Key("parent_id");
      w.Int64(item.parent_id);
      w.Key("story_title");
      Str(w, item.story_title);
      w.Key("story_url");
      w.Null();
    }
    w.Key("updated_at");
    Str(w, Iso(item.created_at_i));
    w.EndObject();
  }

  ApiResponse GetItem(std::string_view id_text) const {
    auto id = ParseInt64(id_text);
    const Item* found = nullptr;
    for (const Item& item : items_) {
      if (id && item.id == *id) found = &item;
    }
    if (found == nullptr) return AlgoliaError(404, "ObjectID does not exist");
    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    w.Key("id");
    w.Int64(found->id);
    w.Key("created_at");
    Str(w, Iso(found->created_at_i));
    w.Key("created_at_i");
    w.Int64(found->created_at_i);
    w.Key("type");
    w.String(found->story ? "story" : "comment");
    w.Key("author");
    Str(w, found->author);
    w.Key("title");
    if (found->story) {
      Str(w, found->title);
    } else {
      w.Null();
    }
    w.Key("text");
    Str(w, found->text_html);
    w.Key("parent_id");
    if (found->story) {
      w.Null();
    } else {
      w.Int64(found->parent_id);
    }
    w.Key("story_id");
    w.Int64(found->story_id);
    w.Key("children");
    w.StartArray();
    w.EndArray();
    w.EndObject();
    return JsonResponse(200, JsonString(b));
  }

  const EmulatorContext context_;
  std::vector<Item> items_;  // ascending time; immutable after construction
  mutable RateLimiter limiter_;
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeHackerNewsEmulator(const EmulatorContext& context) {
  if (context.corpus == nullptr || context.clock == nullptr) return nullptr;
  return std::make_unique<HackerNewsEmulator>(context);
}

}  // namespace heed::sandbox
