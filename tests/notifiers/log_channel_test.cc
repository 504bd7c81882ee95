#include "notifiers/log_channel.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "notifiers/log_text.h"
#include "notifiers/transport.h"
#include "tests/notifiers/sample_alerts.h"

namespace vigil::notifiers {
namespace {

using testing::ClockAlert;
using testing::NotificationOf;
using testing::SaeAlert;
using testing::StoppingRuleAlert;

TEST(LogLine, Format) {
  EXPECT_EQ(LogLine(NotificationOf(SaeAlert())),
            "alert AL-1f2e3d4c5b6a7980 raised [critical] sae cohort A subject ESCC-001-0003: "
            "SAE: Oesophageal fistula, grade 4 (ESCC-001-0003)");
  EXPECT_EQ(LogLine(NotificationOf(ClockAlert(), Event::kOverdue)),
            "alert AL-00aa11bb22cc33dd overdue [high] sae_clock cohort A subject ESCC-001-0003: "
            "SAE report to the sponsor due in 24 h (ESCC-001-0003) (due 2026-02-02T09:30:00Z)");
  EXPECT_EQ(LogLine(NotificationOf(StoppingRuleAlert())),
            "alert AL-9988776655443322 raised [critical] stopping_rule cohort B: "
            "Stopping rule R3 crossed in cohort B: 2 of 3 evaluable");
  nlohmann::json withdrawn = SaeAlert();
  withdrawn["cohort"] = "";
  withdrawn["withdrawn_reason"] = "corrected to grade 2";
  // Ids, codes and the title: the reason stays in the database.
  EXPECT_EQ(LogLine(NotificationOf(withdrawn, Event::kWithdrawn)),
            "alert AL-1f2e3d4c5b6a7980 withdrawn [critical] sae cohort - subject ESCC-001-0003: "
            "SAE: Oesophageal fistula, grade 4 (ESCC-001-0003)");
}

TEST(LogLine, FeedTextIsEscapedAndBounded) {
  nlohmann::json forged = SaeAlert();
  forged["title"] = std::string("SAE: Rash\n2026-01-01 00:00:00 critical forged\x1b[2J\xff");
  forged["subject"] = std::string(1 << 20, 'S');
  const std::string line = LogLine(NotificationOf(forged));
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_NE(line.find(" subject " + std::string(kLogTextMax, 'S') + "...(1048576 bytes): SAE: Rash"), std::string::npos)
      << line.substr(0, 300);
  EXPECT_LT(line.size(), 1000u);
}

TEST(LogChannel, OneLinePerNotificationAtItsLevel) {
  std::ostringstream out;
  auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_pattern("%l %v");
  logger->set_level(spdlog::level::trace);
  const LogChannel channel(logger);
  EXPECT_EQ(channel.address(), "log");
  Transport transport;  // the log channel never uses it
  const struct {
    Event event;
    const char* level;
  } cases[] = {{Event::kRaised, "warning"},  {Event::kRepeat, "warning"}, {Event::kEscalated, "warning"},
               {Event::kOverdue, "warning"}, {Event::kWithdrawn, "info"}, {Event::kAcknowledged, "info"}};
  for (const auto& c : cases) {
    out.str("");
    const Notification n = NotificationOf(SaeAlert(), c.event);
    const DeliveryResult r = channel.Deliver(n, transport);
    EXPECT_EQ(r.outcome, Outcome::kDelivered);
    EXPECT_EQ(out.str(), std::string(c.level) + " " + LogLine(n) + "\n");
  }
}

}  // namespace
}  // namespace vigil::notifiers
