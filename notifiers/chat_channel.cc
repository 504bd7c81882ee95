#include "notifiers/chat_channel.h"

#include <exception>
#include <nlohmann/json.hpp>

#include "notifiers/http_post.h"
#include "notifiers/message.h"

namespace vigil::notifiers {

ChatChannel::ChatChannel(config::ChatTarget target, std::string address)
    : target_(std::move(target)), address_(std::move(address)) {}

DeliveryResult ChatChannel::Deliver(const Notification& n, Transport& transport) const {
  try {
    const nlohmann::json body = {{"text", ChatText(n)}};
    return Post(transport, {.url = target_.url,
                            .body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                            .headers = {},
                            .timeout_ms = target_.timeout_ms,
                            .ca_file = target_.ca_file});
  } catch (const std::exception& e) {  // out of memory
    return DeliveryResult::Retry(std::string("chat: ") + e.what());
  }
}

}  // namespace vigil::notifiers
