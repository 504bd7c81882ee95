// A channel delivers a notification to one target of a receiver: a webhook,
// a chat hook, an e-mail server, the log. Channels are immutable once built
// and safe to use from several worker threads at once; the blocking
// transfer runs on the worker's own Transport (one connection per worker).
#pragma once

#include <string>

#include "notifiers/delivery_result.h"
#include "notifiers/notification.h"
#include "notifiers/transport.h"

namespace vigil::notifiers {

class Channel {
 public:
  virtual ~Channel() = default;
  // Where the channel sits in its receiver's configuration: "webhooks[0]",
  // "emails[1]", "chats[0]", or "log". Stored with each outbox row.
  virtual const std::string& address() const = 0;
  // One attempt. Blocking; never throws.
  virtual DeliveryResult Deliver(const Notification& notification, Transport& transport) const = 0;
};

}  // namespace vigil::notifiers
