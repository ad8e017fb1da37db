// heed approve / heed outbox: replies waiting for a second operator, for a retry, or for an
// operator to say whether an interrupted send went out.
#include "commands.h"
#include "heed/app/connector_set.h"
#include "heed/core/text.h"
#include "heed/responder/outbox.h"
#include "heed/responder/responder.h"

namespace heed::cli {
namespace {

// The configured connectors, as the publisher replies go through.
std::unique_ptr<app::ConnectorSet> Publisher(Session& session) {
  app::Config config = session.LoadConfig();
  Status secrets = app::ResolveSecrets(
      config, [&](const std::string& name) { return session.context.Env(name); });
  if (!secrets.ok()) session.Fail(secrets);
  Result<std::unique_ptr<app::ConnectorSet>> set =
      app::ConnectorSet::Create(config, session.Transport(), session.clock());
  if (!set.ok()) session.Fail(set.status());
  return std::move(set).value();
}

void PrintOutbox(Session& session, store::Store& store) {
  Result<std::vector<store::OutboxEntry>> entries = store.ListOutbox();
  if (!entries.ok()) session.Fail(entries.status());
  std::ostream& out = session.context.out;
  if (entries->empty()) {
    out << "Outbox empty: every reply is on its platform.\n";
    return;
  }
  for (const store::OutboxEntry& entry : *entries) {
    responder::DeliveryStatus status = responder::ReadDeliveryStatus(entry, {});
    const store::ReplyRecord& r = entry.reply;
    out << "reply " << r.id << "  item #" << r.mention_id << "  by " << ForTerminal(r.operator_name)
        << "  " << responder::DeliveryStateName(status.state) << "  attempts " << status.attempts;
    if (status.next_attempt) out << "  next " << FormatIso8601(*status.next_attempt);
    out << "\n    " << ForTerminal(r.text) << "\n";
    if (!status.last_error.empty())
      out << "    last error: " << ForTerminal(status.last_error) << "\n";
    if (status.state == responder::DeliveryState::kNeedsConfirmation ||
        status.state == responder::DeliveryState::kInterrupted) {
      out << "    check the platform, then: heed outbox confirm " << r.id
          << " --sent URL | --not-sent\n";
    } else if (status.state == responder::DeliveryState::kAwaitingApproval) {
      out << "    a second operator approves with: heed approve " << r.id << "\n";
    }
  }
}

}  // namespace

int RunApprove(Session& session, const Args& args) {
  const std::string usage = "heed approve REPLY_ID [--by INITIALS]";
  po::options_description desc("heed approve options");
  desc.add_options()("reply", po::value<std::string>(), "the reply id (heed outbox lists them)")(
      "by", po::value<std::string>(), "your initials (default: $HEED_OPERATOR, else $USER)");
  AddCommonOptions(desc);
  po::positional_options_description positional;
  positional.add("reply", 1);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, positional, vm, usage)) return kExitOk;
  if (!vm.count("reply")) throw CommandError{kExitUsage, "heed approve: which reply? " + usage};
  int64_t reply_id = ParseMentionId(session, vm["reply"].as<std::string>());
  const std::string by = OperatorInitials(session, vm);
  if (by.empty()) throw CommandError{kExitUsage, "heed approve: give your initials with --by"};
  std::unique_ptr<store::Store> store = session.OpenStore();
  std::unique_ptr<app::ConnectorSet> publisher = Publisher(session);
  Result<store::ReplyRecord> sent =
      responder::Responder(*store, session.clock()).Approve(reply_id, by, *publisher);
  if (!sent.ok()) session.Fail(sent.status());
  session.context.out << "Approved and posted reply " << reply_id << " to #" << sent->mention_id
                      << (sent->url.empty() ? "" : ": " + ForTerminal(sent->url)) << "\n";
  return kExitOk;
}

int RunOutbox(Session& session, const Args& args) {
  const std::string usage =
      "heed outbox [list]\n"
      "       heed outbox retry            send what is due (ready, retries, safe re-sends)\n"
      "       heed outbox confirm REPLY_ID (--sent [--url URL] | --not-sent) [--by INITIALS]";
  po::options_description desc("heed outbox options");
  desc.add_options()("action", po::value<std::string>(), "list, retry or confirm")(
      "reply", po::value<std::string>(), "reply id (confirm)")(
      "sent", "confirm: the reply is on the platform")("not-sent", "confirm: it is not")(
      "url", po::value<std::string>(), "confirm --sent: where it is")(
      "by", po::value<std::string>(), "your initials (default: $HEED_OPERATOR, else $USER)");
  AddCommonOptions(desc);
  po::positional_options_description positional;
  positional.add("action", 1).add("reply", 1);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, positional, vm, usage)) return kExitOk;
  const std::string action = vm.count("action") ? vm["action"].as<std::string>() : "list";
  if (action == "list") {
    std::unique_ptr<store::Store> store = session.OpenStore();
    PrintOutbox(session, *store);
    return kExitOk;
  }
  if (action == "retry") {
    std::unique_ptr<store::Store> store = session.OpenStore();
    std::unique_ptr<app::ConnectorSet> publisher = Publisher(session);
    Result<responder::OutboxReport> report =
        responder::Outbox(*store, session.clock()).Process(*publisher);
    if (!report.ok()) session.Fail(report.status());
    session.context.out << "Outbox: " << report->sent << " sent, " << report->failed << " failed, "
                        << report->needs_confirmation << " to confirm, "
                        << report->awaiting_approval << " awaiting approval, " << report->waiting
                        << " waiting\n";
    for (const std::string& error : report->errors) {
      session.context.err << "  " << ForTerminal(error) << "\n";
    }
    return report->failed > 0 ? kExitFailure : kExitOk;
  }
  if (action == "confirm") {
    if (!vm.count("reply") || vm.count("sent") == vm.count("not-sent")) {
      throw CommandError{kExitUsage,
                         "heed outbox confirm: give REPLY_ID and one of --sent or "
                         "--not-sent: " +
                             usage};
    }
    if (vm.count("url") && !vm.count("sent")) {
      throw CommandError{kExitUsage, "heed outbox confirm: --url goes with --sent"};
    }
    int64_t reply_id = ParseMentionId(session, vm["reply"].as<std::string>());
    std::unique_ptr<store::Store> store = session.OpenStore();
    Status status = responder::Outbox(*store, session.clock())
                        .Confirm(reply_id, vm.count("sent") > 0,
                                 vm.count("url") ? vm["url"].as<std::string>() : "",
                                 OperatorInitials(session, vm));
    if (!status.ok()) session.Fail(status);
    session.context.out << "Reply " << reply_id
                        << (vm.count("sent") ? " recorded as sent\n"
                                             : " marked not sent: heed outbox retry sends it\n");
    return kExitOk;
  }
  throw CommandError{kExitUsage, "heed outbox: unknown action \"" + action + "\": " + usage};
}

}  // namespace heed::cli
