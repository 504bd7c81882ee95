// FHIR intake's reading and mapping (rules/fhir): the body read as JSON as
// POST /fhir/Bundle reads it (fhir::ParseBody), the Bundle's
// entries (or the body as one resource) mapped to SDTM records, each
// validated as the pipeline does, its problems located by FHIRPath, and the
// response Bundle and OperationOutcome written as the handler writes them.
#include "daemon/http/fhir_intake.h"
#include "fuzz_support.h"
#include "rules/fhir/bundle.h"
#include "rules/fhir/mapped_resource.h"
#include "rules/text/utf8.h"

namespace {

using namespace vigil;
using fhir::Json;

fhir::EntryResponse Answer(const Json& resource, const fhir::FhirTrial& trial) {
  auto m = fhir::MapResource(resource, trial);
  if (!m.ok()) {
    VIGIL_FUZZ_CHECK(!m.status().message().empty(), "a resource refused without a reason");
    return {.status = "422 Unprocessable Entity",
            .location = std::nullopt,
            .issues = {{.severity = "error",
                        .code = "not-supported",
                        .diagnostics = m.status().message(),
                        .expression = "Bundle.entry[0].resource"}}};
  }
  fuzz::UseRecord(m->record);
  fhir::EntryResponse out{.status = "201 Created", .location = std::nullopt, .issues = {}};
  std::vector<Problem> problems = m->problems;
  for (const Problem& p : ValidateRecord(m->record, trial.vocabulary)) problems.push_back(p);
  for (const Problem& p : problems) {
    out.status = "422 Unprocessable Entity";
    out.issues.push_back({.severity = "error",
                          .code = "invalid",
                          .diagnostics = p.field + ": " + p.reason,
                          .expression = m->PathOf(p.field)});
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fhir::FhirTrial trial = http::FhirTrialOf(fuzz::ExampleConfig());
  const std::string_view body = fuzz::AsText(data, size);
  // What the handler refuses before reading JSON.
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return 0;
  if (vigil::text::FirstInvalidUtf8(body) != std::string_view::npos) return 0;
  auto read = fhir::ParseBody(body);
  if (!read.ok()) {
    VIGIL_FUZZ_CHECK(read.status().message().starts_with("not JSON: "), read.status().message());
    return 0;
  }
  const Json& parsed = *read;

  std::vector<fhir::EntryResponse> answers;
  fhir::BundleType type = fhir::BundleType::kBatch;
  if (auto bundle = fhir::ReadBundle(parsed); bundle.ok()) {
    type = bundle->type;
    for (const fhir::BundleEntry& entry : bundle->entries) {
      if (!entry.refused.empty()) {
        answers.push_back({.status = "400 Bad Request",
                           .location = std::nullopt,
                           .issues = {{.severity = "error",
                                       .code = "invalid",
                                       .diagnostics = entry.refused,
                                       .expression = entry.refused_expression}}});
        continue;
      }
      VIGIL_FUZZ_CHECK(entry.resource != nullptr, "an entry taken without its resource");
      answers.push_back(Answer(*entry.resource, trial));
    }
  } else {
    VIGIL_FUZZ_CHECK(!bundle.status().message().empty(), "a Bundle refused without a reason");
    answers.push_back(Answer(parsed, trial));  // POST /fhir/Observation, /fhir/AdverseEvent
  }
  (void)fhir::ResponseBundle(type, answers).dump();
  for (const fhir::EntryResponse& a : answers) (void)fhir::OperationOutcome(a.issues).dump();
  return 0;
}
