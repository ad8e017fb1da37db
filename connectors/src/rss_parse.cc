#include "rss_parse.h"

#include <expat.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <utility>

#include "connector_text.h"
#include "heed/core/text.h"
#include "html_text.h"
#include "json_util.h"

namespace heed::connectors::rss {
namespace {

constexpr int kMaxDepth = 64;
constexpr size_t kMaxFieldBytes = 1024 * 1024;
constexpr size_t kMaxKeyBytes = 512;
constexpr char kSep = '|';
constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRss1 = "http://purl.org/rss/1.0/";
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";

// "uri|local" (expat namespace form) split; no namespace -> uri empty.
std::pair<std::string_view, std::string_view> SplitName(std::string_view name) {
  size_t sep = name.rfind(kSep);
  if (sep == std::string_view::npos) return {"", name};
  return {name.substr(0, sep), name.substr(sep + 1)};
}

// The fields of one entry, as found.
struct RawEntry {
  std::string id, title, title_type, link, guid, published, updated, pub_date, dc_date;
  std::string summary, summary_type, content, content_type, description, encoded;
  std::string author_name, author_uri, rss_author, dc_creator, lang;
  bool guid_is_permalink = true;
  bool has_link = false;
};

struct State {
  XML_Parser parser = nullptr;
  std::string format;  // from the root element
  std::string feed_lang;
  int depth = 0;
  int entry_depth = -1;            // depth of the open entry/item element, -1 when none
  std::vector<std::string> path;   // element names (expat form), root first
  std::vector<std::string> texts;  // character data per open element
  std::vector<std::string> types;  // the "type" attribute per open element
  RawEntry entry;
  std::vector<RawEntry> entries;
  std::string abort_reason;
};

void Abort(State* s, std::string reason) {
  if (s->abort_reason.empty()) s->abort_reason = std::move(reason);
  XML_StopParser(s->parser, XML_FALSE);
}

const char* Attr(const XML_Char** atts, std::string_view name) {
  for (size_t i = 0; atts[i] != nullptr; i += 2) {
    if (name == atts[i]) return atts[i + 1];
  }
  return nullptr;
}

bool IsEntryElement(const State& s, std::string_view ns, std::string_view local) {
  if (s.format == "atom") return ns == kAtom && local == "entry";
  if (s.format == "rss") return ns.empty() && local == "item";
  return ns == kRss1 && local == "item";
}

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** atts) {
  auto* s = static_cast<State*>(data);
  if (++s->depth > kMaxDepth) return Abort(s, "XML nested deeper than 64 elements");
  auto [ns, local] = SplitName(name);
  std::string lang_attr = std::string(kXml) + kSep + "lang";
  if (s->depth == 1) {
    if (ns == kAtom && local == "feed") {
      s->format = "atom";
    } else if (ns.empty() && local == "rss") {
      s->format = "rss";
    } else if (ns == kRdf && local == "RDF") {
      s->format = "rdf";
    } else {
      return Abort(s, "the document is not an RSS or Atom feed (root element <" +
                          SanitizeUtf8(std::string(local).substr(0, 40)) + ">)");
    }
    if (const char* lang = Attr(atts, lang_attr)) s->feed_lang = lang;
  }
  s->path.emplace_back(name);
  s->texts.emplace_back();
  const char* type = Attr(atts, "type");
  s->types.emplace_back(type ? type : "");
  if (s->entry_depth < 0 && IsEntryElement(*s, ns, local)) {
    s->entry_depth = s->depth;
    s->entry = RawEntry{};
    if (const char* about = Attr(atts, std::string(kRdf) + kSep + "about")) s->entry.id = about;
    if (const char* lang = Attr(atts, lang_attr)) s->entry.lang = lang;
    return;
  }
  if (s->entry_depth > 0 && s->depth == s->entry_depth + 1) {
    if (ns == kAtom && local == "link") {
      const char* href = Attr(atts, "href");
      const char* rel = Attr(atts, "rel");
      bool alternate = rel == nullptr || std::string_view(rel) == "alternate";
      if (href != nullptr && alternate && !s->entry.has_link) {
        s->entry.link = href;
        s->entry.has_link = true;
      }
    } else if (ns.empty() && local == "guid") {
      const char* permalink = Attr(atts, "isPermaLink");
      s->entry.guid_is_permalink = permalink == nullptr || std::string_view(permalink) == "true";
    }
  }
}

void XMLCALL OnEnd(void* data, const XML_Char* name) {
  auto* s = static_cast<State*>(data);
  // Expat still reports the end of an empty element (<x/>) whose start handler stopped the
  // parser; that start pushed nothing, so there is nothing to pop.
  if (!s->abort_reason.empty()) return;
  std::string text = std::move(s->texts.back());
  std::string type = std::move(s->types.back());
  s->texts.pop_back();
  s->types.pop_back();
  s->path.pop_back();
  const int depth = s->depth--;
  // Nested markup (Atom xhtml content) contributes its text to the enclosing element.
  if (!s->texts.empty() && depth > s->entry_depth + 1 && s->entry_depth > 0) {
    std::string& parent = s->texts.back();
    if (parent.size() + text.size() <= kMaxFieldBytes) parent += text;
  }
  auto [ns, local] = SplitName(name);
  if (s->format == "rss" && depth == 3 && ns.empty() && local == "language") {
    s->feed_lang = TrimWhitespace(text);  // rss > channel > language
  }
  if (s->entry_depth < 0) return;
  if (depth == s->entry_depth) {
    s->entries.push_back(std::move(s->entry));
    s->entry_depth = -1;
    return;
  }
  RawEntry& e = s->entry;
  if (depth == s->entry_depth + 2) {
    auto [pns, plocal] = SplitName(s->path.back());
    if (pns == kAtom && plocal == "author") {
      if (ns == kAtom && local == "name" && e.author_name.empty())
        e.author_name = TrimWhitespace(text);
      if (ns == kAtom && local == "uri" && e.author_uri.empty())
        e.author_uri = TrimWhitespace(text);
    }
    return;
  }
  if (depth != s->entry_depth + 1) return;
  if (ns == kAtom || (s->format == "rdf" && ns == kRss1) || (s->format == "rss" && ns.empty())) {
    if (local == "id") e.id = TrimWhitespace(text);
    if (local == "title") {
      e.title = std::move(text);
      e.title_type = type;
    } else if (local == "published") {
      e.published = TrimWhitespace(text);
    } else if (local == "updated") {
      e.updated = TrimWhitespace(text);
    } else if (local == "summary") {
      e.summary = std::move(text);
      e.summary_type = type;
    } else if (local == "content") {
      e.content = std::move(text);
      e.content_type = type;
    } else if (local == "link" && ns != kAtom) {
      e.link = TrimWhitespace(text);
      e.has_link = true;
    } else if (local == "guid") {
      e.guid = TrimWhitespace(text);
    } else if (local == "pubDate") {
      e.pub_date = TrimWhitespace(text);
    } else if (local == "description") {
      e.description = std::move(text);
    } else if (local == "author" && ns != kAtom) {
      e.rss_author = TrimWhitespace(text);
    }
  } else if (ns == kDc && local == "creator") {
    e.dc_creator = TrimWhitespace(text);
  } else if (ns == kDc && local == "date") {
    e.dc_date = TrimWhitespace(text);
  } else if (ns == kContent && local == "encoded") {
    e.encoded = std::move(text);
  }
}

void XMLCALL OnText(void* data, const XML_Char* text, int len) {
  auto* s = static_cast<State*>(data);
  if (s->entry_depth < 0 && !(s->format == "rss" && s->depth == 3)) return;
  if (s->texts.empty()) return;
  std::string& buf = s->texts.back();
  if (buf.size() + static_cast<size_t>(len) > kMaxFieldBytes) {
    return Abort(s, "an element's text is larger than 1 MiB");
  }
  buf.append(text, static_cast<size_t>(len));
}

void XMLCALL OnEntityDecl(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                          const XML_Char*, const XML_Char*, const XML_Char*) {
  Abort(static_cast<State*>(data), "the document declares entities (refused)");
}

int XMLCALL OnExternalEntity(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*,
                             const XML_Char*) {
  return XML_STATUS_ERROR;  // never load anything
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i] == '+' ? ' ' : text[i];
  }
  return out;
}

