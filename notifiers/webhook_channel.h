// The generic JSON webhook (product spec, "Notifiers"): POST of
// {"event", "receiver", "alert"} with `Idempotency-Key: <notification id>`,
// the same on every attempt so a receiver can drop repeats, and with a
// secret `X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the body bytes>`.
#pragma once

#include <string>

#include "config/notifiers.h"
#include "notifiers/channel.h"

namespace vigil::notifiers {

class WebhookChannel final : public Channel {
 public:
  // `address`: where the target sits in its receiver ("webhooks[0]").
  WebhookChannel(config::WebhookTarget target, std::string address);

  const std::string& address() const override { return address_; }
  // 2xx delivered; timeouts, connection errors, 408, 429, 5xx retry; any
  // other status failed for good. Never throws.
  DeliveryResult Deliver(const Notification& notification, Transport& transport) const override;

 private:
  config::WebhookTarget target_;
  std::string address_;
};

}  // namespace vigil::notifiers
