#include "heed/alerts/smtp_channel.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <random>

#include "heed/alerts/mail_message.h"

namespace heed::alerts {
namespace {

struct ServerUrl {
  bool implicit_tls = false;
  std::string host;
};

Result<ServerUrl> ParseServer(const std::string& server) {
  ServerUrl out;
  std::string rest;
  if (server.rfind("smtp://", 0) == 0) {
    rest = server.substr(7);
  } else if (server.rfind("smtps://", 0) == 0) {
    rest = server.substr(8);
    out.implicit_tls = true;
  } else {
    return Status::InvalidArgument(
        "server must be smtp://HOST[:PORT] or smtps://HOST[:PORT], not \"" + HeaderSafe(server) +
        "\"");
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string::npos) {
    return Status::InvalidArgument(
        "server must be smtp://HOST[:PORT] or smtps://HOST[:PORT] with no path or credentials");
  }
  out.host = rest[0] == '[' ? rest.substr(0, rest.find(']') + 1) : rest.substr(0, rest.find(':'));
  return out;
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

std::string RandomHex() {
  std::random_device device;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", device(), device());
  return buf;
}

Status MapCurlError(CURLcode code, const std::string& where, const char* detail, long reply) {
  std::string message = where + ": " + (detail[0] ? detail : curl_easy_strerror(code));
  if (reply > 0) message += " (SMTP " + std::to_string(reply) + ")";
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Status::DeadlineExceeded(message);
    case CURLE_LOGIN_DENIED:
      return Status::Unauthenticated(message);
    case CURLE_USE_SSL_FAILED:
      return Status::FailedPrecondition(message + "; the server offers no STARTTLS");
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Status::InvalidArgument(message);
    default:
      // A 5xx reply (recipient or sender refused) will not heal by retrying soon, but the
      // dispatcher retries every evaluation anyway; say what the server said.
      return reply >= 500 ? Status::FailedPrecondition(message) : Status::Unavailable(message);
  }
}

}  // namespace

Result<StartTls> ParseStartTls(std::string_view text) {
  if (text == "required") return StartTls::kRequired;
  if (text == "try") return StartTls::kTry;
  if (text == "no") return StartTls::kNo;
  return Status::InvalidArgument("starttls must be required, try or no, not \"" + HeaderSafe(text) +
                                 "\"");
}

Result<std::unique_ptr<SmtpChannel>> SmtpChannel::Make(std::string name, SmtpOptions options) {
  std::string where = "smtp channel " + name;
  Result<ServerUrl> server = ParseServer(options.server);
  if (!server.ok()) return server.status().WithContext(where);
  HEED_RETURN_IF_ERROR(ValidateMailAddress(options.from).WithContext(where + ": from"));
  if (options.to.empty()) return Status::InvalidArgument(where + ": needs at least one recipient");
  for (const std::string& to : options.to) {
    HEED_RETURN_IF_ERROR(ValidateMailAddress(to).WithContext(where + ": to"));
  }
  bool credentials = !options.username.empty() || !options.password.empty();
  if (credentials && !server->implicit_tls && options.starttls != StartTls::kRequired &&
      !IsLoopback(server->host)) {
    return Status::InvalidArgument(where +
                                   ": credentials would travel unencrypted; use smtps:// or "
                                   "starttls = required");
  }
  if (options.timeout <= Millis(0)) return Status::InvalidArgument(where + ": timeout must be > 0");
  return std::unique_ptr<SmtpChannel>(new SmtpChannel(std::move(name), std::move(options)));
}

Status SmtpChannel::Send(const Alert& alert) {
  return Mail(FormatAlert(alert, options_.zone), alert.fired_at);
}

Status SmtpChannel::SendDigest(const Digest& digest) {
  return Mail(FormatDigest(digest, options_.zone), digest.generated_at);
}

Status SmtpChannel::Mail(const AlertText& text, TimePoint date) {
  GlobalInitOnce();
  std::string where = "smtp channel " + name_ + " (" + options_.server + ")";
  MailMessage message;
  message.from = options_.from;
  message.to = options_.to;
  message.subject = text.title;
  message.body = text.body;
  message.date = date;
  message.message_id = "<heed." + std::to_string(ToUnixMillis(date)) + "." +
                       std::to_string(++sent_) + "." + RandomHex() +
                       options_.from.substr(options_.from.rfind('@')) + ">";
  std::string payload = RenderMailMessage(message);

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Status::Internal(where + ": curl_easy_init failed");
  curl_slist* raw_rcpt = nullptr;
  for (const std::string& to : options_.to) {
    raw_rcpt = curl_slist_append(raw_rcpt, ("<" + to + ">").c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(raw_rcpt, curl_slist_free_all);
  std::string mail_from = "<" + options_.from + ">";
  Upload upload{&payload};
  char error[CURL_ERROR_SIZE] = {0};
  long use_ssl = options_.starttls == StartTls::kRequired ? CURLUSESSL_ALL
                 : options_.starttls == StartTls::kTry    ? CURLUSESSL_TRY
                                                          : CURLUSESSL_NONE;
  long timeout = static_cast<long>(options_.timeout.count());

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, options_.server.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout, 10000L));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM: heed is multi-threaded
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (!options_.username.empty()) curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
  if (!options_.password.empty()) curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());

  CURLcode code = curl_easy_perform(c);
  if (code == CURLE_OK) return Status::Ok();
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  return MapCurlError(code, where, error, reply);
}

}  // namespace heed::alerts
