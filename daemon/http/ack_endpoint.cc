#include "daemon/http/ack_endpoint.h"

#include <nlohmann/json.hpp>

#include "daemon/http/read_api.h"

namespace vigil::http {
namespace {

// The note from the body; an error response when the body is not what the
// endpoint takes. An empty body is no note.
std::variant<std::string, Response> ParseNote(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::string();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
    return ErrorResponse(400, "body: malformed JSON: " + std::string(e.what()));
  }
  if (!doc.is_object()) return ErrorResponse(400, "body: must be a JSON object such as {\"note\": \"...\"}");
  std::string note;
  for (const auto& [key, value] : doc.items()) {
    if (key != "note") return ErrorResponse(400, "body: unknown key '" + key + "' (only \"note\" is taken)");
    if (!value.is_string() && !value.is_null()) return ErrorResponse(400, "note: must be a string");
    if (value.is_string()) note = value.get<std::string>();
  }
  return note;
}

}  // namespace

Response AckAlert(const Request& request, store::Store& store, const Clock& clock) {
  if (!request.caller) return ErrorResponse(401, "a valid bearer token is required");
  auto note = ParseNote(request.body);
  if (Response* refused = std::get_if<Response>(&note)) return std::move(*refused);
  const std::string id = request.params.count("id") ? request.params.at("id") : "";
  auto alert = store.AlertById(id);
  if (!alert.ok()) return StatusResponse(alert.status());
  if (!*alert) return ErrorResponse(404, "no alert " + id);
  if ((*alert)->state != "open") {
    return ErrorResponse(409, "alert " + id + " is " + (*alert)->state + ", not open");
  }
  const std::string& text = std::get<std::string>(note);
  if ((*alert)->kind == "stopping_rule" && text.empty()) {
    return ErrorResponse(
        400, "alert " + id + " is a stopping-rule crossing: acknowledge it with a note (the decision taken)");
  }
  const std::string now = FormatTimestamp(clock.Now());
  if (Status s = store.AcknowledgeAlert(id, request.caller->token_name, text, now); !s.ok()) {
    return StatusResponse(s);
  }
  auto after = store.AlertById(id);
  if (!after.ok() || !*after)
    return StatusResponse(after.ok() ? Status::Io("alert " + id + " vanished") : after.status());
  return JsonResponse(store::AlertJson(**after).dump(2) + "\n");
}

}  // namespace vigil::http
