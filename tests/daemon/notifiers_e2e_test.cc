// Alerts reach people, end to end: the real vigild on the example trial
// with a notifiers section, delivering to real peers on loopback — an HTTP
// receiver as the webhook and the chat hook, Debian's aiosmtpd as the mail
// server. Outages (503, refused connections), a 400 that fails for good,
// SIGKILL with deliveries pending and in flight, acknowledgement.
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "daemon_fixture.h"
#include "tests/peers/peers.h"

namespace vigil::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kSecret = "hook-secret-1";
constexpr const char* kAeHeader =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_APATINIB,AEEXPECT\n";
constexpr const char* kSerious =
    "ESCC2L,S1,1,Pneumonia,Pneumonia,Infections and infestations,3,Y,Y,2026-02-01,NOT RELATED,Y\n";
constexpr const char* kNotSerious =
    "ESCC2L,S1,1,Pneumonia,Pneumonia,Infections and infestations,2,N,N,2026-02-01,NOT RELATED,Y\n";

std::string HmacHex(const std::string& key, const std::string& body) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
       body.size(), out, &n);
  std::string hex;
  char b[3];
  for (unsigned int i = 0; i < n; ++i) {
    std::snprintf(b, sizeof b, "%02x", out[i]);
    hex += b;
  }
  return hex;
}

class NotifiersEndToEnd : public DaemonFixture {
 protected:
  // No daemon yet: each test starts it with the peers it needs up. A peer
  // that cannot start throws from the fixture's constructor: the test fails
  // (naming scripts/setup.sh), never skips.
  void SetUp() override { state_ = dir_.path() / "state"; }
  void TearDown() override {
    if (daemon_) {
      EXPECT_EQ(daemon_->Stop(), 0);
    }
  }

  // The example trial, every alert to the safety desk's webhook (signed),
  // chat hook and mail; retries from 0.2 s up to 1.6 s.
  void StartDaemon(int webhook_timeout_ms = 5000) {
    std::ifstream example(std::string(VIGIL_SOURCE_DIR) + "/config/example/escc2l.json");
    std::stringstream text;
    text << example.rdbuf();
    json config = json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
    const std::string secret_file = (dir_.path() / "hook.key").string();
    std::ofstream(secret_file) << kSecret << "\n";
    config["notifiers"] = {
        {"receivers",
         {{{"name", "safety-desk"},
           {"webhooks",
            {{{"url", hook_.Url()}, {"hmac_secret_file", secret_file}, {"timeout_ms", webhook_timeout_ms}}}},
           {"emails",
            {{{"smtp_url", "smtp://127.0.0.1:" + std::to_string(smtp_.port())},
              {"tls", "none"},
              {"from", "vigil@ctc.example"},
              {"to", {"safety@ctc.example", "monitor@ctc.example"}}}}},
           {"chats", {{{"url", chat_.Url("/chat")}}}}}}},
        {"route", {{"receiver", "safety-desk"}, {"repeat_interval_minutes", 0}}},
        {"retry", {{"initial_seconds", 0.2}, {"max_seconds", 1.6}}}};
    config_path_ = (dir_.path() / "config.json").string();
    std::ofstream(config_path_) << config.dump(2);
    Restart();
  }

  void Restart() {
    daemon_ = std::make_unique<DaemonProcess>(state_, std::vector<std::string>{"--config", config_path_});
    ASSERT_TRUE(daemon_->Start());
  }

  void Enrol() { DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-01-01\n"); }

  // The webhook requests about the SAE alert, in order of receipt.
  std::vector<HttpReceiver::Request> SaeHooks(const std::string& alert_id) {
    std::vector<HttpReceiver::Request> out;
    for (const HttpReceiver::Request& r : hook_.Requests()) {
      json body = json::parse(r.body, nullptr, false);
      if (!body.is_discarded() && body["alert"]["id"] == alert_id) out.push_back(r);
    }
    return out;
  }

  // Waits until the webhook got `n` requests about the alert.
  std::vector<HttpReceiver::Request> WaitForSaeHooks(const std::string& alert_id, std::size_t n,
                                                     milliseconds timeout = seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::vector<HttpReceiver::Request> got;
    while ((got = SaeHooks(alert_id)).size() < n && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(20));
    }
    return got;
  }

