// Canned replies ("templates") per language, with variables, chosen by the author's language.
//
// File format (UTF-8, INI-like; data/templates/default.templates is the built-in set):
//
//   # A line starting with '#' or ';' is a comment; blank lines are ignored.
//   [apology]                 # a template name: letters, digits, '_' and '-'; a comment may follow
//   en = Hi {name}, we're sorry about this. Could you send us your order number? Ticket {ticket}.
//   it = Ciao {name}, ci dispiace per l'accaduto. Ci scrive il numero d'ordine? Pratica {ticket}.
//
// Each "LANGUAGE = TEXT" line is one language's text for the section's template: LANGUAGE is a
// tag such as "en", "it" or "pt-BR" (compared case-insensitively); TEXT runs to the end of the
// line (white space around it is dropped; '#' in it is text, e.g. a hashtag) and "\n" in it
// stands for a line break. {variable} is replaced when rendering (letters, digits and '_');
// "{{" and "}}" stand for literal braces. A name or a language defined twice in one file, a brace
// that does not open or close a variable, and a line outside a section are errors naming the
// source and line.
//
// Thread safety: a TemplateSet is immutable after Parse/Merge; const use from many threads is safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heed/core/result.h"
#include "heed/store/records.h"

namespace heed::responder {

struct RenderedTemplate {
  std::string text;
  std::string language;   // the language whose text was used, e.g. "en"
  bool fallback = false;  // true when it is not the language asked for (say so to the operator)
};

class TemplateSet {
 public:
  // Parses a templates file. source names it in errors ("templates.conf:12: ...").
  // kInvalidArgument for any syntax error.
  static Result<TemplateSet> Parse(std::string_view text, std::string_view source);

  // The set compiled into heed (data/templates/default.templates): English and Italian
  // acknowledgement, apology, refund, thanks, follow_up and resolved. An error here is a bug in
  // that file (tests parse it), reported like any parse error.
  static Result<TemplateSet> Defaults();

  // Adds other's templates; one with the same name replaces this set's one entirely.
  void Merge(const TemplateSet& other);

  // Renders template name in language: an exact tag ("pt-br"), else its primary subtag
  // ("it-IT" -> "it"), else "en", else the template's first language. vars fill {variables}.
  // kNotFound for an unknown template (naming the ones defined), kInvalidArgument naming a
  // variable the template uses and vars lacks.
  Result<RenderedTemplate> Render(std::string_view name, std::string_view language,
                                  const std::map<std::string, std::string>& vars) const;

  bool Has(std::string_view name) const;
  std::vector<std::string> Names() const;  // in file order (merged names appended)

 private:
  struct Template {
    std::string name;
    std::vector<std::pair<std::string, std::string>> texts;  // (language, text) in file order
  };
  const Template* Find(std::string_view name) const;

  std::vector<Template> templates_;
};

// The variables every reply to this mention can use: {name} (display name, else the handle's
// user part), {handle}, {platform} and {ticket} ("HEED-<item id>").
std::map<std::string, std::string> MentionVariables(const store::StoredMention& stored);

}  // namespace heed::responder
