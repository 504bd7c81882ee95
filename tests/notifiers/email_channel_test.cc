#include "notifiers/email_channel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "notifiers/mail_message.h"
#include "tests/notifiers/sample_alerts.h"
#include "tests/peers/peers.h"

namespace vigil::notifiers {
namespace {

using namespace std::chrono_literals;
using testing::ClockAlert;
using testing::NotificationOf;
using testing::SaeAlert;
using testing::SmtpServer;
using testing::StoppingRuleAlert;

config::EmailTarget Target(const std::string& url, config::SmtpTls tls = config::SmtpTls::kNone) {
  return {.smtp_url = url,
          .tls = tls,
          .from = "vigil@example.org",
          .to = {"safety@example.org", "monitor@example.org"},
          .username = "",
          .password_file = "",
          .password = "",
          .timeout_ms = 5000,
          .ca_file = ""};
}

std::string DecodeBase64(std::string_view text) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue;
    bits = (bits << 6) | static_cast<unsigned>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

// A received message: headers (unfolded; names as sent) and body.
struct Parsed {
  std::map<std::string, std::string> headers;
  std::string body;
};

Parsed Parse(const std::string& data) {
  Parsed p;
  const std::size_t end = data.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos) << data;
  std::string head = data.substr(0, end);
  p.body = data.substr(end + 4);
  std::string unfolded;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head.compare(i, 3, "\r\n ") == 0) {
      i += 2;  // folding: the space stays
      continue;
    }
    unfolded += head[i];
  }
  std::size_t at = 0;
  while (at <= unfolded.size()) {
    std::size_t eol = unfolded.find("\r\n", at);
    if (eol == std::string::npos) eol = unfolded.size();
    const std::string line = unfolded.substr(at, eol - at);
    const std::size_t colon = line.find(": ");
    if (colon != std::string::npos) p.headers[line.substr(0, colon)] = line.substr(colon + 2);
    at = eol + 2;
  }
  return p;
}

