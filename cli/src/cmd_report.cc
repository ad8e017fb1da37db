// heed report: volume, sentiment, ratings, reply times, SLA compliance, breaches and unanswered
// negatives for a period, as text, JSON, CSV or one self-contained HTML file.
#include <fstream>

#include "commands.h"
#include "heed/report/period.h"
#include "heed/report/render.h"
#include "heed/report/report.h"
#include "progress_bar.h"

namespace heed::cli {
namespace {

constexpr std::string_view kUsage =
    "heed report [--since 7d | --from DATE --to DATE] [--platform P] "
    "[--format text|json|csv|html] [--output FILE] [--time-zone ZONE]";

[[noreturn]] void Usage(const std::string& option, const std::string& problem) {
  throw CommandError{kExitUsage, "heed report: " + option + ": " + problem};
}

std::string Opt(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::string>() : std::string();
}

// The period from --since or --from/--to (default: the last 7 days up to now).
void ResolvePeriod(const po::variables_map& vm, const report::LocalTimeZone& zone, TimePoint now,
                   report::ReportOptions& options) {
  const bool since = vm.count("since") > 0;
  if (since && (vm.count("from") || vm.count("to"))) {
    Usage("--since", "use either --since or --from/--to, not both");
  }
  if (vm.count("to") && !vm.count("from")) Usage("--to", "needs --from");
  options.to = now;
  if (vm.count("from")) {
    Result<TimePoint> from = report::ParseReportTime(Opt(vm, "from"), zone, false);
    if (!from.ok()) Usage("--from", from.status().message());
    options.from = *from;
    if (vm.count("to")) {
      Result<TimePoint> to = report::ParseReportTime(Opt(vm, "to"), zone, true);
      if (!to.ok()) Usage("--to", to.status().message());
      options.to = *to;
    }
    if (options.from >= options.to) Usage("--from", "the period ends before it starts");
    return;
  }
  Result<Millis> length = report::ParseSince(since ? Opt(vm, "since") : "7d");
  if (!length.ok()) Usage("--since", length.status().message());
  options.from = now - *length;
}

}  // namespace

int RunReport(Session& session, const Args& args) {
  po::options_description desc("heed report options");
  desc.add_options()("since", po::value<std::string>(),
                     "the last N days/hours (7d, 24h; default 7d)")(
      "from", po::value<std::string>(), "start: YYYY-MM-DD (local midnight) or ISO 8601")(
      "to", po::value<std::string>(), "end: YYYY-MM-DD (included) or ISO 8601 (excluded)")(
      "platform", po::value<std::string>(), "only this platform")(
      "format", po::value<std::string>()->default_value("text"), "text, json, csv or html")(
      "output,o", po::value<std::string>(), "write to FILE instead of stdout")(
      "time-zone", po::value<std::string>()->default_value("UTC"),
      "IANA zone for hours, days and weeks (e.g. Europe/Rome)");
  AddCommonOptions(desc);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, {}, vm, std::string(kUsage))) return kExitOk;

  Result<report::Format> format = report::ParseFormat(Opt(vm, "format"));
  if (!format.ok()) Usage("--format", format.status().message());
  const std::string output = Opt(vm, "output");
  if (*format == report::Format::kHtml && output.empty() && session.context.out_is_tty) {
    Usage("--output", "--format html needs --output FILE when stdout is a terminal");
  }
  Result<report::LocalTimeZone> zone = report::LocalTimeZone::Create(Opt(vm, "time-zone"));
  if (!zone.ok()) Usage("--time-zone", zone.status().message());

  report::ReportOptions options;
  options.time_zone = zone->name();
  options.now = session.clock().Now();
  options.platform = Opt(vm, "platform");
  if (vm.count("platform") && options.platform.empty()) Usage("--platform", "is empty");
  ResolvePeriod(vm, *zone, options.now, options);

  std::unique_ptr<store::Store> store = session.OpenStore();
  ProgressBar bar(session.context.err, session.context.err_is_tty);
  Result<report::Report> built = report::BuildReport(
      *store, options,
      [&](int step, int steps, std::string_view what) { bar.Update(step, steps, what); });
  bar.Clear();
  if (!built.ok()) session.Fail(built.status());

  if (output.empty()) {
    report::WriteReport(session.context.out, *built, *format);
    return kExitOk;
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  if (file) report::WriteReport(file, *built, *format);
  file.close();
  if (!file) {
    throw CommandError{kExitFailure, "heed report: --output: cannot write " + output};
  }
  return kExitOk;
}

}  // namespace heed::cli
