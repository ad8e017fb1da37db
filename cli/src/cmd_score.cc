// heed score: the sentiment scorer on any text, without a database. For trying the scorer,
// checking why a post was flagged, and scripting (`--json` is JSON Lines, one object per text).
//
// Input: the TEXT argument, or every line of stdin when TEXT is "-" or absent and stdin is not a
// terminal (absent TEXT on a terminal is a usage error rather than a silent wait). Each stdin
// line gives exactly one output record, in order, including empty lines (neutral) and lines
// that are not valid UTF-8 (sanitised by the scorer), so output lines can be pasted back next
// to their input. A trailing '\r' (CRLF files) is not part of the text.
//
// Exit codes: 0 scored everything, 2 usage error (bad --lang, too many arguments, no input),
// 1 the scorer could not be built.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>
#include <istream>
#include <string_view>
#include <utility>

#include "commands.h"
#include "heed/core/text.h"
#include "heed/sentiment/scorer.h"

namespace heed::cli {
namespace {

// ASCII output, as in render.h: non-ASCII text as \uXXXX, so no control reaches a terminal.
using JsonWriter =
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::ASCII<>>;

constexpr const char* kUsage = "heed score [TEXT | -] [--lang en|it] [--json] [--explain]";

// RapidJSON writes bytes as given: sanitise so every record is valid UTF-8 JSON.
void JsonString(JsonWriter& w, std::string_view value) {
  std::string clean = SanitizeUtf8(value);
  w.String(clean.c_str(), static_cast<rapidjson::SizeType>(clean.size()));
}

// Four decimals: -0.4 rather than the float lexicon's -0.4000000059604645.
double Rounded(double v) { return std::round(v * 1e4) / 1e4; }

void WriteJson(std::ostream& out, std::string_view text, const sentiment::Score& score,
               std::string_view lexicon_version) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("text");
  JsonString(w, text);
  w.Key("compound");
  w.Double(Rounded(score.compound));
  w.Key("label");
  JsonString(w, sentiment::LabelName(score.label));
  w.Key("language");
  JsonString(w, score.language.empty() ? "und" : score.language);
  w.Key("urgency");
  w.StartArray();
  const sentiment::Urgency& u = score.urgency;
  const std::pair<bool, const char*> flags[] = {
      {u.question, "question"}, {u.churn, "churn"},   {u.refund, "refund"},
      {u.legal, "legal"},       {u.safety, "safety"}, {u.profanity, "profanity"}};
  for (const auto& [raised, name] : flags) {
    if (raised) w.String(name);
  }
  w.EndArray();
  w.Key("lexicon_version");
  JsonString(w, lexicon_version);
  w.Key("contributions");
  w.StartArray();
  for (const sentiment::Contribution& c : score.contributions) {
    w.StartObject();
    w.Key("token");
    JsonString(w, c.token);
    w.Key("valence");
    w.Double(Rounded(c.valence));
    w.Key("rule");
    JsonString(w, c.rule);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << buffer.GetString() << '\n';
}

// "negative<TAB>-0.62<TAB>en<TAB>refund,question" ("-" when no urgency flag): tab-separated so
// `cut` and `awk -F'\t'` work on it.
void WritePlain(std::ostream& out, const sentiment::Score& score, bool explain) {
  char compound[16];
  // Rounds -0.004 to "0.00", not "-0.00".
  double shown = score.compound > -0.005 && score.compound < 0.005 ? 0.0 : score.compound;
  std::snprintf(compound, sizeof compound, "%.2f", shown);
  std::string flags = score.urgency.ToString();
  out << sentiment::LabelName(score.label) << '\t' << compound << '\t'
      << (score.language.empty() ? "und" : score.language) << '\t' << (flags.empty() ? "-" : flags)
      << '\n';
  // Explanations quote the text's own tokens: neutralise terminal controls.
  if (explain) out << ForTerminal(score.Explain(), /*keep_newlines=*/true);
}

}  // namespace

int RunScore(Session& session, const Args& args) {
  po::options_description desc("heed score options");
  desc.add_options()("text", po::value<std::string>(),
                     "text to score; \"-\" or absent: each line of stdin "
                     "(a text starting with \"-\" goes after \"--\")")(
      "lang", po::value<std::string>(), "en or it (default: detect the language of each text)")(
      "json", "JSON Lines: one object per text, with contributions and lexicon version")(
      "explain",
      "add the explanation: every word that moved the score and why (--json always "
      "includes the contributions)")("help,h", "show this help");
  po::positional_options_description positional;
  positional.add("text", 1);
  po::variables_map vm;
  // Not ParseArgs: scoring needs no database or config, so a broken config must not stop it.
  try {
    po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw CommandError{kExitUsage,
                       std::string("heed score: ") + e.what() + "\n(see heed score --help)"};
  }
  CliContext& context = session.context;
  if (vm.count("help")) {
    context.out << "usage: " << kUsage << "\n\n" << desc << "\n";
    return kExitOk;
  }
  std::string lang;
  if (vm.count("lang")) {
    lang = vm["lang"].as<std::string>();
    if (lang != "en" && lang != "it") {
      throw CommandError{kExitUsage, "heed score: --lang must be en or it, not \"" + lang +
                                         "\" (omit it to detect the language)"};
    }
  }
  const bool json = vm.count("json") > 0;
  const bool explain = vm.count("explain") > 0;
  const bool from_stdin = !vm.count("text") || vm["text"].as<std::string>() == "-";
  if (from_stdin && (context.in == nullptr || (!vm.count("text") && context.in_is_tty))) {
    throw CommandError{kExitUsage, "heed score: what text? usage: " + std::string(kUsage) +
                                       "\n(give TEXT, or pipe one text per line on stdin)"};
  }

  Result<std::unique_ptr<sentiment::Scorer>> scorer = sentiment::Scorer::CreateDefault();
  if (!scorer.ok()) session.Fail(scorer.status());
  const std::string_view lexicon_version = (*scorer)->LexiconVersion();
  auto score_one = [&](std::string_view text) {
    sentiment::Score score = (*scorer)->Analyze(text, lang);
    if (json) {
      WriteJson(context.out, text, score, lexicon_version);
    } else {
      WritePlain(context.out, score, explain);
    }
  };

  if (!from_stdin) {
    score_one(vm["text"].as<std::string>());
    return kExitOk;
  }
  std::string line;
  while (std::getline(*context.in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    score_one(line);
  }
  return kExitOk;
}

}  // namespace heed::cli
