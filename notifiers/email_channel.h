// E-mail over SMTP through libcurl (product spec, "Notifiers"): one message
// per notification to every address of the target's `to`, with the
// notification's Message-ID on every attempt.
#pragma once

#include <string>

#include "config/notifiers.h"
#include "notifiers/channel.h"

namespace vigil::notifiers {

class EmailChannel final : public Channel {
 public:
  // `address`: where the target sits in its receiver ("emails[0]"). TLS:
  // none = plain SMTP; starttls = STARTTLS required on smtp:// (no silent
  // fallback to plain text); smtps = TLS from the first byte (an smtp://
  // URL is sent as smtps://).
  EmailChannel(config::EmailTarget target, std::string address);

  const std::string& address() const override { return address_; }
  // SMTP 2xx delivered; connection errors, timeouts and SMTP 4xx retry;
  // SMTP 5xx and a denied login failed for good ("SMTP 550 5.1.1 no such
  // user"). Never throws.
  DeliveryResult Deliver(const Notification& notification, Transport& transport) const override;

 private:
  config::EmailTarget target_;
  std::string address_;
};

}  // namespace vigil::notifiers
