#include "notifiers/message.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "notifiers/delivery_result.h"
#include "tests/notifiers/sample_alerts.h"

namespace vigil::notifiers {
namespace {

using testing::ClockAlert;
using testing::NotificationOf;
using testing::SaeAlert;
using testing::StoppingRuleAlert;

struct TextCase {
  const char* name;
  nlohmann::json alert;
  Event event;
  std::vector<std::string> in_subject;  // e-mail Subject
  std::vector<std::string> in_body;     // e-mail body and chat text alike
  std::vector<std::string> not_in_body;
};

// Test names and failure messages show the case by its name.
void PrintTo(const TextCase& c, std::ostream* os) { *os << c.name; }

std::vector<TextCase> TextCases() {
  return {
      {"sae_raised",
       SaeAlert(),
       Event::kRaised,
       {"[Vigil] CRITICAL sae - subject ESCC-001-0003 - raised"},
       {"SAE: Oesophageal fistula, grade 4 (ESCC-001-0003)", "ESCC-001-0003", "sae", "AETOXGR", "4",
        "Oesophageal fistula", "vigilctl ack AL-1f2e3d4c5b6a7980 --by"},
       {"--note", "Due"}},
      {"clock_overdue",
       ClockAlert(),
       Event::kOverdue,
       {"HIGH sae_clock", "subject ESCC-001-0003", "overdue"},
       {"2026-02-02T09:30:00Z", "sae_clock", "vigilctl ack AL-00aa11bb22cc33dd --by"},
       {}},
      {"stopping_rule_raised",
       StoppingRuleAlert(),
       Event::kRaised,
       {"CRITICAL stopping_rule - cohort B - raised"},
       {"Stopping rule R3 crossed in cohort B", "Gastric hemorrhage", "--note \"",
        "vigilctl ack AL-9988776655443322 --by"},
       {"subject ESCC"}},
  };
}

class MessageText : public ::testing::TestWithParam<TextCase> {};

TEST_P(MessageText, EmailSubjectAndBody) {
  const TextCase& c = GetParam();
  const EmailText mail = EmailOf(NotificationOf(c.alert, c.event));
  for (const std::string& s : c.in_subject)
    EXPECT_NE(mail.subject.find(s), std::string::npos) << s << "\n" << mail.subject;
  for (const std::string& s : c.in_body) EXPECT_NE(mail.body.find(s), std::string::npos) << s << "\n" << mail.body;
  for (const std::string& s : c.not_in_body) EXPECT_EQ(mail.body.find(s), std::string::npos) << s << "\n" << mail.body;
  EXPECT_NE(mail.body.find("How to acknowledge:"), std::string::npos);
}

TEST_P(MessageText, ChatText) {
  const TextCase& c = GetParam();
  const std::string text = ChatText(NotificationOf(c.alert, c.event));
  EXPECT_NE(text.find(std::string(EventName(c.event))), std::string::npos) << text;
  for (const std::string& s : c.in_body) EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
}

INSTANTIATE_TEST_SUITE_P(Alerts, MessageText, ::testing::ValuesIn(TextCases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(EmailOf, BodyNamesGradeSeriousnessCausalityAndEveryEvidenceLine) {
  const EmailText mail = EmailOf(NotificationOf(SaeAlert()));
  for (const char* line : {"Grade:      4", "Serious:    Y", "Causality:  AEREL_APATINIB = PROBABLY RELATED",
                           "AE 3 (version 2): AEDECOD = Oesophageal fistula", "AE 3 (version 2): AETOXGR = 4",
                           "AE 3 (version 2): AESER = Y", "Severity:   critical", "Why: serious (AESER = Y), grade 4",
                           "Cohort:     A", "Safety alert AL-1f2e3d4c5b6a7980 was raised."}) {
    EXPECT_NE(mail.body.find(line), std::string::npos) << line << "\n" << mail.body;
  }
}

TEST(EmailOf, WithdrawnEventGivesTheReasonAndAsksNothing) {
  nlohmann::json alert = SaeAlert();
  alert["state"] = "withdrawn";
  alert["withdrawn_at"] = "2026-02-03T08:00:00Z";
  alert["withdrawn_reason"] = "AE 3 downgraded to grade 2, not serious";
  const EmailText mail = EmailOf(NotificationOf(alert, Event::kWithdrawn));
  EXPECT_NE(mail.subject.find("withdrawn"), std::string::npos);
  EXPECT_NE(mail.body.find("Withdrawn at 2026-02-03T08:00:00Z: AE 3 downgraded to grade 2, not serious"),
            std::string::npos)
      << mail.body;
  EXPECT_EQ(mail.body.find("How to acknowledge"), std::string::npos) << mail.body;
  EXPECT_EQ(ChatText(NotificationOf(alert, Event::kWithdrawn)).find("vigilctl ack"), std::string::npos);
}

TEST(EmailOf, AcknowledgedEventSaysWhoAndWhen) {
  nlohmann::json alert = SaeAlert();
  alert["state"] = "acknowledged";
  alert["acknowledged_by"] = "dr.chen";
  alert["acknowledged_at"] = "2026-02-01T11:00:00Z";
  alert["ack_note"] = "reported to the sponsor";
  const EmailText mail = EmailOf(NotificationOf(alert, Event::kAcknowledged));
  EXPECT_NE(mail.body.find("Acknowledged by dr.chen at 2026-02-01T11:00:00Z: reported to the sponsor"),
            std::string::npos)
      << mail.body;
  EXPECT_EQ(mail.body.find("How to acknowledge"), std::string::npos);
}

TEST(EmailOf, EscalationNamesTheReceiverEscalatedTo) {
  const EmailText mail = EmailOf(NotificationOf(SaeAlert(), Event::kEscalated, "N-1", "medical-monitor"));
  EXPECT_NE(mail.body.find("was escalated to medical-monitor"), std::string::npos) << mail.body;
}

TEST(EmailOf, AlertTextCannotAddLines) {
  nlohmann::json alert = SaeAlert();
  alert["title"] = "Title\r\nBcc: someone@example.org";
  alert["subject"] = "S-1\nX";
  const EmailText mail = EmailOf(NotificationOf(alert));
  EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
  EXPECT_EQ(mail.subject.find('\r'), std::string::npos);
  EXPECT_NE(mail.body.find("Title  Bcc: someone@example.org\n"), std::string::npos) << mail.body;
}

TEST(ChatText, EvidenceIsCompactAndMentionsAreEscaped) {
  nlohmann::json alert = SaeAlert();
  alert["title"] = "<!channel> & co";
  const std::string text = ChatText(NotificationOf(alert));
  EXPECT_NE(text.find("AE 3: AEDECOD=Oesophageal fistula, AETOXGR=4, AESER=Y, AEREL_APATINIB=PROBABLY RELATED"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("&lt;!channel&gt; &amp; co"), std::string::npos) << text;
  EXPECT_EQ(text.find("<!channel>"), std::string::npos);
  EXPECT_NE(text.find("--by &lt;your name&gt;"), std::string::npos) << text;
}

TEST(ChatText, ClockShowsItsDueTime) {
  const std::string text = ChatText(NotificationOf(ClockAlert(), Event::kRaised));
  EXPECT_NE(text.find("Due: 2026-02-02T09:30:00Z"), std::string::npos) << text;
  EXPECT_NE(text.find("*HIGH sae_clock raised*"), std::string::npos) << text;
  EXPECT_NE(text.find("cohort A"), std::string::npos) << text;
  EXPECT_NE(text.find("subject ESCC-001-0003"), std::string::npos) << text;
}

struct AckCase {
  const char* name;
  nlohmann::json alert;
  std::string command;
};

// Test names and failure messages show the case by its name.
void PrintTo(const AckCase& c, std::ostream* os) { *os << c.name; }

class AckCommandTest : public ::testing::TestWithParam<AckCase> {};

TEST_P(AckCommandTest, Command) { EXPECT_EQ(AckCommand(GetParam().alert), GetParam().command); }

INSTANTIATE_TEST_SUITE_P(
    Alerts, AckCommandTest,
    ::testing::Values(AckCase{"sae", SaeAlert(), "vigilctl ack AL-1f2e3d4c5b6a7980 --by <your name>"},
                      AckCase{"stopping_rule_needs_note", StoppingRuleAlert(),
                              "vigilctl ack AL-9988776655443322 --by <your name> --note \"<decision>\""},
                      AckCase{"shell_characters_never_copied",
                              {{"id", "AL-1; rm -rf ~"}, {"kind", "sae"}},
                              "vigilctl ack <alert id> --by <your name>"},
                      AckCase{"substitution_never_copied",
                              {{"id", "$(reboot)"}, {"kind", "sae"}},
                              "vigilctl ack <alert id> --by <your name>"},
                      AckCase{"missing_id", {{"kind", "sae"}}, "vigilctl ack <alert id> --by <your name>"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(WebhookBody, IsExactlyEventReceiverAndTheAlert) {
  const nlohmann::json alert = SaeAlert();
  const std::string body = WebhookBody(NotificationOf(alert, Event::kRepeat, "N-7", "safety-desk"));
  const nlohmann::json parsed = nlohmann::json::parse(body);
  EXPECT_EQ(parsed, (nlohmann::json{{"event", "repeat"}, {"receiver", "safety-desk"}, {"alert", alert}}));
  // Compact, the event first as the product spec shows it.
  EXPECT_EQ(body.rfind("{\"event\":\"repeat\",\"receiver\":\"safety-desk\",\"alert\":{", 0), 0u) << body;
  EXPECT_EQ(body.find('\n'), std::string::npos);
}

TEST(Events, NamesRoundTrip) {
  for (Event e :
       {Event::kRaised, Event::kWithdrawn, Event::kRepeat, Event::kEscalated, Event::kOverdue, Event::kAcknowledged}) {
    EXPECT_EQ(ParseEvent(EventName(e)), e) << EventName(e);
  }
  EXPECT_EQ(EventName(Event::kAcknowledged), "acknowledged");
  EXPECT_EQ(ParseEvent("Raised"), std::nullopt);
  EXPECT_EQ(ParseEvent(""), std::nullopt);
  EXPECT_EQ(ParseEvent("invalid"), std::nullopt);
}

TEST(Outcomes, Names) {
  EXPECT_EQ(OutcomeName(Outcome::kDelivered), "delivered");
  EXPECT_EQ(OutcomeName(Outcome::kRetry), "retry");
  EXPECT_EQ(OutcomeName(Outcome::kFailed), "failed");
}

}  // namespace
}  // namespace vigil::notifiers
