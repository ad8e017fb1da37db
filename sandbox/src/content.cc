#include "content.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "heed/core/text.h"
#include "html.h"
#include "people.h"
#include "phrases.h"
#include "prng.h"

namespace heed::sandbox {
namespace {

constexpr int64_t kNewestOffsetMs = 2 * 60 * 1000;  // two minutes before start

enum class Feed { kMentions, kTag };

struct World {
  const CorpusOptions& options;
  Corpus& corpus;
  Prng& rng;
  std::vector<size_t> people[2];                 // account indices by Lang
  std::unordered_map<int64_t, uint64_t> per_ms;  // snowflake sequence per millisecond
};

// Ascending timestamps spread over the hours before `now`.
std::vector<TimePoint> SpreadTimes(Prng& rng, int count, TimePoint now, Millis span) {
  const int64_t oldest = std::max<int64_t>(span.count(), kNewestOffsetMs + 1000);
  std::vector<int64_t> offsets;
  for (int i = 0; i < count; ++i) offsets.push_back(rng.Between(kNewestOffsetMs, oldest));
  std::sort(offsets.rbegin(), offsets.rend());
  std::vector<TimePoint> times;
  for (int64_t off : offsets) times.push_back(now - Millis(off));
  return times;
}

// Writes one composed paragraph; brand markers become the name, or the hashtag once when
// `hashtag_pending` (cleared when used).
void WriteParagraph(World& w, ContentBuilder& b, const std::string& text, bool* hashtag_pending) {
  std::string name = BrandDisplayName(w.options.brand);
  size_t start = 0;
  while (true) {
    size_t marker = text.find(kBrandMarker, start);
    b.Text(std::string_view(text).substr(start,
                                         marker == std::string::npos ? marker : marker - start));
    if (marker == std::string::npos) break;
    if (*hashtag_pending) {
      b.Hashtag(w.options.base_url, name);
      *hashtag_pending = false;
    } else {
      b.Text(name);
    }
    start = marker + 1;
  }
}

void RenderContent(World& w, Feed feed, Lang lang, const ComposedText& text, Post* post) {
  const Account& brand = w.corpus.accounts[kBrandAccount];
  ContentBuilder b;
  bool mention_first =
      feed == Feed::kMentions && (text.category == Category::kFollowUp || w.rng.Chance(0.8));
  if (mention_first) {
    b.Mention(brand.url, brand.username);
    b.Text(" ");
  }
  bool hashtag_pending = feed == Feed::kTag;
  for (size_t i = 0; i < text.paragraphs.size(); ++i) {
    if (i > 0) b.ParagraphBreak();
    WriteParagraph(w, b, text.paragraphs[i], &hashtag_pending);
  }
  if (feed == Feed::kMentions) {
    post->mentions.push_back(kBrandAccount);
    if (!mention_first) {
      b.Text(" ");
      b.Mention(brand.url, brand.username);
    }
  } else {
    post->tags.push_back(AsciiLower(w.options.brand));
    if (hashtag_pending) {
      b.Text(" ");
      b.Hashtag(w.options.base_url,
                w.rng.Chance(0.5) ? w.options.brand : BrandDisplayName(w.options.brand));
    }
  }
  if (text.category == Category::kComplaint && w.rng.Chance(0.2)) {
    std::string extra(PickComplaintTag(w.rng, lang));
    b.Text(" ");
    b.Hashtag(w.options.base_url, extra);
    post->tags.push_back(extra);
  }
  post->content = b.Html();
  post->text = b.PlainText();
}

// Index of an earlier complaint in `posts` to follow up on, if the dice say so.
std::optional<size_t> PickFollowUpParent(World& w, const std::vector<Post>& posts,
                                         const std::vector<Category>& categories) {
  if (posts.empty() || !w.rng.Chance(0.12)) return std::nullopt;
  size_t candidate = w.rng.Below(posts.size());
  if (categories[candidate] != Category::kComplaint) return std::nullopt;
  return candidate;
}

std::vector<Post> MakeFeed(World& w, Feed feed, int count) {
  std::vector<Post> posts;
  std::vector<Category> categories;
  std::vector<Lang> langs;
  for (TimePoint at : SpreadTimes(w.rng, count, w.options.now, w.options.history_span)) {
    Post post;
    post.created_at = at;
    post.id = SnowflakeId(at, w.per_ms[ToUnixMillis(at)]++);
    std::optional<size_t> parent;
    if (feed == Feed::kMentions) parent = PickFollowUpParent(w, posts, categories);
    Lang lang;
    Category category;
    if (parent) {
      Post& p = posts[*parent];
      lang = langs[*parent];
      category = Category::kFollowUp;
      post.account = p.account;
      post.in_reply_to_id = p.id;
      post.in_reply_to_account_id = w.corpus.accounts[p.account].id;
      ++p.replies_count;
    } else {
      lang = w.rng.Chance(0.5) ? Lang::kEnglish : Lang::kItalian;
      category = PickCategory(w.rng);
      post.account = w.rng.Pick(w.people[static_cast<int>(lang)]);
    }
    ComposedText text = ComposePost(w.rng, lang, category);
    RenderContent(w, feed, lang, text, &post);
    if (!w.rng.Chance(0.2)) post.language = std::string(LangCode(lang));
    if (category == Category::kComplaint && w.rng.Chance(0.06)) {
      post.sensitive = true;
      post.spoiler_text = std::string(RantSpoiler(lang));
    }
    post.reblogs_count = static_cast<int>(w.rng.Chance(0.7) ? 0 : w.rng.Between(1, 6));
    post.favourites_count = static_cast<int>(w.rng.Chance(0.4) ? 0 : w.rng.Between(1, 25));
    const Account& author = w.corpus.accounts[post.account];
    post.uri = author.uri + "/statuses/" + std::to_string(post.id);
    post.url = author.url + "/" + std::to_string(post.id);
    posts.push_back(std::move(post));
    categories.push_back(category);
    langs.push_back(lang);
  }
  return posts;
}

}  // namespace

std::string BrandDisplayName(const std::string& brand) {
  std::string name = brand;
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 32);
  return name;
}

Corpus GenerateCorpus(const CorpusOptions& options) {
  Corpus corpus;
  Prng rng(options.seed);
  int count = std::clamp(options.post_count, 0, kMaxPostCount);
  World w{options, corpus, rng, {}, {}};

  corpus.accounts.push_back(MakeBrandAccount(options.brand, options.base_url, options.now));
  std::unordered_set<std::string> taken = {options.brand};
  int per_language = std::clamp(count / 4, 6, 3000);
  for (Lang lang : {Lang::kEnglish, Lang::kItalian}) {
    for (Account& a : MakePeople(rng, lang, per_language, options.base_url, options.now, &taken)) {
      w.people[static_cast<int>(lang)].push_back(corpus.accounts.size());
      corpus.accounts.push_back(std::move(a));
    }
  }

  corpus.mention_posts = MakeFeed(w, Feed::kMentions, count);
  corpus.tag_posts = MakeFeed(w, Feed::kTag, count);

  TimePoint previous = options.now - options.history_span - Millis(1000);
  for (size_t i = 0; i < corpus.mention_posts.size(); ++i) {
    const Post& post = corpus.mention_posts[i];
    Notification n;
    n.id = i + 1;
    n.created_at = std::max(previous, post.created_at + Millis(rng.Between(20, 900)));
    n.status_id = post.id;
    n.account = post.account;
    previous = n.created_at;
    corpus.notifications.push_back(n);
  }
  return corpus;
}

}  // namespace heed::sandbox
