#include "heed/responder/templates.h"

#include <algorithm>

#include "heed/core/text.h"

namespace heed::responder {

// Generated at configure time from data/templates/default.templates (responder/CMakeLists.txt).
std::string_view DefaultTemplatesText();

namespace {

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "it_IT" -> "it-it": tags compare case-insensitively and either separator is accepted.
std::string NormalizeLanguage(std::string_view tag) {
  std::string out = AsciiLower(Trim(tag));
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

bool IsLanguageTag(std::string_view tag) {
  const size_t primary = std::min(tag.find('-'), tag.size());
  if (primary < 2 || primary > 3) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    const char c = tag[i];
    const bool ok = (c >= 'a' && c <= 'z') || (i > primary && c >= '0' && c <= '9') ||
                    (c == '-' && i + 1 < tag.size() && tag[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

// Checks the braces of one template text; returns an empty string or what is wrong.
std::string BraceError(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      ++i;
    } else if (text[i] == '}') {
      return "'}' without an opening '{' (write }} for a literal brace)";
    } else if (text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) {
        return "'{' without a closing '}' (write {{ for a literal brace)";
      }
      const std::string_view name = text.substr(i + 1, close - i - 1);
      if (name.empty() || !std::all_of(name.begin(), name.end(), IsNameChar)) {
        return "{" + std::string(name) +
               "} is not a variable (letters, digits and '_'; write {{ for a literal brace)";
      }
      i = close;
    }
  }
  return "";
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\\n") == 0) {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

Result<TemplateSet> TemplateSet::Parse(std::string_view text, std::string_view source) {
  TemplateSet set;
  std::vector<int> header_lines;  // parallel to set.templates_
  std::vector<std::vector<int>> language_lines;
  int line_number = 0;
  const auto error = [&](const std::string& what) {
    return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_number) + ": " +
                                   what);
  };
  const auto finish_section = [&]() -> Status {
    if (!set.templates_.empty() && set.templates_.back().texts.empty()) {
      return Status::InvalidArgument(std::string(source) + ":" +
                                     std::to_string(header_lines.back()) + ": template [" +
                                     set.templates_.back().name + "] has no text");
    }
    return Status::Ok();
  };
  size_t at = 0;
  while (at <= text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = Trim(text.substr(at, end - at));
    at = end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      const size_t close = line.find(']');
      if (close == std::string_view::npos) return error("'[' without ']' in a template name");
      const std::string_view rest = Trim(line.substr(close + 1));
      if (!rest.empty() && rest[0] != '#' && rest[0] != ';') {
        return error("unexpected text after [" + std::string(line.substr(1, close - 1)) +
                     "]: " + std::string(rest));
      }
      const std::string name(Trim(line.substr(1, close - 1)));
      if (name.empty() || !std::all_of(name.begin(), name.end(),
                                       [](char c) { return IsNameChar(c) || c == '-'; })) {
        return error("bad template name [" + name + "]: use letters, digits, '_' and '-'");
      }
      for (size_t i = 0; i < set.templates_.size(); ++i) {
        if (set.templates_[i].name == name) {
          return error("template [" + name + "] is defined twice (first at line " +
                       std::to_string(header_lines[i]) + ")");
        }
      }
      HEED_RETURN_IF_ERROR(finish_section());
      set.templates_.push_back({name, {}});
      header_lines.push_back(line_number);
      language_lines.emplace_back();
      continue;
    }
    if (set.templates_.empty()) {
      return error("\"" + std::string(line) + "\" is outside a [template] section");
    }
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return error("expected LANGUAGE = TEXT, got \"" + std::string(line) + "\"");
    }
    const std::string language = NormalizeLanguage(line.substr(0, eq));
    if (!IsLanguageTag(language)) {
      return error("\"" + std::string(Trim(line.substr(0, eq))) +
                   "\" is not a language tag (e.g. en, it, pt-BR)");
    }
    const std::string_view body = Trim(line.substr(eq + 1));
    Template& current = set.templates_.back();
    if (body.empty()) return error("empty text for " + language + " in [" + current.name + "]");
    if (std::string problem = BraceError(body); !problem.empty()) {
      return error("[" + current.name + "] " + language + ": " + problem);
    }
    for (size_t i = 0; i < current.texts.size(); ++i) {
      if (current.texts[i].first == language) {
        return error("[" + current.name + "] defines " + language + " twice (first at line " +
                     std::to_string(language_lines.back()[i]) + ")");
      }
    }
    current.texts.emplace_back(language, Unescape(body));
    language_lines.back().push_back(line_number);
  }
  HEED_RETURN_IF_ERROR(finish_section());
  return set;
}

Result<TemplateSet> TemplateSet::Defaults() {
  return Parse(DefaultTemplatesText(), "default.templates (built in)");
}

void TemplateSet::Merge(const TemplateSet& other) {
  for (const Template& t : other.templates_) {
    auto same = std::find_if(templates_.begin(), templates_.end(),
                             [&](const Template& mine) { return mine.name == t.name; });
    if (same != templates_.end()) {
      *same = t;
    } else {
      templates_.push_back(t);
    }
  }
}

const TemplateSet::Template* TemplateSet::Find(std::string_view name) const {
  for (const Template& t : templates_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool TemplateSet::Has(std::string_view name) const { return Find(name) != nullptr; }

std::vector<std::string> TemplateSet::Names() const {
  std::vector<std::string> names;
  for (const Template& t : templates_) names.push_back(t.name);
  return names;
}

Result<RenderedTemplate> TemplateSet::Render(std::string_view name, std::string_view language,
                                             const std::map<std::string, std::string>& vars) const {
  const Template* t = Find(name);
  if (t == nullptr) {
    std::string known;
    for (const Template& each : templates_) known += (known.empty() ? "" : ", ") + each.name;
    return Status::NotFound("no template named \"" + std::string(name) +
                            "\" (defined: " + (known.empty() ? "none" : known) + ")");
  }
  const std::string wanted = NormalizeLanguage(language);
  const std::string primary = wanted.substr(0, std::min(wanted.find('-'), wanted.size()));
  const std::pair<std::string, std::string>* chosen = nullptr;
  for (const std::string& candidate : {wanted, primary, std::string("en")}) {
    for (const auto& text : t->texts) {
      if (!chosen && !candidate.empty() && text.first == candidate) chosen = &text;
    }
  }
  if (chosen == nullptr) chosen = &t->texts.front();

  RenderedTemplate out;
  out.language = chosen->first;
  out.fallback = chosen->first != wanted && chosen->first != primary;
  const std::string& body = chosen->second;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 2, "{{") == 0 || body.compare(i, 2, "}}") == 0) {
      out.text.push_back(body[i++]);
    } else if (body[i] == '{') {
      const size_t close = body.find('}', i);  // Parse guarantees it exists
      const std::string var = body.substr(i + 1, close - i - 1);
      auto value = vars.find(var);
      if (value == vars.end()) {
        return Status::InvalidArgument("template \"" + t->name + "\" (" + out.language +
                                       ") uses {" + var + "}, which has no value");
      }
      out.text += value->second;
      i = close;
    } else {
      out.text.push_back(body[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> MentionVariables(const store::StoredMention& stored) {
  const Author& author = stored.mention.author;
  std::string name = author.display_name;
  if (name.empty()) name = author.handle.substr(0, author.handle.find('@', 1));
  return {{"name", name},
          {"handle", author.handle},
          {"platform", stored.mention.platform},
          {"ticket", "HEED-" + std::to_string(stored.id)}};
}

}  // namespace heed::responder