bool IsHttpUrl(std::string_view url) {
  std::string lower = AsciiLower(url.substr(0, 8));
  return lower.starts_with("http://") || lower.starts_with("https://");
}

std::string HostOfUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  authority = authority.substr(0, authority.find(':'));
  return AsciiLower(authority);
}

std::string Language(std::string_view tag) {
  if (tag.size() < 2 || !std::isalpha(static_cast<unsigned char>(tag[0])) ||
      !std::isalpha(static_cast<unsigned char>(tag[1]))) {
    return "";
  }
  if (tag.size() > 2 && std::isalpha(static_cast<unsigned char>(tag[2]))) return "";
  return AsciiLower(tag.substr(0, 2));
}

// "jane@example.com (Jane Doe)" -> "Jane Doe"; anything else unchanged.
std::string RssAuthorName(const std::string& author) {
  size_t open = author.find('(');
  size_t close = author.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    return TrimWhitespace(std::string_view(author).substr(open + 1, close - open - 1));
  }
  return author;
}

std::string PlainOf(const std::string& text, bool html) {
  return html ? HtmlToText(text) : TrimWhitespace(SanitizeUtf8(text));
}

std::string RawJson(const RawEntry& e, std::string_view format) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto put = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    w.Key(key);
    std::string clean = SanitizeUtf8(value);
    w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
  };
  w.StartObject();
  put("format", std::string(format));
  put("id", e.id);
  put("guid", e.guid);
  put("title", e.title);
  put("link", e.link);
  put("published", e.published);
  put("updated", e.updated);
  put("pubDate", e.pub_date);
  put("dc:date", e.dc_date);
  put("author", e.author_name.empty() ? e.rss_author : e.author_name);
  put("dc:creator", e.dc_creator);
  put("summary", e.summary);
  put("description", e.description);
  put("content", e.content.empty() ? e.encoded : e.content);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Entry BuildEntry(const RawEntry& e, size_t index, const std::string& format,
                 const std::string& feed_lang, const ParseOptions& options) {
  Entry out;
  // Date.
  std::optional<TimePoint> when;
  std::string date_text;
  for (const std::string* iso : {&e.published, &e.updated, &e.dc_date}) {
    if (when || iso->empty()) continue;
    Result<TimePoint> t = ParseIso8601(*iso);
    if (t.ok()) when = *t;
  }
  if (!when && !e.pub_date.empty()) {
    when = ParseRfc822Date(e.pub_date);
    if (!when) {
      Result<TimePoint> t = ParseIso8601(e.pub_date);  // some feeds put ISO dates there
      if (t.ok()) when = *t;
    }
  }
  out.dated = when.has_value();
  out.created_at = when.value_or(options.fetched_at);
  date_text = !e.published.empty()  ? e.published
              : !e.pub_date.empty() ? e.pub_date
              : !e.updated.empty()  ? e.updated
                                    : e.dc_date;

  // Link.
  std::string link = UnwrapGoogleRedirect(TrimWhitespace(e.link));
  if (!IsHttpUrl(link)) link.clear();
  std::string id = SanitizeUtf8(!e.id.empty() ? e.id : e.guid);
  std::string key = !id.empty() ? id : link;
  if (key.empty()) key = "sha:" + HashHex(e.title + "\n" + date_text);
  if (key.size() > kMaxKeyBytes) key = "sha:" + HashHex(key);
  out.key = key;

  auto error = [&](std::string_view what) {
    return Status::DataLoss(options.platform + " entry " + std::to_string(index) + " (" +
                            ForTerminal(key.substr(0, 120)) + "): " + std::string(what));
  };

  Mention m;
  m.platform = options.platform;
  m.remote_id = key;
  m.created_at = out.created_at;
  if (link.empty() && !e.guid.empty() && e.guid_is_permalink && IsHttpUrl(e.guid)) link = e.guid;
  if (link.empty() && IsHttpUrl(e.id)) link = e.id;
  m.url = SanitizeUtf8(link.empty() ? options.feed_url : link);

  const bool atom = format == "atom";
  bool title_html =
      atom ? e.title_type == "html" : e.title.find_first_of("<&") != std::string::npos;
  std::string title = PlainOf(e.title, title_html);
  std::string body;
  if (atom) {
    const bool use_content = !TrimWhitespace(e.content).empty();
    const std::string& b = use_content ? e.content : e.summary;
    body = PlainOf(b, (use_content ? e.content_type : e.summary_type) == "html");
  } else {
    body = HtmlToText(!TrimWhitespace(e.description).empty() ? e.description : e.encoded);
  }
  if (title.empty() && body.empty()) {
    out.mention = error("no title, description or content");
    return out;
  }
  m.text = title.empty() ? body : body.empty() ? title : title + "\n" + body;

  std::string author = e.author_name;
  if (author.empty()) author = e.dc_creator;
  if (author.empty()) author = RssAuthorName(e.rss_author);
  author = ForTerminal(author);
  if (!author.empty()) {
    m.author.id = author;
    m.author.handle = author;
    m.author.display_name = author;
    m.author.profile_url = IsHttpUrl(e.author_uri) ? SanitizeUtf8(e.author_uri) : "";
  } else {
    std::string host = HostOfUrl(m.url);
    m.author.id = host;
    m.author.handle = host;
    if (!host.empty()) m.author.profile_url = "https://" + host;
  }
  m.language = Language(!e.lang.empty() ? e.lang : feed_lang);
  m.raw_json = RawJson(e, format);
  out.mention = std::move(m);
  return out;
}

}  // namespace

