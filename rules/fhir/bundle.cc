#include "rules/fhir/bundle.h"

#include "rules/fhir/fhir_elements.h"

namespace vigil::fhir {

Result<Json> ParseBody(std::string_view body) {
  try {
    return Json::parse(body);
  } catch (const Json::exception& e) {  // parse_error, and out_of_range for 1e400
    return Status::Invalid(std::string("not JSON: ") + e.what());
  }
}

Result<BundleRequest> ReadBundle(const Json& bundle) {
  if (!bundle.is_object()) return Status::Invalid("the body is not a JSON object");
  const std::string resource_type = Text(Member(&bundle, "resourceType"));
  if (resource_type != "Bundle") {
    return Status::Invalid("resourceType is '" + resource_type + "', not Bundle");
  }
  const std::string type = Text(Member(&bundle, "type"));
  BundleRequest out;
  if (type == "transaction") {
    out.type = BundleType::kTransaction;
  } else if (type == "batch") {
    out.type = BundleType::kBatch;
  } else {
    return Status::Invalid("Bundle.type is '" + type + "': Vigil takes transaction and batch Bundles");
  }
  const Json* entries = Member(&bundle, "entry");
  if (entries && !entries->is_array()) return Status::Invalid("Bundle.entry is not an array");
  for (std::size_t i = 0; const Json* entry = Element(entries, i); ++i) {
    BundleEntry e{.index = i};
    const std::string method = Text(Member(Member(entry, "request"), "method"));
    e.resource = Member(entry, "resource");
    if (!entry->is_object()) {
      e.refused = "the entry is not a JSON object";
    } else if (!e.resource) {
      e.refused = "the entry has no resource";
      e.refused_expression = "resource";
    } else if (!method.empty() && method != "POST" && method != "PUT") {
      e.refused = "request.method " + method +
                  " is not taken: records are sent with POST or PUT; a result is withdrawn by sending it again with "
                  "status entered-in-error";
      e.refused_expression = "request.method";
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

Json OperationOutcome(const std::vector<OutcomeIssue>& issues) {
  Json list = Json::array();
  for (const OutcomeIssue& i : issues) {
    Json issue = {{"severity", i.severity}, {"code", i.code}, {"diagnostics", i.diagnostics}};
    if (!i.expression.empty()) issue["expression"] = Json::array({i.expression});
    list.push_back(std::move(issue));
  }
  return {{"resourceType", "OperationOutcome"}, {"issue", std::move(list)}};
}

Json ResponseBundle(BundleType type, const std::vector<EntryResponse>& entries) {
  Json list = Json::array();
  for (const EntryResponse& e : entries) {
    Json response = {{"status", e.status}};
    if (e.location) response["location"] = *e.location;
    if (!e.issues.empty()) response["outcome"] = OperationOutcome(e.issues);
    list.push_back({{"response", std::move(response)}});
  }
  return {{"resourceType", "Bundle"},
          {"type", type == BundleType::kTransaction ? "transaction-response" : "batch-response"},
          {"entry", std::move(list)}};
}

}  // namespace vigil::fhir
