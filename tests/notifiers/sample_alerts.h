// Alerts as `vigilctl alerts --format json` shows them, and notifications
// of them, for the channel tests: ids and clinical terms only.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "notifiers/notification.h"

namespace vigil::testing {

inline nlohmann::json Evidence(const std::string& domain, const std::string& key, const std::string& field,
                               const std::string& value, const std::string& version = "1") {
  return {{"domain", domain}, {"record_key", key}, {"version", version}, {"field", field}, {"value", value}};
}

// A serious AE of one subject.
inline nlohmann::json SaeAlert() {
  return {{"id", "AL-1f2e3d4c5b6a7980"},
          {"kind", "sae"},
          {"dedupe_key", "sae|A1|ESCC-001-0003|AE|3|g4"},
          {"severity", "critical"},
          {"cohort", "A"},
          {"subject", "ESCC-001-0003"},
          {"title", "SAE: Oesophageal fistula, grade 4 (ESCC-001-0003)"},
          {"evidence",
           nlohmann::json::array({Evidence("ae", "3", "AEDECOD", "Oesophageal fistula", "2"),
                                  Evidence("ae", "3", "AETOXGR", "4", "2"), Evidence("ae", "3", "AESER", "Y", "2"),
                                  Evidence("ae", "3", "AEREL_APATINIB", "PROBABLY RELATED", "2")})},
          {"created_at", "2026-02-01T09:30:00Z"},
          {"due_at", nullptr},
          {"state", "open"},
          {"trigger", "A1"},
          {"level", 4},
          {"reason", "serious (AESER = Y), grade 4"},
          {"acknowledged_by", nullptr},
          {"acknowledged_at", nullptr},
          {"ack_note", nullptr},
          {"withdrawn_at", nullptr},
          {"withdrawn_reason", nullptr}};
}

// A regulatory clock: a due time.
inline nlohmann::json ClockAlert() {
  nlohmann::json a = SaeAlert();
  a["id"] = "AL-00aa11bb22cc33dd";
  a["kind"] = "sae_clock";
  a["severity"] = "high";
  a["title"] = "SAE report to the sponsor due in 24 h (ESCC-001-0003)";
  a["due_at"] = "2026-02-02T09:30:00Z";
  return a;
}

// A stopping rule crossed in a cohort: no subject.
inline nlohmann::json StoppingRuleAlert() {
  return {{"id", "AL-9988776655443322"},
          {"kind", "stopping_rule"},
          {"dedupe_key", "stopping_rule|R3|B"},
          {"severity", "critical"},
          {"cohort", "B"},
          {"subject", nullptr},
          {"title", "Stopping rule R3 crossed in cohort B: 2 of 3 evaluable"},
          {"evidence", nlohmann::json::array({Evidence("ae", "1", "AEDECOD", "Gastric hemorrhage"),
                                              Evidence("ae", "7", "AEDECOD", "Gastric hemorrhage")})},
          {"created_at", "2026-02-10T08:00:00Z"},
          {"due_at", nullptr},
          {"state", "open"},
          {"trigger", "R3"},
          {"level", 1},
          {"reason", "Pr(p > 0.05) > 0.90"},
          {"acknowledged_by", nullptr},
          {"acknowledged_at", nullptr},
          {"ack_note", nullptr},
          {"withdrawn_at", nullptr},
          {"withdrawn_reason", nullptr}};
}

// 2026-02-01T10:00:00Z.
inline std::chrono::system_clock::time_point SampleAttemptTime() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1769940000));
}

inline notifiers::Notification NotificationOf(nlohmann::json alert, notifiers::Event event = notifiers::Event::kRaised,
                                              std::string id = "N-42", std::string receiver = "safety-desk") {
  return {.id = std::move(id),
          .event = event,
          .receiver = std::move(receiver),
          .alert = std::move(alert),
          .attempt_at = SampleAttemptTime()};
}

}  // namespace vigil::testing
