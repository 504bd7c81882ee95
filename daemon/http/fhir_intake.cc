#include "daemon/http/fhir_intake.h"

#include <nlohmann/json.hpp>

#include "rules/fhir/bundle.h"
#include "rules/fhir/mapped_resource.h"
#include "rules/text/utf8.h"

namespace vigil::http {
namespace {

using Json = nlohmann::json;
constexpr const char* kFhirJson = "application/fhir+json";

Response OutcomeResponse(int status, const std::vector<fhir::OutcomeIssue>& issues) {
  return {.status = status, .content_type = kFhirJson, .body = fhir::OperationOutcome(issues).dump(), .headers = {}};
}

Response FhirError(int status, const std::string& message) {
  return OutcomeResponse(status, {{.severity = "error",
                                   .code = status == 503 ? "transient" : (status == 422 ? "conflict" : "invalid"),
                                   .diagnostics = message,
                                   .expression = {}}});
}

// One entry that became a record: its mapping and where its answer goes.
struct MappedEntry {
  std::size_t entry = 0;  // index in the request's entries
  fhir::MappedResource mapped;
};

std::string Expression(const std::string& prefix, const std::string& path) {
  return path.empty() ? prefix : prefix + "." + path;
}

// The answer of one stored record.
fhir::EntryResponse EntryAnswer(const MappedEntry& e, const RecordOutcome& r, const std::string& prefix) {
  fhir::EntryResponse out;
  const std::string key(e.mapped.record.key());
  const std::string identifier = e.mapped.resource_type + "?identifier=" + key;
  switch (r.fate) {
    case RecordFate::kAccepted:
      out.status = "201 Created";
      out.location = identifier;
      break;
    case RecordFate::kFollowUp:
    case RecordFate::kUnchanged:
      out.status = "200 OK";
      out.location = identifier;
      if (r.fate == RecordFate::kUnchanged) {
        out.issues.push_back({.severity = "information",
                              .code = "informational",
                              .diagnostics = "the same as the record's current version: nothing changed",
                              .expression = prefix});
      }
      break;
    case RecordFate::kHeld:
      out.status = "202 Accepted";
      for (const Problem& p : r.problems) {
        out.issues.push_back({.severity = "warning",
                              .code = "processing",
                              .diagnostics = p.field + ": " + p.reason,
                              .expression = Expression(prefix, e.mapped.PathOf(p.field))});
      }
      break;
    case RecordFate::kQuarantined:
      out.status = "422 Unprocessable Entity";
      for (const Problem& p : r.problems) {
        out.issues.push_back(
            {.severity = "error",
             .code = "invalid",
             .diagnostics = (p.field.empty() ? "" : p.field + ": ") + p.reason + " (the record is kept in quarantine)",
             .expression = Expression(prefix, e.mapped.PathOf(p.field))});
      }
      break;
  }
  return out;
}

int HttpStatusOf(const std::string& entry_status) { return std::stoi(entry_status.substr(0, 3)); }

// Reads, maps and commits the resources; `single` answers one resource
// without a Bundle around it.
Response Deliver(IntakeContext& context, const fhir::FhirTrial& trial, const Request& request,
                 const std::string& single) {
  Delivery delivery(context, request, FhirError);
  if (auto answer = delivery.Replay()) return *answer;
  const std::string& body = request.body;
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return FhirError(400, "the body is empty");
  auto unreadable = [&](const std::string& reason) {
    return delivery.Unreadable(reason, FhirError(400, reason + "; the delivery is recorded as unreadable (batch " +
                                                          delivery.info().name + ")"));
  };
  if (std::size_t bad = text::FirstInvalidUtf8(body); bad != std::string::npos) {
    return unreadable("not UTF-8 text: invalid byte at offset " + std::to_string(bad));
  }
  auto body_json = fhir::ParseBody(body);
  if (!body_json.ok()) return unreadable(body_json.status().message());
  Json parsed = std::move(*body_json);

  fhir::BundleRequest bundle;
  std::string prefix_of_entry;  // "Bundle.entry[i].resource", or the resource type
  if (single.empty()) {
    auto read = fhir::ReadBundle(parsed);
    if (!read.ok()) return unreadable(read.status().message());
    bundle = std::move(*read);
  } else {
    const std::string type = parsed.is_object() && parsed.contains("resourceType") && parsed["resourceType"].is_string()
                                 ? parsed["resourceType"].get<std::string>()
                                 : "";
    if (type != single) {
      return unreadable("the body is not a FHIR " + single + " resource (resourceType '" + type + "')");
    }
    bundle.entries.push_back({.index = 0, .resource = &parsed, .refused = {}, .refused_expression = {}});
  }
  auto prefix = [&](std::size_t index) {
    return single.empty() ? "Bundle.entry[" + std::to_string(index) + "].resource" : single;
  };

  std::vector<fhir::EntryResponse> answers(bundle.entries.size());
  std::vector<MappedEntry> mapped;
  std::vector<InboundRecord> records;
  for (std::size_t i = 0; i < bundle.entries.size(); ++i) {
    const fhir::BundleEntry& entry = bundle.entries[i];
    const std::string entry_path = "Bundle.entry[" + std::to_string(entry.index) + "]";
    if (!entry.refused.empty()) {
      answers[i] = {.status = "400 Bad Request",
                    .location = std::nullopt,
                    .issues = {{.severity = "error",
                                .code = "invalid",
                                .diagnostics = entry.refused,
                                .expression = Expression(entry_path, entry.refused_expression)}}};
      continue;
    }
    auto m = fhir::MapResource(*entry.resource, trial);
    if (!m.ok()) {
      answers[i] = {.status = "422 Unprocessable Entity",
                    .location = std::nullopt,
                    .issues = {{.severity = "error",
                                .code = "not-supported",
                                .diagnostics = m.status().message() + " (not stored)",
                                .expression = prefix(entry.index)}}};
      continue;
    }
    m->record.position = entry.index + 1;
    InboundRecord in{.record = m->record, .parse_problems = m->problems};
    records.push_back(std::move(in));
    mapped.push_back({.entry = i, .mapped = std::move(*m)});
  }

  const fhir::BundleType type = bundle.type;
  return delivery.Commit(std::move(records), [&](const BatchOutcome& out) {
    std::vector<fhir::EntryResponse> all = answers;
    for (std::size_t k = 0; k < mapped.size() && k < out.records.size(); ++k) {
      all[mapped[k].entry] = EntryAnswer(mapped[k], out.records[k], prefix(bundle.entries[mapped[k].entry].index));
    }
    if (!single.empty()) {
      const fhir::EntryResponse& only = all.front();
      std::vector<fhir::OutcomeIssue> issues = only.issues;
      if (issues.empty()) {
        issues.push_back({.severity = "information",
                          .code = "informational",
                          .diagnostics = "stored: " + only.status + " (batch " + std::to_string(out.batch_id) + ")",
                          .expression = single});
      }
      Response r = OutcomeResponse(HttpStatusOf(only.status), issues);
      if (only.location) r.headers.emplace_back("Location", *only.location);
      return r;
    }
    return Response{
        .status = 200, .content_type = kFhirJson, .body = fhir::ResponseBundle(type, all).dump(), .headers = {}};
  });
}

}  // namespace

fhir::FhirTrial FhirTrialOf(const config::Config& config) {
  fhir::FhirTrial trial{.vocabulary = config.Vocabulary(), .treatments = {}};
  for (const config::Treatment& t : config.treatments) trial.treatments.push_back({t.id, t.name});
  return trial;
}

Response PostFhirBundle(IntakeContext& context, const fhir::FhirTrial& trial, const Request& request) {
  return Deliver(context, trial, request, "");
}

Response PostFhirResource(IntakeContext& context, const fhir::FhirTrial& trial, const Request& request,
                          const std::string& resource_type) {
  return Deliver(context, trial, request, resource_type);
}

}  // namespace vigil::http
