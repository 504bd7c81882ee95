#include "notifiers/webhook_channel.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "notifiers/hmac.h"
#include "notifiers/message.h"
#include "tests/notifiers/sample_alerts.h"
#include "tests/peers/peers.h"

namespace vigil::notifiers {
namespace {

using namespace std::chrono_literals;
using testing::HttpReceiver;
using testing::NotificationOf;
using testing::SaeAlert;

constexpr char kSecret[] = "hook-secret-\x01\xff bytes";

config::WebhookTarget Target(const std::string& url, std::string secret = "", int timeout_ms = 5000) {
  return {
      .url = url, .hmac_secret_file = "", .hmac_secret = std::move(secret), .timeout_ms = timeout_ms, .ca_file = ""};
}

class WebhookChannelTest : public ::testing::Test {
 protected:
  HttpReceiver receiver_;
  Transport transport_;
};

TEST_F(WebhookChannelTest, PostsTheBodyWithItsHeadersAndSignature) {
  const WebhookChannel channel(Target(receiver_.Url(), kSecret), "webhooks[0]");
  EXPECT_EQ(channel.address(), "webhooks[0]");
  const Notification n = NotificationOf(SaeAlert());
  const DeliveryResult r = channel.Deliver(n, transport_);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;
  EXPECT_EQ(r.reason, "");

  ASSERT_TRUE(receiver_.WaitForRequests(1, 5s));
  const auto requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& q = requests[0];
  EXPECT_EQ(q.method, "POST");
  EXPECT_EQ(q.path, "/hook");
  EXPECT_EQ(q.headers.at("content-type"), "application/json");
  EXPECT_EQ(q.headers.at("idempotency-key"), "N-42");
  EXPECT_EQ(q.body, WebhookBody(n));
  EXPECT_EQ(nlohmann::json::parse(q.body)["alert"], SaeAlert());
  // The receiver's check: HMAC-SHA256 of the bytes it got, with its secret.
  EXPECT_EQ(q.headers.at("x-vigil-signature"), "sha256=" + HmacSha256Hex(kSecret, q.body));
  EXPECT_EQ(q.headers.count("expect"), 0u);
}

TEST_F(WebhookChannelTest, IdempotencyKeyIsTheSameOnEveryAttempt) {
  const WebhookChannel channel(Target(receiver_.Url(), kSecret), "webhooks[0]");
  const Notification n = NotificationOf(SaeAlert(), Event::kRaised, "N-1001");
  receiver_.AnswerWith(503);
  EXPECT_EQ(channel.Deliver(n, transport_).outcome, Outcome::kRetry);
  receiver_.AnswerWith(200);
  EXPECT_EQ(channel.Deliver(n, transport_).outcome, Outcome::kDelivered);
  ASSERT_TRUE(receiver_.WaitForRequests(2, 5s));
  const auto requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].headers.at("idempotency-key"), "N-1001");
  EXPECT_EQ(requests[1].headers.at("idempotency-key"), "N-1001");
  EXPECT_EQ(requests[0].body, requests[1].body);
  EXPECT_EQ(requests[0].headers.at("x-vigil-signature"), requests[1].headers.at("x-vigil-signature"));
  // One worker's Transport keeps its connection open between attempts.
  EXPECT_EQ(requests[0].client_port, requests[1].client_port);
}

TEST_F(WebhookChannelTest, UnsignedWithoutASecret) {
  const WebhookChannel channel(Target(receiver_.Url()), "webhooks[1]");
  EXPECT_EQ(channel.Deliver(NotificationOf(SaeAlert()), transport_).outcome, Outcome::kDelivered);
  ASSERT_TRUE(receiver_.WaitForRequests(1, 5s));
  EXPECT_EQ(receiver_.Requests()[0].headers.count("x-vigil-signature"), 0u);
}

struct StatusCase {
  int status;
  Outcome outcome;
};

