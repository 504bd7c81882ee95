// The alert of a notification read for display: every field as one line of
// text. Tolerant by contract: a missing, null or mistyped key reads as "",
// a number as its digits, so a text can always be built and sent.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::notifiers {

// One record (and value) the alert rests on: a row of the alert's
// "evidence" array.
struct EvidenceLine {
  std::string domain;  // upper case: "AE", "LB"
  std::string record_key, version, field, value;
};

struct AlertView {
  std::string id, kind, severity, cohort, subject, title, created_at, due_at, state, trigger, reason;
  std::string acknowledged_by, acknowledged_at, ack_note, withdrawn_at, withdrawn_reason;
  std::vector<EvidenceLine> evidence;
};

AlertView ViewOf(const nlohmann::json& alert);

// `text` with every control character (CR and LF included) turned into a
// space: alert text can never start a new header, line or command.
std::string OneLine(std::string_view text);

}  // namespace vigil::notifiers
