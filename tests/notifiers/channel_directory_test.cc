#include "notifiers/channel_directory.h"

#include <gtest/gtest.h>

#include <chrono>

#include "notifiers/chat_channel.h"
#include "notifiers/email_channel.h"
#include "notifiers/log_channel.h"
#include "notifiers/webhook_channel.h"
#include "tests/notifiers/sample_alerts.h"
#include "tests/peers/peers.h"

namespace vigil::notifiers {
namespace {

using namespace std::chrono_literals;

config::Notifiers TwoReceivers(const std::string& hook_url = "http://127.0.0.1:1/a") {
  config::Notifiers n;
  n.configured = true;
  config::Receiver desk{.name = "safety-desk", .webhooks = {}, .emails = {}, .chats = {}};
  desk.chats.push_back({.url = "http://127.0.0.1:1/chat", .timeout_ms = 5000, .ca_file = ""});
  desk.webhooks.push_back(
      {.url = hook_url, .hmac_secret_file = "", .hmac_secret = "", .timeout_ms = 5000, .ca_file = ""});
  desk.webhooks.push_back(
      {.url = "http://127.0.0.1:1/b", .hmac_secret_file = "", .hmac_secret = "", .timeout_ms = 5000, .ca_file = ""});
  config::EmailTarget mail;
  mail.smtp_url = "smtp://127.0.0.1:1";
  mail.from = "vigil@example.org";
  mail.to = {"safety@example.org"};
  desk.emails.push_back(mail);
  config::Receiver monitor{.name = "medical-monitor", .webhooks = {}, .emails = {mail}, .chats = {}};
  n.receivers = {desk, monitor};
  n.route.receiver = "safety-desk";
  return n;
}

TEST(ChannelAddresses, WebhooksThenEmailsThenChatsInConfigurationOrder) {
  const config::Notifiers n = TwoReceivers();
  EXPECT_EQ(ChannelAddresses(n, "safety-desk"),
            (std::vector<std::string>{"webhooks[0]", "webhooks[1]", "emails[0]", "chats[0]"}));
  EXPECT_EQ(ChannelAddresses(n, "medical-monitor"), (std::vector<std::string>{"emails[0]"}));
  EXPECT_TRUE(ChannelAddresses(n, "nobody").empty());
  EXPECT_TRUE(ChannelAddresses(n, "log").empty());
}

TEST(ChannelAddresses, WithoutNotifiersOnlyTheLog) {
  const config::Notifiers none;
  EXPECT_EQ(ChannelAddresses(none, kLogReceiver), (std::vector<std::string>{"log"}));
  EXPECT_TRUE(ChannelAddresses(none, "safety-desk").empty());
}

TEST(ChannelDirectory, FindsEveryConfiguredChannelAtItsAddress) {
  const config::Notifiers n = TwoReceivers();
  const ChannelDirectory directory(n);
  for (const auto& receiver : {"safety-desk", "medical-monitor"}) {
    for (const std::string& address : ChannelAddresses(n, receiver)) {
      const auto channel = directory.Find(receiver, address);
      ASSERT_NE(channel, nullptr) << receiver << " " << address;
      EXPECT_EQ(channel->address(), address);
    }
  }
  EXPECT_NE(dynamic_cast<const WebhookChannel*>(directory.Find("safety-desk", "webhooks[1]").get()), nullptr);
  EXPECT_NE(dynamic_cast<const EmailChannel*>(directory.Find("safety-desk", "emails[0]").get()), nullptr);
  EXPECT_NE(dynamic_cast<const ChatChannel*>(directory.Find("safety-desk", "chats[0]").get()), nullptr);
  EXPECT_NE(dynamic_cast<const EmailChannel*>(directory.Find("medical-monitor", "emails[0]").get()), nullptr);
  // What the configuration no longer has.
  EXPECT_EQ(directory.Find("safety-desk", "webhooks[2]"), nullptr);
  EXPECT_EQ(directory.Find("medical-monitor", "webhooks[0]"), nullptr);
  EXPECT_EQ(directory.Find("gone", "emails[0]"), nullptr);
  EXPECT_EQ(directory.Find(kLogReceiver, kLogAddress), nullptr);
}

TEST(ChannelDirectory, WithoutNotifiersTheLogChannel) {
  const ChannelDirectory directory{config::Notifiers{}};
  const auto log = directory.Find(kLogReceiver, kLogAddress);
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->address(), "log");
  EXPECT_NE(dynamic_cast<const LogChannel*>(log.get()), nullptr);
  EXPECT_EQ(directory.Find("safety-desk", "webhooks[0]"), nullptr);
}

TEST(ChannelDirectory, ItsChannelsReachTheirTargets) {
  testing::HttpReceiver receiver;
  const ChannelDirectory directory(TwoReceivers(receiver.Url("/a")));
  Transport transport;
  const auto channel = directory.Find("safety-desk", "webhooks[0]");
  ASSERT_NE(channel, nullptr);
  const DeliveryResult r = channel->Deliver(testing::NotificationOf(testing::SaeAlert()), transport);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;
  ASSERT_TRUE(receiver.WaitForRequests(1, 5s));
  EXPECT_EQ(receiver.Requests()[0].path, "/a");
}

}  // namespace
}  // namespace vigil::notifiers