std::string HashHex(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[h & 0xF];
    h >>= 4;
  }
  return out;
}

std::string UnwrapGoogleRedirect(std::string_view url) {
  std::string host = HostOfUrl(url);
  bool google = host.starts_with("google.") || host.starts_with("www.google.");
  if (!google) return std::string(url);
  size_t scheme = url.find("://");
  std::string_view rest = url.substr(scheme + 3);
  size_t path_at = rest.find('/');
  if (path_at == std::string_view::npos) return std::string(url);
  std::string_view path_query = rest.substr(path_at);
  if (!path_query.starts_with("/url?")) return std::string(url);
  std::string_view query = path_query.substr(5);
  query = query.substr(0, query.find('#'));
  std::string found;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    std::string_view pair = query.substr(start, end == std::string_view::npos ? end : end - start);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos) {
      std::string_view key = pair.substr(0, eq);
      if (key == "url" || (key == "q" && found.empty())) {
        std::string value = PercentDecode(pair.substr(eq + 1));
        if (IsHttpUrl(value)) found = value;
        if (key == "url" && !found.empty()) break;
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return found.empty() ? std::string(url) : found;
}

std::optional<TimePoint> ParseRfc822Date(std::string_view text) {
  std::string s = TrimWhitespace(text);
  std::vector<std::string> tokens;
  {
    std::string cur;
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == ',') {
        if (!cur.empty()) tokens.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) tokens.push_back(std::move(cur));
  }
  size_t i = 0;
  if (i < tokens.size() && !tokens[i].empty() &&
      std::isalpha(static_cast<unsigned char>(tokens[i][0]))) {
    ++i;  // day name
  }
  if (tokens.size() < i + 4) return std::nullopt;
  auto number = [](const std::string& t) -> std::optional<int> {
    if (t.empty() || t.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : t) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  auto day = number(tokens[i]);
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string mon = AsciiLower(tokens[i + 1].substr(0, 3));
  int month = 0;
  for (size_t k = 0; k < kMonths.size(); ++k) {
    if (mon == kMonths[k]) month = static_cast<int>(k) + 1;
  }
  auto year = number(tokens[i + 2]);
  if (!day || month == 0 || !year || *day < 1 || *day > 31) return std::nullopt;
  int y = *year;
  if (tokens[i + 2].size() <= 2) y += y < 50 ? 2000 : 1900;
  // Time: H:MM[:SS]
  const std::string& tm = tokens[i + 3];
  int hms[3] = {0, 0, 0};
  int parts = 0;
  {
    size_t p = 0;
    while (p <= tm.size() && parts < 3) {
      size_t colon = tm.find(':', p);
      auto v = number(tm.substr(p, colon == std::string::npos ? std::string::npos : colon - p));
      if (!v) return std::nullopt;
      hms[parts++] = *v;
      if (colon == std::string::npos) break;
      p = colon + 1;
    }
  }
  if (parts < 2 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60) return std::nullopt;
  int offset_minutes = 0;
  if (tokens.size() > i + 4) {
    std::string zone = tokens[i + 4];
    std::string upper;
    for (char c : zone) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5) {
      auto hhmm = number(zone.substr(1));
      if (!hhmm) return std::nullopt;
      offset_minutes = (*hhmm / 100) * 60 + *hhmm % 100;
      if (zone[0] == '-') offset_minutes = -offset_minutes;
    } else if (upper == "EST") {
      offset_minutes = -5 * 60;
    } else if (upper == "EDT") {
      offset_minutes = -4 * 60;
    } else if (upper == "CST") {
      offset_minutes = -6 * 60;
    } else if (upper == "CDT") {
      offset_minutes = -5 * 60;
    } else if (upper == "MST") {
      offset_minutes = -7 * 60;
    } else if (upper == "MDT") {
      offset_minutes = -6 * 60;
    } else if (upper == "PST") {
      offset_minutes = -8 * 60;
    } else if (upper == "PDT") {
      offset_minutes = -7 * 60;
    } else if (upper == "GMT" || upper == "UT" || upper == "UTC" || upper.size() == 1) {
      offset_minutes = 0;
    } else {
      return std::nullopt;
    }
  }
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(month)),
                     std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  sys_seconds t =
      sys_days(ymd) + hours(hms[0]) + minutes(hms[1]) + seconds(hms[2]) - minutes(offset_minutes);
  return TimePoint(duration_cast<Millis>(t.time_since_epoch()));
}

