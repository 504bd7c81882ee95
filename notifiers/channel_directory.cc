#include "notifiers/channel_directory.h"

#include "notifiers/chat_channel.h"
#include "notifiers/email_channel.h"
#include "notifiers/log_channel.h"
#include "notifiers/webhook_channel.h"

namespace vigil::notifiers {
namespace {

std::string Indexed(std::string_view list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

// Calls add(address, target) for each of the receiver's targets in
// configuration order: webhooks, then e-mails, then chats. The order and
// the names are what outbox rows store: they must never change.
template <typename Add>
void EachTarget(const config::Receiver& r, Add add) {
  for (std::size_t i = 0; i < r.webhooks.size(); ++i) add(Indexed("webhooks", i), &r.webhooks[i]);
  for (std::size_t i = 0; i < r.emails.size(); ++i) add(Indexed("emails", i), &r.emails[i]);
  for (std::size_t i = 0; i < r.chats.size(); ++i) add(Indexed("chats", i), &r.chats[i]);
}

struct Build {
  std::string address;
  std::shared_ptr<const Channel> operator()(const config::WebhookTarget* t) const {
    return std::make_shared<WebhookChannel>(*t, address);
  }
  std::shared_ptr<const Channel> operator()(const config::EmailTarget* t) const {
    return std::make_shared<EmailChannel>(*t, address);
  }
  std::shared_ptr<const Channel> operator()(const config::ChatTarget* t) const {
    return std::make_shared<ChatChannel>(*t, address);
  }
};

}  // namespace

ChannelDirectory::ChannelDirectory(const config::Notifiers& notifiers) {
  if (!notifiers.configured) {
    channels_.emplace(std::pair{std::string(kLogReceiver), std::string(kLogAddress)}, std::make_shared<LogChannel>());
    return;
  }
  for (const config::Receiver& r : notifiers.receivers) {
    EachTarget(r, [&](std::string address, const auto* target) {
      auto channel = Build{address}(target);
      channels_.emplace(std::pair{r.name, std::move(address)}, std::move(channel));
    });
  }
}

std::shared_ptr<const Channel> ChannelDirectory::Find(std::string_view receiver, std::string_view address) const {
  const auto it = channels_.find(std::pair{std::string(receiver), std::string(address)});
  return it == channels_.end() ? nullptr : it->second;
}

std::vector<std::string> ChannelAddresses(const config::Notifiers& notifiers, std::string_view receiver) {
  std::vector<std::string> addresses;
  if (!notifiers.configured) {
    if (receiver == kLogReceiver) addresses.emplace_back(kLogAddress);
    return addresses;
  }
  for (const config::Receiver& r : notifiers.receivers) {
    if (r.name != receiver) continue;
    EachTarget(r, [&](std::string address, const auto*) { addresses.push_back(std::move(address)); });
    break;
  }
  return addresses;
}

}  // namespace vigil::notifiers