TEST_F(WebhookChannelTest, StatusDecidesTheOutcome) {
  const WebhookChannel channel(Target(receiver_.Url()), "webhooks[0]");
  const std::vector<StatusCase> cases = {
      {200, Outcome::kDelivered}, {201, Outcome::kDelivered}, {204, Outcome::kDelivered}, {408, Outcome::kRetry},
      {429, Outcome::kRetry},     {500, Outcome::kRetry},     {503, Outcome::kRetry},     {400, Outcome::kFailed},
      {401, Outcome::kFailed},    {404, Outcome::kFailed},    {410, Outcome::kFailed},    {302, Outcome::kFailed},
  };
  for (const StatusCase& c : cases) {
    SCOPED_TRACE(c.status);
    receiver_.AnswerWith(c.status);
    const DeliveryResult r = channel.Deliver(NotificationOf(SaeAlert()), transport_);
    EXPECT_EQ(r.outcome, c.outcome) << r.reason;
    EXPECT_EQ(r.reason, c.outcome == Outcome::kDelivered ? "" : "HTTP " + std::to_string(c.status));
  }
  EXPECT_EQ(receiver_.Requests().size(), cases.size());
}

TEST_F(WebhookChannelTest, RefusedConnectionIsRetriedAndWorksOnceTheReceiverIsBack) {
  const WebhookChannel channel(Target(receiver_.Url()), "webhooks[0]");
  ASSERT_EQ(channel.Deliver(NotificationOf(SaeAlert()), transport_).outcome, Outcome::kDelivered);
  receiver_.Stop();
  const DeliveryResult down = channel.Deliver(NotificationOf(SaeAlert()), transport_);
  EXPECT_EQ(down.outcome, Outcome::kRetry);
  EXPECT_EQ(down.reason.rfind("couldn't connect: ", 0), 0u) << down.reason;
  receiver_.Start();
  const DeliveryResult back = channel.Deliver(NotificationOf(SaeAlert()), transport_);
  EXPECT_EQ(back.outcome, Outcome::kDelivered) << back.reason;
  EXPECT_TRUE(receiver_.WaitForRequests(2, 5s));
}

TEST(WebhookChannelHttps, TrustsTheConfiguredCaFileOnly) {
  HttpReceiver receiver(HttpReceiver::Scheme::kHttps);
  Transport transport;
  config::WebhookTarget target = Target(receiver.Url(), kSecret);
  target.ca_file = receiver.cert_file();
  const DeliveryResult r = WebhookChannel(target, "webhooks[0]").Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;
  ASSERT_TRUE(receiver.WaitForRequests(1, 5s));
  const auto q = receiver.Requests()[0];
  EXPECT_EQ(q.headers.at("x-vigil-signature"), "sha256=" + HmacSha256Hex(kSecret, q.body));

  // The system's CA store does not know the test certificate: nothing is
  // sent, and the operator may still fix the CA file.
  const DeliveryResult untrusted =
      WebhookChannel(Target(receiver.Url(), kSecret), "webhooks[0]").Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(untrusted.outcome, Outcome::kRetry) << untrusted.reason;
  EXPECT_EQ(receiver.Requests().size(), 1u);
}

// A peer that accepts the connection and never answers.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    port_ = ntohs(addr.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(WebhookChannelTimeout, NoAnswerWithinTheTimeoutIsRetried) {
  const SilentListener silent;
  Transport transport;
  const WebhookChannel channel(Target("http://127.0.0.1:" + std::to_string(silent.port()) + "/hook", "", 200),
                               "webhooks[0]");
  const auto start = std::chrono::steady_clock::now();
  const DeliveryResult r = channel.Deliver(NotificationOf(SaeAlert()), transport);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.outcome, Outcome::kRetry);
  EXPECT_EQ(r.reason.rfind("timed out: ", 0), 0u) << r.reason;
  EXPECT_GE(took, 150ms);
  EXPECT_LT(took, 3s);
}

TEST(WebhookChannelUrl, OnlyHttpAndHttpsAreUsed) {
  Transport transport;
  for (const char* url : {"file:///etc/hostname", "ftp://127.0.0.1:1/hook", "gopher://127.0.0.1:1/"}) {
    SCOPED_TRACE(url);
    const DeliveryResult r = WebhookChannel(Target(url), "webhooks[0]").Deliver(NotificationOf(SaeAlert()), transport);
    EXPECT_EQ(r.outcome, Outcome::kFailed) << r.reason;
  }
}

}  // namespace
}  // namespace vigil::notifiers