namespace {

// True when the document is UTF-8 by its XML declaration (or by default, with none and no
// UTF-16 byte order mark). Only then may ill-formed bytes be repaired before parsing: in a
// Latin-1 feed they are characters.
bool DeclaredUtf8(std::string_view body) {
  if (body.starts_with("\xFE\xFF") || body.starts_with("\xFF\xFE")) return false;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  if (!body.starts_with("<?xml")) return true;
  std::string_view prolog = body.substr(0, body.find("?>"));
  size_t at = prolog.find("encoding");
  if (at == std::string_view::npos) return true;
  size_t quote = prolog.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return true;
  size_t close = prolog.find(prolog[quote], quote + 1);
  std::string name = AsciiLower(prolog.substr(quote + 1, close - quote - 1));
  return name == "utf-8" || name == "utf8";
}

}  // namespace

Result<Feed> ParseFeed(std::string_view raw_body, const ParseOptions& options) {
  if (raw_body.size() > kMaxFeedBytes) {
    return Status::DataLoss("feed larger than " + std::to_string(kMaxFeedBytes) + " bytes");
  }
  // A UTF-8 feed with a stray invalid byte would otherwise be refused whole, every poll: its
  // entries are kept, with U+FFFD where the bytes were.
  std::string repaired;
  std::string_view body = raw_body;
  if (!IsValidUtf8(body) && DeclaredUtf8(body)) {
    repaired = SanitizeUtf8(body);
    body = repaired;
  }
  XML_Parser parser = XML_ParserCreateNS(nullptr, kSep);
  if (parser == nullptr) return Status::Internal("expat: cannot create a parser");
  State state;
  state.parser = parser;
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser, OnText);
  XML_SetEntityDeclHandler(parser, OnEntityDecl);
  XML_SetExternalEntityRefHandler(parser, OnExternalEntity);
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
  XML_Status status = XML_Parse(parser, body.data(), static_cast<int>(body.size()), XML_TRUE);
  Status result;
  if (!state.abort_reason.empty()) {
    result = Status::DataLoss("feed refused: " + state.abort_reason);
  } else if (status != XML_STATUS_OK) {
    std::string start = ForTerminal(SanitizeUtf8(body.substr(0, 40)));
    result = Status::DataLoss(std::string("feed is not well-formed XML (") +
                              XML_ErrorString(XML_GetErrorCode(parser)) + " at line " +
                              std::to_string(XML_GetCurrentLineNumber(parser)) +
                              "; body starts \"" + start + "\")");
  } else if (state.format.empty()) {
    result = Status::DataLoss("the document is not an RSS or Atom feed");
  }
  XML_ParserFree(parser);
  if (!result.ok()) return result;
  Feed feed;
  feed.format = state.format;
  feed.entries.reserve(state.entries.size());
  for (size_t i = 0; i < state.entries.size(); ++i) {
    feed.entries.push_back(BuildEntry(state.entries[i], i, state.format, state.feed_lang, options));
  }
  return feed;
}

}  // namespace heed::connectors::rss
