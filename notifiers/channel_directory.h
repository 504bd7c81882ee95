// Every receiver's channels, built once from the configuration: what the
// dispatcher looks a stored (receiver, address) up in. Without a
// "notifiers" section the only receiver is "log", with the log channel.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/notifiers.h"
#include "notifiers/channel.h"

namespace vigil::notifiers {

inline constexpr std::string_view kLogReceiver = "log";

class ChannelDirectory {
 public:
  explicit ChannelDirectory(const config::Notifiers& notifiers);

  // The channel at `address` of `receiver`; null when the configuration no
  // longer has it.
  std::shared_ptr<const Channel> Find(std::string_view receiver, std::string_view address) const;

 private:
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const Channel>, std::less<>> channels_;
};

// The addresses of a receiver's channels in configuration order
// ("webhooks[0]", "emails[0]", "chats[0]", ...; "log" for the log receiver):
// one outbox row is queued per address.
std::vector<std::string> ChannelAddresses(const config::Notifiers& notifiers, std::string_view receiver);

}  // namespace vigil::notifiers
