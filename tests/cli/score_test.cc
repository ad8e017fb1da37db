// `heed score`: text from the argument or stdin lines, plain and JSON Lines output, and its
// usage errors. The sentences are our own; assertions only rely on clear-cut tone and on
// urgency keywords, so lexicon tuning does not break them.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "heed/cli/cli.h"

namespace heed::cli {
namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

// Runs `heed score ARGS` with stdin_text on stdin (nullptr: no stdin at all).
Outcome Score(std::vector<std::string> args, const char* stdin_text = nullptr,
              bool stdin_is_tty = false) {
  std::ostringstream out, err;
  std::istringstream in(stdin_text ? stdin_text : "");
  CliContext context{out, err};
  if (stdin_text) context.in = &in;
  context.in_is_tty = stdin_is_tty;
  args.insert(args.begin(), "score");
  int code = RunCli(args, context);
  return {code, out.str(), err.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

TEST(ScoreCommand, ScoresTheArgument) {
  Outcome r = Score({"Terrible service, I want a refund now."});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0].rfind("negative\t-0.", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("\ten\t"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("refund"), std::string::npos) << lines[0];
}

TEST(ScoreCommand, LangHintAndExplain) {
  Outcome r = Score({"Servizio pessimo, voglio un rimborso", "--lang", "it", "--explain"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 3u) << r.out;  // summary, Explain()'s header, one contribution at least
  EXPECT_EQ(lines[0].rfind("negative\t", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("\tit\t"), std::string::npos) << lines[0];
  EXPECT_NE(r.out.find("pessimo"), std::string::npos) << r.out;
}

TEST(ScoreCommand, EachStdinLineGivesOneResultInOrder) {
  const char* input =
      "I absolutely love this app, great work!\n"
      "\n"
      "This is the worst update ever, everything is broken.\r\n";
  for (std::vector<std::string> args : {std::vector<std::string>{"-"}, {}}) {
    Outcome r = Score(args, input);
    ASSERT_EQ(r.code, kExitOk) << r.err;
    std::vector<std::string> lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    EXPECT_EQ(lines[0].rfind("positive\t", 0), 0u) << lines[0];
    EXPECT_EQ(lines[1].rfind("neutral\t0.00\t", 0), 0u) << lines[1];
    EXPECT_EQ(lines[2].rfind("negative\t", 0), 0u) << lines[2];
  }
}

TEST(ScoreCommand, JsonLinesAreValidJson) {
  Outcome r = Score({"--json"},
                    "Can I get my money back? The charger caught fire.\n"
                    "Grazie mille, siete fantastici!\n");
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  for (const std::string& line : lines) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    ASSERT_FALSE(doc.HasParseError()) << line;
    ASSERT_TRUE(doc.IsObject());
    for (const char* key : {"text", "label", "language", "lexicon_version"}) {
      ASSERT_TRUE(doc.HasMember(key) && doc[key].IsString()) << key << " in " << line;
    }
    ASSERT_TRUE(doc.HasMember("compound") && doc["compound"].IsNumber()) << line;
    EXPECT_GE(doc["compound"].GetDouble(), -1.0);
    EXPECT_LE(doc["compound"].GetDouble(), 1.0);
    ASSERT_TRUE(doc.HasMember("urgency") && doc["urgency"].IsArray()) << line;
    ASSERT_TRUE(doc.HasMember("contributions") && doc["contributions"].IsArray()) << line;
    for (const auto& c : doc["contributions"].GetArray()) {
      EXPECT_TRUE(c["token"].IsString() && c["valence"].IsNumber() && c["rule"].IsString()) << line;
    }
  }
  rapidjson::Document first;
  first.Parse(lines[0].c_str());
  EXPECT_STREQ(first["text"].GetString(), "Can I get my money back? The charger caught fire.");
  std::vector<std::string> flags;
  for (const auto& f : first["urgency"].GetArray()) flags.push_back(f.GetString());
  EXPECT_NE(std::find(flags.begin(), flags.end(), "refund"), flags.end()) << lines[0];
  rapidjson::Document second;
  second.Parse(lines[1].c_str());
  EXPECT_STREQ(second["label"].GetString(), "positive");
  EXPECT_STREQ(second["language"].GetString(), "it");
  EXPECT_FALSE(second["contributions"].Empty()) << lines[1];
}

TEST(ScoreCommand, InvalidUtf8AndControlsGiveAResult) {
  const char* input = "bad \xff\xfe bytes \xc3 here\n\x1b[31mawful\x1b[0m\n";
  Outcome plain = Score({"-", "--explain"}, input);
  ASSERT_EQ(plain.code, kExitOk) << plain.err;
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos) << "terminal controls must not pass";
  Outcome json = Score({"-", "--json"}, input);
  ASSERT_EQ(json.code, kExitOk) << json.err;
  std::vector<std::string> lines = Lines(json.out);
  ASSERT_EQ(lines.size(), 2u) << json.out;
  for (const std::string& line : lines) {
    rapidjson::Document doc;
    // Validate the encoding too: the text field must have been sanitised.
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str());
    EXPECT_FALSE(doc.HasParseError()) << line;
  }
  Outcome argument = Score({"\xed\xa0\x80 \xf4\x90\x80\x80"});  // surrogate, past U+10FFFF
  EXPECT_EQ(argument.code, kExitOk) << argument.err;
  EXPECT_EQ(Lines(argument.out).size(), 1u);
}

TEST(ScoreCommand, HelpAndUsageErrors) {
  Outcome help = Score({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("usage: heed score"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--lang"), std::string::npos) << help.out;

  Outcome bad_lang = Score({"ciao", "--lang", "fr"});
  EXPECT_EQ(bad_lang.code, kExitUsage);
  EXPECT_NE(bad_lang.err.find("--lang must be en or it"), std::string::npos) << bad_lang.err;
  EXPECT_TRUE(bad_lang.out.empty());

  EXPECT_EQ(Score({"--frobnicate"}).code, kExitUsage);
  EXPECT_EQ(Score({"one", "two"}).code, kExitUsage);
  // No text and stdin is a terminal (or absent): say what is missing instead of waiting.
  Outcome tty = Score({}, "", /*stdin_is_tty=*/true);
  EXPECT_EQ(tty.code, kExitUsage);
  EXPECT_NE(tty.err.find("what text?"), std::string::npos) << tty.err;
  EXPECT_EQ(Score({}).code, kExitUsage);
  EXPECT_EQ(Score({"-"}).code, kExitUsage);
}

TEST(ScoreCommand, ListedInUsage) {
  std::ostringstream out, err;
  CliContext context{out, err};
  ASSERT_EQ(RunCli({"--help"}, context), kExitOk);
  EXPECT_NE(out.str().find("score"), std::string::npos);
}

}  // namespace
}  // namespace heed::cli