// An RFC 2047 "=?UTF-8?B?...?=" header, words separated by folding spaces.
std::string DecodeHeader(const std::string& value) {
  if (value.rfind("=?UTF-8?B?", 0) != 0) return value;
  std::string out;
  std::size_t at = 0;
  while ((at = value.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t end = value.find("?=", at + 10);
    out += DecodeBase64(value.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  return out;
}

TEST(EmailChannel, SendsOneProperMessageToEveryRecipient) {
  SmtpServer server;
  Transport transport;
  const EmailChannel channel(Target(server.Url()), "emails[0]");
  EXPECT_EQ(channel.address(), "emails[0]");
  const DeliveryResult r = channel.Deliver(NotificationOf(SaeAlert(), Event::kRaised, "N-42"), transport);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;

  ASSERT_TRUE(server.WaitForMessages(1, 5s));
  const auto messages = server.Messages();
  ASSERT_EQ(messages.size(), 1u);
  const auto& m = messages[0];
  EXPECT_EQ(m.mail_from, "vigil@example.org");
  EXPECT_EQ(m.rcpt_tos, (std::vector<std::string>{"safety@example.org", "monitor@example.org"}));
  const Parsed p = Parse(m.data);
  EXPECT_EQ(p.headers.at("From"), "vigil@example.org");
  EXPECT_EQ(p.headers.at("To"), "safety@example.org, monitor@example.org");
  EXPECT_EQ(p.headers.at("Date"), "Sun, 01 Feb 2026 10:00:00 +0000");
  EXPECT_EQ(p.headers.at("Message-ID"), "<N-42@vigil>");
  EXPECT_EQ(p.headers.at("MIME-Version"), "1.0");
  EXPECT_EQ(p.headers.at("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(p.headers.at("Content-Transfer-Encoding"), "8bit");
  EXPECT_EQ(DecodeHeader(p.headers.at("Subject")), "[Vigil] CRITICAL sae - subject ESCC-001-0003 - raised");
  for (const char* part : {"SAE: Oesophageal fistula, grade 4 (ESCC-001-0003)\r\n", "AE 3 (version 2): AETOXGR = 4\r\n",
                           "How to acknowledge:\r\n  vigilctl ack AL-1f2e3d4c5b6a7980 --by <your name>\r\n"}) {
    EXPECT_NE(p.body.find(part), std::string::npos) << part << "\n" << p.body;
  }
  // CRLF only: no bare LF anywhere.
  for (std::size_t i = 0; i < m.data.size(); ++i) {
    if (m.data[i] == '\n') {
      ASSERT_TRUE(i > 0 && m.data[i - 1] == '\r') << "bare LF at " << i;
    }
  }
}

// libcurl dot-stuffs the upload and the server undoes it: a line that is a
// lone "." does not end DATA early, and no dot is doubled.
TEST(EmailChannel, LinesStartingWithADotArriveIntact) {
  SmtpServer server;
  Transport transport;
  const EmailChannel channel(Target(server.Url()), "emails[0]");
  for (const char* title : {".", ".hidden start"}) {
    nlohmann::json alert = StoppingRuleAlert();
    alert["title"] = title;  // the title has a line of its own
    const DeliveryResult r = channel.Deliver(NotificationOf(alert), transport);
    ASSERT_EQ(r.outcome, Outcome::kDelivered) << r.reason;
  }
  ASSERT_TRUE(server.WaitForMessages(2, 5s));
  const auto messages = server.Messages();
  EXPECT_NE(messages[0].data.find("\r\n.\r\n\r\nSubject ID: none (a cohort alert)"), std::string::npos)
      << messages[0].data;
  EXPECT_NE(messages[0].data.find("How to acknowledge:"), std::string::npos) << messages[0].data;
  EXPECT_NE(messages[1].data.find("\r\n.hidden start\r\n"), std::string::npos) << messages[1].data;
  EXPECT_EQ(messages[1].data.find("..hidden"), std::string::npos) << messages[1].data;
}

TEST(EmailChannel, AnswersDecideTheOutcome) {
  SmtpServer server;
  Transport transport;
  const EmailChannel channel(Target(server.Url()), "emails[0]");
  server.Reply("451 4.3.0 try later");
  const DeliveryResult later = channel.Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(later.outcome, Outcome::kRetry);
  EXPECT_EQ(later.reason, "SMTP 451 4.3.0 try later");

  server.Reply("550 5.1.1 no such user");
  const DeliveryResult refused = channel.Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(refused.outcome, Outcome::kFailed);
  EXPECT_EQ(refused.reason, "SMTP 550 5.1.1 no such user");

  server.ReplyOk();
  const DeliveryResult ok = channel.Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(ok.outcome, Outcome::kDelivered) << ok.reason;
  ASSERT_TRUE(server.WaitForMessages(3, 5s));
  const auto messages = server.Messages();
  EXPECT_EQ(messages[0].reply, "451 4.3.0 try later");
  EXPECT_EQ(messages[2].reply, "250 OK");
}

TEST(EmailChannel, ServerDownIsRetried) {
  SmtpServer server;
  Transport transport;
  const EmailChannel channel(Target(server.Url()), "emails[0]");
  server.Stop();
  const DeliveryResult down = channel.Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(down.outcome, Outcome::kRetry);
  EXPECT_EQ(down.reason.rfind("couldn't connect: ", 0), 0u) << down.reason;
  server.Start();
  EXPECT_EQ(channel.Deliver(NotificationOf(SaeAlert()), transport).outcome, Outcome::kDelivered);
  EXPECT_TRUE(server.WaitForMessages(1, 5s));
}

TEST(EmailChannel, StartTlsWithTheServersCertificate) {
  SmtpServer server(SmtpServer::Options::StartTls());
  Transport transport;
  config::EmailTarget target = Target(server.Url(), config::SmtpTls::kStartTls);
  target.ca_file = server.cert_file();
  const DeliveryResult r = EmailChannel(target, "emails[0]").Deliver(NotificationOf(ClockAlert()), transport);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;
  ASSERT_TRUE(server.WaitForMessages(1, 5s));
  EXPECT_NE(server.Messages()[0].data.find("Due:        2026-02-02T09:30:00Z"), std::string::npos);
}

TEST(EmailChannel, StartTlsNeverFallsBackToAnUntrustedPeer) {
  SmtpServer server(SmtpServer::Options::StartTls());
  Transport transport;
  // The system's CA store does not know the test certificate.
  const DeliveryResult r = EmailChannel(Target(server.Url(), config::SmtpTls::kStartTls), "emails[0]")
                               .Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(r.outcome, Outcome::kRetry) << r.reason;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(EmailChannel, WithoutTlsTheServerRequiringStartTlsRefusesForGood) {
  SmtpServer server(SmtpServer::Options::StartTls());
  Transport transport;
  const DeliveryResult r =
      EmailChannel(Target(server.Url()), "emails[0]").Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(r.outcome, Outcome::kFailed) << r.reason;
  EXPECT_EQ(r.reason.rfind("SMTP 530", 0), 0u) << r.reason;
}

TEST(EmailChannel, Smtps) {
  SmtpServer server(SmtpServer::Options::ImplicitTls());
  Transport transport;
  config::EmailTarget target = Target(server.Url(), config::SmtpTls::kSmtps);
  target.ca_file = server.cert_file();
  const DeliveryResult r = EmailChannel(target, "emails[0]").Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.reason;
  EXPECT_TRUE(server.WaitForMessages(1, 5s));
}

TEST(EmailChannel, LogsInAndADeniedLoginFailsForGood) {
  SmtpServer server(SmtpServer::Options::Login("vigil", "s3cret"));
  Transport transport;
  config::EmailTarget target = Target(server.Url());
  target.username = "vigil";
  target.password = "s3cret";
  EXPECT_EQ(EmailChannel(target, "emails[0]").Deliver(NotificationOf(SaeAlert()), transport).outcome,
            Outcome::kDelivered);
  EXPECT_TRUE(server.WaitForMessages(1, 5s));

  target.password = "wrong";
  const DeliveryResult denied = EmailChannel(target, "emails[0]").Deliver(NotificationOf(SaeAlert()), transport);
  EXPECT_EQ(denied.outcome, Outcome::kFailed);
  EXPECT_EQ(denied.reason.rfind("login denied: ", 0), 0u) << denied.reason;
  EXPECT_EQ(server.Messages().size(), 1u);
}

// The message itself, without a server.
TEST(MailMessage, HeaderTextIsEncodedOnlyWhenNeeded) {
  EXPECT_EQ(HeaderText("[Vigil] HIGH sae"), "[Vigil] HIGH sae");
  EXPECT_EQ(HeaderText("a\r\nBcc: x@y"), "a  Bcc: x@y");
  const std::string subject =
      "[Vigil] CRITICAL sae \u2014 subject ESCC-001-0003 \u2014 raised, with a longer tail \u00e9";
  const std::string encoded = HeaderText(subject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(DecodeHeader(Parse("Subject: " + encoded + "\r\n\r\n").headers.at("Subject")), subject);
  std::size_t at = 0;
  while (at < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", at);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - at, 75u);  // RFC 2047: an encoded-word is at most 75 characters
    at = end + 3;
  }
}

TEST(MailMessage, MessageIdIsAValidDotAtom) {
  EXPECT_EQ(MessageId("N-42"), "<N-42@vigil>");
  EXPECT_EQ(MessageId("a b<c>@d"), "<a-b-c--d@vigil>");
  EXPECT_EQ(MessageId(".a..b."), "<-a.-b-@vigil>");
  EXPECT_EQ(MessageId(""), "<notification@vigil>");
}

TEST(MailMessage, DateAndMailbox) {
  EXPECT_EQ(MailDate(std::chrono::system_clock::time_point(std::chrono::seconds(0))),
            "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(Mailbox("Vigil <vigil@example.org>"), "vigil@example.org");
  EXPECT_EQ(Mailbox(" vigil@example.org "), "vigil@example.org");
}

TEST(MailMessage, NoLineIsLongerThan998Octets) {
  nlohmann::json alert = SaeAlert();
  alert["reason"] = std::string(3000, 'x');
  const std::string m = MailMessage(Target("smtp://127.0.0.1:1"), NotificationOf(alert));
  std::size_t at = 0;
  while (at < m.size()) {
    const std::size_t end = m.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - at, 998u);
    at = end + 2;
  }
}

}  // namespace
}  // namespace vigil::notifiers
