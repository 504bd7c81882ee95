#include "notifiers/chat_channel.h"

#include <gtest/gtest.h>

#include <chrono>

#include "notifiers/message.h"
#include "tests/notifiers/sample_alerts.h"
#include "tests/peers/peers.h"

namespace vigil::notifiers {
namespace {

using namespace std::chrono_literals;
using testing::ClockAlert;
using testing::HttpReceiver;
using testing::NotificationOf;

config::ChatTarget Target(const std::string& url) { return {.url = url, .timeout_ms = 5000, .ca_file = ""}; }

TEST(ChatChannel, PostsSlackTextAPhysicianCanActOn) {
  HttpReceiver receiver;
  Transport transport;
  const ChatChannel channel(Target(receiver.Url("/hooks/T0001")), "chats[0]");
  EXPECT_EQ(channel.address(), "chats[0]");
  const Notification n = NotificationOf(ClockAlert(), Event::kOverdue);
  const DeliveryResult r = channel.Deliver(n, transport);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;

  ASSERT_TRUE(receiver.WaitForRequests(1, 5s));
  const auto q = receiver.Requests().at(0);
  EXPECT_EQ(q.method, "POST");
  EXPECT_EQ(q.path, "/hooks/T0001");
  EXPECT_EQ(q.headers.at("content-type"), "application/json");
  const nlohmann::json body = nlohmann::json::parse(q.body);
  ASSERT_EQ(body.size(), 1u) << q.body;
  const std::string text = body.at("text");
  EXPECT_EQ(text, ChatText(n));
  for (const char* part :
       {"HIGH", "sae_clock", "overdue", "cohort A", "subject ESCC-001-0003", "SAE report to the sponsor due in 24 h",
        "Due: 2026-02-02T09:30:00Z", "vigilctl ack AL-00aa11bb22cc33dd --by"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }
}

TEST(ChatChannel, ClassifiedAsAWebhookIs) {
  HttpReceiver receiver;
  Transport transport;
  const ChatChannel channel(Target(receiver.Url()), "chats[0]");
  const struct {
    int status;
    Outcome outcome;
  } cases[] = {{200, Outcome::kDelivered}, {429, Outcome::kRetry}, {502, Outcome::kRetry}, {403, Outcome::kFailed}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    receiver.AnswerWith(c.status);
    EXPECT_EQ(channel.Deliver(NotificationOf(ClockAlert()), transport).outcome, c.outcome);
  }
  receiver.Stop();
  const DeliveryResult down = channel.Deliver(NotificationOf(ClockAlert()), transport);
  EXPECT_EQ(down.outcome, Outcome::kRetry);
  EXPECT_EQ(down.reason.rfind("couldn't connect: ", 0), 0u) << down.reason;
}

}  // namespace
}  // namespace vigil::notifiers
