// A Slack-compatible chat hook (product spec, "Notifiers"): POST of
// {"text": ChatText(notification)}.
#pragma once

#include <string>

#include "config/notifiers.h"
#include "notifiers/channel.h"

namespace vigil::notifiers {

class ChatChannel final : public Channel {
 public:
  // `address`: where the target sits in its receiver ("chats[0]").
  ChatChannel(config::ChatTarget target, std::string address);

  const std::string& address() const override { return address_; }
  // Classified as a webhook is (notifiers/http_post.h). Never throws.
  DeliveryResult Deliver(const Notification& notification, Transport& transport) const override;

 private:
  config::ChatTarget target_;
  std::string address_;
};

}  // namespace vigil::notifiers