  json Deliveries(const std::string& alert_id) {
    CommandResult r = Vigilctl(state_, "deliveries --alert " + alert_id + " --format json");
    EXPECT_EQ(r.exit_code, 0);
    return json::parse(r.out);
  }

  std::string SaeId() {
    auto sae = Of("sae");
    EXPECT_EQ(sae.size(), 1u);
    return sae.empty() ? "" : sae[0]["id"].get<std::string>();
  }

  HttpReceiver hook_;
  HttpReceiver chat_;
  SmtpServer smtp_;
  std::string config_path_;
};

TEST_F(NotifiersEndToEnd, AnSaeReachesTheWebhookTheChatAndTheMailbox) {
  StartDaemon();
  Enrol();
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  const json alert = Of("sae")[0];

  // Webhook: the spec's body, signed, with an idempotency key.
  auto hooks = WaitForSaeHooks(id, 1);
  ASSERT_EQ(hooks.size(), 1u);
  const HttpReceiver::Request& hook = hooks[0];
  EXPECT_EQ(hook.method, "POST");
  EXPECT_EQ(hook.headers.at("content-type"), "application/json");
  const json body = json::parse(hook.body);
  EXPECT_EQ(body.size(), 3u);
  EXPECT_EQ(body["event"], "raised");
  EXPECT_EQ(body["receiver"], "safety-desk");
  EXPECT_EQ(body["alert"], alert);  // as `vigilctl alerts --format json` shows it
  EXPECT_EQ(hook.headers.at("x-vigil-signature"), "sha256=" + HmacHex(kSecret, hook.body));
  EXPECT_FALSE(hook.headers.at("idempotency-key").empty());

  // Chat: one line a physician can act on.
  ASSERT_TRUE(chat_.WaitForRequests(1, seconds(10)));
  std::string text;
  for (const auto& r : chat_.Requests()) {
    json chat = json::parse(r.body);
    if (chat["text"].get<std::string>().find(id) != std::string::npos) text = chat["text"];
  }
  EXPECT_NE(text.find("S1"), std::string::npos) << text;
  EXPECT_NE(text.find("CRITICAL"), std::string::npos) << text;
  EXPECT_NE(text.find("vigilctl ack " + id), std::string::npos) << text;

  // E-mail: to both addresses; severity, kind and subject in the Subject;
  // the evidence and how to acknowledge in the body.
  ASSERT_TRUE(smtp_.WaitForMessages(1, seconds(10)));
  std::string mail;
  for (const auto& m : smtp_.Messages()) {
    if (m.data.find(id) != std::string::npos) {
      mail = m.data;
      EXPECT_EQ(m.mail_from, "vigil@ctc.example");
      EXPECT_EQ(m.rcpt_tos, (std::vector<std::string>{"safety@ctc.example", "monitor@ctc.example"}));
    }
  }
  ASSERT_FALSE(mail.empty());
  const std::string subject_line =
      mail.substr(mail.find("Subject: "), mail.find('\n', mail.find("Subject: ")) - mail.find("Subject: "));
  for (const char* part : {"CRITICAL", "sae", "S1"})
    EXPECT_NE(subject_line.find(part), std::string::npos) << subject_line;
  EXPECT_NE(mail.find("Message-ID: <"), std::string::npos);
  EXPECT_NE(mail.find("Date: "), std::string::npos);
  EXPECT_NE(mail.find("AESER"), std::string::npos);
  EXPECT_NE(mail.find("AEREL_APATINIB"), std::string::npos);
  EXPECT_NE(mail.find("vigilctl ack " + id), std::string::npos);

  // The delivery log and the status per receiver.
  const json status = StatusWhenDelivered();
  ASSERT_EQ(status["outbox"]["receivers"].size(), 1u);
  const json desk = status["outbox"]["receivers"][0];
  EXPECT_EQ(desk["receiver"], "safety-desk");
  EXPECT_EQ(desk["failed"], 0);
  EXPECT_GE(desk["delivered"].get<int>(), 3);
  std::set<std::string> channels;
  for (const json& d : Deliveries(id)) {
    EXPECT_EQ(d["result"], "delivered");
    channels.insert(d["channel"].get<std::string>());
  }
  EXPECT_EQ(channels, (std::set<std::string>{"webhooks[0]", "emails[0]", "chats[0]"}));
}

