#include "notifiers/webhook_channel.h"

#include <exception>

#include "notifiers/alert_view.h"
#include "notifiers/hmac.h"
#include "notifiers/http_post.h"
#include "notifiers/message.h"

namespace vigil::notifiers {

WebhookChannel::WebhookChannel(config::WebhookTarget target, std::string address)
    : target_(std::move(target)), address_(std::move(address)) {}

DeliveryResult WebhookChannel::Deliver(const Notification& n, Transport& transport) const {
  try {
    HttpPost post{.url = target_.url,
                  .body = WebhookBody(n),
                  .headers = {"Idempotency-Key: " + OneLine(n.id)},
                  .timeout_ms = target_.timeout_ms,
                  .ca_file = target_.ca_file};
    // The signature covers exactly the bytes sent.
    if (!target_.hmac_secret.empty()) {
      post.headers.push_back("X-Vigil-Signature: sha256=" + HmacSha256Hex(target_.hmac_secret, post.body));
    }
    return Post(transport, post);
  } catch (const std::exception& e) {  // out of memory, OpenSSL failure
    return DeliveryResult::Retry(std::string("webhook: ") + e.what());
  }
}

}  // namespace vigil::notifiers
