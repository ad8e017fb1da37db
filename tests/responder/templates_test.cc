// Reply templates: parsing (and its errors), language choice with fallback, variables, the
// built-in set (which must itself pass the reply check) and merging a user's file.
#include "heed/responder/templates.h"

#include <gtest/gtest.h>

#include "heed/responder/reply_check.h"

namespace heed::responder {
namespace {

const std::map<std::string, std::string> kVars = {{"name", "Giulia"},
                                                  {"handle", "giulia@example.social"},
                                                  {"platform", "mastodon"},
                                                  {"ticket", "HEED-12"},
                                                  {"within", "1 hour"}};

constexpr std::string_view kSample = R"(# sample
[apology]                 # template name
en = Hi {name}, we're sorry about this. Ticket {ticket}.
it = Ciao {name}, ci dispiace per l'accaduto. Pratica {ticket}.
pt-BR = Oi {name}, sentimos muito.

; another comment style
[only_italian]
IT = Grazie {name}! {{non una variabile}}\nA presto.
)";

TemplateSet Sample() { return std::move(TemplateSet::Parse(kSample, "sample.templates")).value(); }

TEST(Templates, RendersTheAuthorsLanguage) {
  TemplateSet set = Sample();
  EXPECT_EQ(set.Names(), (std::vector<std::string>{"apology", "only_italian"}));
  auto it = set.Render("apology", "it-IT", kVars);
  ASSERT_TRUE(it.ok()) << it.status().ToString();
  EXPECT_EQ(it->text, "Ciao Giulia, ci dispiace per l'accaduto. Pratica HEED-12.");
  EXPECT_EQ(it->language, "it");
  EXPECT_FALSE(it->fallback);
  auto en = set.Render("apology", "EN", kVars);
  EXPECT_EQ(en->text, "Hi Giulia, we're sorry about this. Ticket HEED-12.");
  EXPECT_FALSE(en->fallback);
  auto br = set.Render("apology", "pt_BR", kVars);
  EXPECT_EQ(br->language, "pt-br");
  EXPECT_EQ(br->text, "Oi Giulia, sentimos muito.");
}

TEST(Templates, FallsBackToEnglishThenTheFirstLanguage) {
  TemplateSet set = Sample();
  auto fr = set.Render("apology", "fr", kVars);
  ASSERT_TRUE(fr.ok());
  EXPECT_EQ(fr->language, "en");
  EXPECT_TRUE(fr->fallback);
  auto unknown = set.Render("apology", "", kVars);
  EXPECT_EQ(unknown->language, "en");
  EXPECT_TRUE(unknown->fallback);
  auto de = set.Render("only_italian", "de", kVars);
  ASSERT_TRUE(de.ok());
  EXPECT_EQ(de->language, "it");
  EXPECT_TRUE(de->fallback);
  EXPECT_EQ(de->text, "Grazie Giulia! {non una variabile}\nA presto.") << "{{ escapes, \\n breaks";
}

TEST(Templates, MissingVariableAndUnknownTemplate) {
  TemplateSet set = Sample();
  auto missing = set.Render("apology", "en", {{"name", "Giulia"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("{ticket}"), std::string::npos)
      << missing.status().ToString();
  auto unknown = set.Render("refnud", "en", kVars);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("\"refnud\" (defined: apology, only_italian)"),
            std::string::npos)
      << unknown.status().ToString();
}

TEST(Templates, ParseErrorsNameFileAndLine) {
  const std::pair<std::string, std::string> cases[] = {
      {"en = hello", "t.templates:1: \"en = hello\" is outside a [template] section"},
      {"[a]\nen = Hi {name", "t.templates:2: [a] en: '{' without a closing '}'"},
      {"[a]\nen = Hi name}", "t.templates:2: [a] en: '}' without an opening '{'"},
      {"[a]\nen = Hi {first name}", "t.templates:2: [a] en: {first name} is not a variable"},
      {"[a]\nen = Hi {}", "t.templates:2: [a] en: {} is not a variable"},
      {"[a]\nen = x\n\n[a]\nen = y",
       "t.templates:4: template [a] is defined twice (first at line 1)"},
      {"[a]\nen = x\nEN = y", "t.templates:3: [a] defines en twice (first at line 2)"},
      {"[a]\nenglish = x", "t.templates:2: \"english\" is not a language tag"},
      {"[a]\nen hello", "t.templates:2: expected LANGUAGE = TEXT"},
      {"[a]\nen =   ", "t.templates:2: empty text for en in [a]"},
      {"[a]\n[b]\nen = x", "t.templates:1: template [a] has no text"},
      {"[a b]\nen = x", "t.templates:1: bad template name [a b]"},
      {"[a\nen = x", "t.templates:1: '[' without ']'"},
      {"[a] junk\nen = x", "t.templates:1: unexpected text after [a]: junk"},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = TemplateSet::Parse(text, "t.templates");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().message().rfind(expected, 0), 0u)
        << "got: " << parsed.status().message() << "\nwanted: " << expected;
  }
  auto empty = TemplateSet::Parse("# nothing\n", "t.templates");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->Names().empty());
}

TEST(Templates, UserFileReplacesAndExtendsTheDefaultsByName) {
  auto defaults = TemplateSet::Defaults();
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  TemplateSet set = *defaults;
  set.Merge(*TemplateSet::Parse("[apology]\nen = Hey {name}, so sorry!\n[custom]\nen = Yo", "u"));
  auto apology = set.Render("apology", "it", kVars);
  ASSERT_TRUE(apology.ok());
  EXPECT_EQ(apology->text, "Hey Giulia, so sorry!") << "replaced whole: no Italian any more";
  EXPECT_TRUE(apology->fallback);
  EXPECT_TRUE(set.Has("custom"));
  EXPECT_TRUE(set.Has("refund")) << "the others stay";
  EXPECT_EQ(set.Names().back(), "custom");
}

// The built-in set: every template in English and Italian, and each one a reply the check
// accepts (templates for negative posts must also apologise).
TEST(Templates, DefaultsAreBilingualAndPassTheReplyCheck) {
  auto defaults = TemplateSet::Defaults();
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(defaults->Names(),
            (std::vector<std::string>{"acknowledgement", "auto_acknowledgement", "apology",
                                      "refund", "thanks", "follow_up", "resolved"}));
  auto scorer = std::move(sentiment::Scorer::CreateDefault()).value();
  for (const std::string& name : defaults->Names()) {
    for (const char* language : {"en", "it"}) {
      auto rendered = defaults->Render(name, language, kVars);
      ASSERT_TRUE(rendered.ok()) << name << " " << language << ": " << rendered.status().ToString();
      EXPECT_EQ(rendered->language, language);
      EXPECT_FALSE(rendered->fallback);
      const bool for_negative =
          name == "apology" || name == "refund" || name == "auto_acknowledgement";
      for (const char* platform : {"bluesky", "x", "google_play"}) {
        auto warnings = CheckReply(*scorer, {rendered->text, platform, language,
                                             for_negative ? "negative" : "neutral", "Giulia"});
        std::string described;
        for (const auto& w : warnings) described += w.message + "\n";
        EXPECT_TRUE(warnings.empty()) << name << " " << language << " on " << platform << ":\n"
                                      << rendered->text << "\n"
                                      << described;
      }
    }
  }
}

}  // namespace
}  // namespace heed::responder
