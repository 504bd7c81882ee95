#include "notifiers/alert_view.h"

#include <cctype>

namespace vigil::notifiers {
namespace {

std::string Field(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return OneLine(it->get_ref<const std::string&>());
  return OneLine(it->dump());
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

AlertView ViewOf(const nlohmann::json& a) {
  AlertView v{.id = Field(a, "id"),
              .kind = Field(a, "kind"),
              .severity = Field(a, "severity"),
              .cohort = Field(a, "cohort"),
              .subject = Field(a, "subject"),
              .title = Field(a, "title"),
              .created_at = Field(a, "created_at"),
              .due_at = Field(a, "due_at"),
              .state = Field(a, "state"),
              .trigger = Field(a, "trigger"),
              .reason = Field(a, "reason"),
              .acknowledged_by = Field(a, "acknowledged_by"),
              .acknowledged_at = Field(a, "acknowledged_at"),
              .ack_note = Field(a, "ack_note"),
              .withdrawn_at = Field(a, "withdrawn_at"),
              .withdrawn_reason = Field(a, "withdrawn_reason"),
              .evidence = {}};
  if (a.is_object()) {
    const auto it = a.find("evidence");
    if (it != a.end() && it->is_array()) {
      for (const nlohmann::json& e : *it) {
        v.evidence.push_back({.domain = Upper(Field(e, "domain")),
                              .record_key = Field(e, "record_key"),
                              .version = Field(e, "version"),
                              .field = Field(e, "field"),
                              .value = Field(e, "value")});
      }
    }
  }
  return v;
}

}  // namespace vigil::notifiers
