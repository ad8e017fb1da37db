// SmtpChannel: e-mails each alert over SMTP with libcurl.
//
// server is "smtp://host[:port]" (STARTTLS as configured) or "smtps://host[:port]" (TLS from the
// first byte). Credentials are handed in by the caller (resolved from the environment or a file,
// never from the config) and never appear in errors. Credentials are only sent encrypted: over
// smtp:// they need starttls = required, unless the server is on loopback.
//
// Thread safety: as AlertChannel. Each Send opens its own connection.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "heed/alerts/channel.h"
#include "heed/alerts/time_zone.h"

namespace heed::alerts {

enum class StartTls {
  kRequired,  // fail unless the server upgrades the connection
  kTry,       // upgrade when offered (the default without credentials)
  kNo,        // never upgrade (local relays)
};

// "required" | "try" | "no".
Result<StartTls> ParseStartTls(std::string_view text);

struct SmtpOptions {
  std::string server;           // smtp://host[:port] or smtps://host[:port]
  std::string from;             // addr-spec
  std::vector<std::string> to;  // addr-specs, at least one
  std::string username;         // empty: no AUTH
  std::string password;         // secret
  StartTls starttls = StartTls::kTry;
  Millis timeout{30000};  // the whole exchange
  TimeZone zone = TimeZone::Utc();
};

class SmtpChannel final : public AlertChannel {
 public:
  // Validates the options: kInvalidArgument naming the problem (bad server URL, address,
  // credentials that would travel in clear).
  static Result<std::unique_ptr<SmtpChannel>> Make(std::string name, SmtpOptions options);

  std::string_view name() const override { return name_; }
  Status Send(const Alert& alert) override;
  Status SendDigest(const Digest& digest) override;

 private:
  SmtpChannel(std::string name, SmtpOptions options)
      : name_(std::move(name)), options_(std::move(options)) {}
  Status Mail(const AlertText& text, TimePoint date);

  const std::string name_;
  const SmtpOptions options_;
  uint64_t sent_ = 0;  // part of each Message-ID
};

}  // namespace heed::alerts
