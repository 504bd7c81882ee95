#include "notifiers/email_channel.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <string_view>

#include "notifiers/curl_options.h"
#include "notifiers/curl_outcome.h"
#include "notifiers/mail_message.h"

namespace vigil::notifiers {
namespace {

// The message being uploaded as SMTP DATA.
struct Upload {
  std::string_view rest;
};

std::size_t ReadMessage(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

// libcurl hands the server's replies to the header callback: the last one
// is the reply that ended the transaction (e.g. "550 5.1.1 no such user").
std::size_t KeepReply(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* last = static_cast<std::string*>(user);
  std::string_view line(buffer, size * count);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line[0]))) {
    last->assign(line.substr(0, 200));
    // "250-..." lines of a multi-line reply: only the text matters.
    if (last->size() > 3 && (*last)[3] == '-') (*last)[3] = ' ';
  }
  return size * count;
}

std::string SmtpUrl(const config::EmailTarget& target) {
  constexpr std::string_view kPlain = "smtp://";
  if (target.tls == config::SmtpTls::kSmtps && target.smtp_url.starts_with(kPlain)) {
    return "smtps://" + target.smtp_url.substr(kPlain.size());
  }
  return target.smtp_url;
}

// The reason of an SMTP refusal: the server's own reply line, or its code.
std::string SmtpReason(long code, const std::string& reply) {
  const std::string prefix = std::to_string(code);
  if (reply.starts_with(prefix)) return "SMTP " + reply;
  return "SMTP " + prefix;
}

}  // namespace

EmailChannel::EmailChannel(config::EmailTarget target, std::string address)
    : target_(std::move(target)), address_(std::move(address)) {}

DeliveryResult EmailChannel::Deliver(const Notification& n, Transport& transport) const {
  try {
    const std::string message = MailMessage(target_, n);
    const std::string url = SmtpUrl(target_);
    const std::string from = "<" + Mailbox(target_.from) + ">";
    CurlList recipients;
    for (const std::string& to : target_.to) {
      if (!recipients.Append("<" + Mailbox(to) + ">"))
        return DeliveryResult::Retry("out of memory building the message");
    }
    Upload upload{message};
    std::string reply;
    char error[CURL_ERROR_SIZE] = {};
    CURL* curl = transport.Fresh();
    const ResetOnExit reset(curl);
    const long timeout = target_.timeout_ms > 0 ? target_.timeout_ms : 10000;
    CurlOptions o(curl);
    o.Set(CURLOPT_ERRORBUFFER, error)
        .Set(CURLOPT_URL, url.c_str())
        .Set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        .Set(CURLOPT_MAIL_FROM, from.c_str())
        .Set(CURLOPT_MAIL_RCPT, recipients.get())
        .Set(CURLOPT_UPLOAD, 1L)
        .Set(CURLOPT_READFUNCTION, &ReadMessage)
        .Set(CURLOPT_READDATA, &upload)
        .Set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()))
        .Set(CURLOPT_HEADERFUNCTION, &KeepReply)
        .Set(CURLOPT_HEADERDATA, &reply)
        .Set(CURLOPT_TIMEOUT_MS, timeout)
        .Set(CURLOPT_CONNECTTIMEOUT_MS, timeout)
        .Set(CURLOPT_NOSIGNAL, 1L)
        .Set(CURLOPT_TCP_NODELAY, 1L);
    // STARTTLS must succeed or nothing is sent (CURLUSESSL_ALL, not _TRY):
    // an alert never goes out in clear text when TLS was configured.
    o.Set(CURLOPT_USE_SSL, static_cast<long>(target_.tls == config::SmtpTls::kNone ? CURLUSESSL_NONE : CURLUSESSL_ALL));
    if (!target_.username.empty()) o.Set(CURLOPT_USERNAME, target_.username.c_str());
    if (!target_.password.empty()) o.Set(CURLOPT_PASSWORD, target_.password.c_str());
    if (!target_.ca_file.empty()) o.Set(CURLOPT_CAINFO, target_.ca_file.c_str());
    if (o.error() != CURLE_OK) return TransferFailure(o.error(), error);

    const CURLcode code = curl_easy_perform(curl);
    long smtp = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp);
    if (code == CURLE_OK) return DeliveryResult::Delivered();
    if (code == CURLE_LOGIN_DENIED) return TransferFailure(code, error);
    // A reply the server gave (RFC 5321 §4.2.1): 4yz transient, 5yz
    // permanent. Without one the connection itself failed.
    if (smtp >= 400 && smtp < 500) return DeliveryResult::Retry(SmtpReason(smtp, reply));
    if (smtp >= 500 && smtp < 600) return DeliveryResult::Failed(SmtpReason(smtp, reply));
    return TransferFailure(code, error);
  } catch (const std::exception& e) {  // out of memory
    return DeliveryResult::Retry(std::string("e-mail: ") + e.what());
  }
}

}  // namespace vigil::notifiers