TEST_F(NotifiersEndToEnd, A503OutageIsRetriedWithGrowingDelaysAndNothingIsLost) {
  StartDaemon();
  Enrol();
  hook_.AnswerWith(503);
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  // Records keep committing while the receiver is down: the correction
  // withdraws the alert.
  DeliverAndWait("3.ae.csv", std::string(kAeHeader) + kNotSerious);
  EXPECT_EQ(Of("sae")[0]["state"], "withdrawn");

  auto attempts = WaitForSaeHooks(id, 5, seconds(20));
  ASSERT_GE(attempts.size(), 5u);
  hook_.AnswerWith(200);
  StatusWhenDelivered();

  std::vector<std::string> events;
  std::vector<double> raised_at;
  std::string key;
  for (const auto& r : SaeHooks(id)) {
    const std::string event = json::parse(r.body)["event"];
    if (events.empty() || events.back() != event) events.push_back(event);
    if (event == "raised") {
      raised_at.push_back(r.received_at);
      if (key.empty()) key = r.headers.at("idempotency-key");
      EXPECT_EQ(r.headers.at("idempotency-key"), key);  // the same on every retry
    }
  }
  // Per receiver, in order: raised (retried until it got through), then withdrawn.
  EXPECT_EQ(events, (std::vector<std::string>{"raised", "withdrawn"}));
  // Until the cap, each wait is at least the one before it (the ceiling
  // doubles: 0.2, 0.4, 0.8, 1.6 s; jitter keeps a wait within [half, all]
  // of its ceiling), allowing 100 ms of scheduling (an attempt sent late
  // shortens the next wait as seen by the receiver: 60 ms was seen on a
  // loaded 2-core machine); no wait exceeds the cap.
  ASSERT_GE(raised_at.size(), 5u);
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_GE(raised_at[i + 1] - raised_at[i] + 0.1, raised_at[i] - raised_at[i - 1]) << i;
  }
  EXPECT_GE(raised_at[4] - raised_at[3], 0.4 - 0.1);  // the fourth wait: at least half of 0.8 s
  for (std::size_t i = 1; i < raised_at.size(); ++i) EXPECT_LE(raised_at[i] - raised_at[i - 1], 1.6 + 0.3) << i;
  const json status = StatusWhenDelivered();
  EXPECT_EQ(status["outbox"]["failed"], 0);
  int retries = 0;
  for (const json& d : Deliveries(id)) retries += d["result"] == "retry" ? 1 : 0;
  EXPECT_GE(retries, 4);
}

TEST_F(NotifiersEndToEnd, RefusedConnectionsAreRetriedUntilTheReceiverIsBack) {
  StartDaemon();
  Enrol();
  hook_.Stop();
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  // The mail and the chat go out meanwhile; the webhook waits.
  ASSERT_TRUE(smtp_.WaitForMessages(1, seconds(10)));
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  json log;
  do {
    log = Deliveries(id);
    std::this_thread::sleep_for(milliseconds(50));
  } while (std::none_of(log.begin(), log.end(), [](const json& d) { return d["result"] == "retry"; }) &&
           std::chrono::steady_clock::now() < deadline);
  bool refused = false;
  for (const json& d : log) {
    if (d["channel"] == "webhooks[0]" && d["result"] == "retry") refused = true;
  }
  EXPECT_TRUE(refused) << log.dump(2);
  hook_.Start();
  EXPECT_EQ(WaitForSaeHooks(id, 1).size(), 1u);
  EXPECT_EQ(StatusWhenDelivered()["outbox"]["failed"], 0);
}

TEST_F(NotifiersEndToEnd, A400FailsForGoodAndIsCounted) {
  StartDaemon();
  Enrol();
  hook_.AnswerWith(400);
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  ASSERT_EQ(WaitForSaeHooks(id, 1).size(), 1u);
  const json status = StatusWhenDelivered();
  EXPECT_EQ(status["outbox"]["failed"], 1);
  EXPECT_EQ(status["outbox"]["receivers"][0]["failed"], 1);
  // Not tried again: well past several retry delays, still one request.
  std::this_thread::sleep_for(seconds(2));
  EXPECT_EQ(SaeHooks(id).size(), 1u);
  bool failed = false;
  for (const json& d : Deliveries(id)) {
    if (d["channel"] == "webhooks[0]") {
      failed = d["result"] == "failed" && d["reason"].get<std::string>().find("400") != std::string::npos;
    }
  }
  EXPECT_TRUE(failed);
}

