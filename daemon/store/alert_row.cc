#include "daemon/store/alert_row.h"

#include "daemon/sha256.h"

namespace vigil::store {

std::string AlertId(std::string_view dedupe_key) { return "AL-" + Sha256Hex(dedupe_key).substr(0, 16); }

nlohmann::json AlertJson(const AlertRow& a) {
  auto text_or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  auto parse_or = [](const std::string& text, nlohmann::json fallback) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? fallback : j;
  };
  nlohmann::json evidence = parse_or(a.evidence, nlohmann::json::array());
  return {{"id", a.id},
          {"kind", a.kind},
          {"dedupe_key", a.dedupe_key},
          {"severity", a.severity},
          {"cohort", a.cohort},
          {"subject", text_or_null(a.subject)},
          {"title", a.title},
          {"evidence", std::move(evidence)},
          {"created_at", a.created_at},
          {"due_at", text_or_null(a.due_at)},
          {"state", a.state},
          {"trigger", a.trigger_id},
          {"level", a.level},
          {"reason", a.reason},
          {"acknowledged_by", text_or_null(a.acknowledged_by)},
          {"acknowledged_at", text_or_null(a.acknowledged_at)},
          {"ack_note", text_or_null(a.ack_note)},
          {"withdrawn_at", text_or_null(a.withdrawn_at)},
          {"withdrawn_reason", text_or_null(a.withdrawn_reason)},
          {"history", parse_or(a.history, nlohmann::json::array())},
          {"rule_state", parse_or(a.current_state, nlohmann::json())},
          {"merged_into", text_or_null(a.merged_into)}};
}

}  // namespace vigil::store