TEST_F(NotifiersEndToEnd, AcknowledgementIsNotifiedToTheReceiversThatGotTheAlert) {
  StartDaemon();
  Enrol();
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  ASSERT_EQ(WaitForSaeHooks(id, 1).size(), 1u);
  ASSERT_EQ(Vigilctl(state_, "ack " + id + " --by 'Dr Li'").exit_code, 0);
  auto hooks = WaitForSaeHooks(id, 2, seconds(10));
  ASSERT_EQ(hooks.size(), 2u);
  const json ack = json::parse(hooks[1].body);
  EXPECT_EQ(ack["event"], "acknowledged");
  EXPECT_EQ(ack["alert"]["acknowledged_by"], "Dr Li");
  EXPECT_NE(hooks[1].headers.at("idempotency-key"), hooks[0].headers.at("idempotency-key"));
}

TEST_F(NotifiersEndToEnd, AfterSigkillEveryNotificationIsDeliveredAndTheScheduleContinues) {
  StartDaemon();
  Enrol();
  hook_.AnswerWith(503);
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  ASSERT_GE(WaitForSaeHooks(id, 4, seconds(20)).size(), 4u);
  // Every attempt so far answered and recorded: the row waits for its next
  // attempt, 0.8 to 1.6 s after the fourth failure.
  const auto deadline = std::chrono::steady_clock::now() + seconds(10);
  auto recorded = [&] {
    std::size_t n = 0;
    for (const json& d : Deliveries(id)) n += d["channel"] == "webhooks[0]" ? 1 : 0;
    return n;
  };
  while (recorded() < SaeHooks(id).size() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  daemon_->Kill();  // pending, with a growing delay

  json before;
  for (const json& d : Deliveries(id)) {
    if (d["channel"] == "webhooks[0]") before = d;
  }
  ASSERT_EQ(before["result"], "retry");
  const int attempts_before = before["attempt"];
  const std::string key = SaeHooks(id).back().headers.at("idempotency-key");

  hook_.AnswerWith(200);
  Restart();
  auto hooks = WaitForSaeHooks(id, static_cast<std::size_t>(attempts_before) + 1);
  ASSERT_GE(hooks.size(), static_cast<std::size_t>(attempts_before) + 1);
  EXPECT_EQ(hooks.back().headers.at("idempotency-key"), key);  // the same notification
  StatusWhenDelivered();
  // The log goes on from the attempts made before the kill, and the first
  // attempt after the restart was not made before the stored next attempt.
  json after;
  for (const json& d : Deliveries(id)) {
    if (d["channel"] == "webhooks[0]" && d["result"] == "delivered") after = d;
  }
  ASSERT_FALSE(after.is_null());
  EXPECT_EQ(after["attempt"].get<int>(), attempts_before + 1);
  EXPECT_GE(after["at"].get<std::string>(), before["next_at"].get<std::string>());
}

TEST_F(NotifiersEndToEnd, ADeliveryInFlightAtSigkillIsDeliveredAgainWithTheSameKey) {
  StartDaemon();
  Enrol();
  hook_.DelayAnswers(milliseconds(4000));  // the webhook holds the request open
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) + kSerious);
  const std::string id = SaeId();
  ASSERT_EQ(WaitForSaeHooks(id, 1).size(), 1u);  // received, not yet answered
  daemon_->Kill();
  const std::string key = SaeHooks(id)[0].headers.at("idempotency-key");
  hook_.DelayAnswers(milliseconds(0));
  Restart();
  auto hooks = WaitForSaeHooks(id, 2);
  ASSERT_EQ(hooks.size(), 2u);
  EXPECT_EQ(hooks[1].headers.at("idempotency-key"), key);
  EXPECT_EQ(StatusWhenDelivered()["outbox"]["failed"], 0);
}

}  // namespace
}  // namespace vigil::testing
