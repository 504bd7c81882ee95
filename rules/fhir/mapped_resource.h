// A FHIR resource read as a feed record (Observation -> LB, AdverseEvent ->
// AE), with what kept it from being a valid one. Pure: no I/O.
//
// A resource that is an Observation or an AdverseEvent always gives a
// record, so that nothing sent is lost: what could be read of it, with the
// problems found; the pipeline then quarantines it (and alerts on what can
// be read of a serious AE, as for any feed). Only what is not a record of
// ours at all (another resource type, no object) is refused outright.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rules/fhir/fhir_trial.h"
#include "rules/records/record.h"
#include "rules/records/validate.h"
#include "rules/status.h"

namespace vigil::fhir {

using Json = nlohmann::json;

struct MappedResource {
  std::string resource_type;  // "Observation" | "AdverseEvent"
  Record record;              // payload: the resource as sent (compact JSON)
  // Why the record cannot be accepted as it is; empty when the mapping
  // found nothing wrong (the pipeline still validates it).
  std::vector<Problem> problems;
  // For each SDTM variable, the FHIRPath (relative to the resource, e.g.
  // "valueQuantity.value") of the element it comes from, or should have
  // come from: where an OperationOutcome points for a problem of that
  // variable. "" for what is not in the resource (STUDYID).
  std::map<std::string, std::string> paths;

  // The path of a problem's variable, relative to the resource ("" when it
  // has none: the resource itself).
  std::string PathOf(const std::string& field) const;
};

// Observation -> LB and AdverseEvent -> AE (docs/fhir-conformance.md).
MappedResource MapObservation(const Json& resource, const FhirTrial& trial);
MappedResource MapAdverseEvent(const Json& resource, const FhirTrial& trial);

// By resourceType; Invalid (the reason) for anything that is not an object
// of one of those two types.
Result<MappedResource> MapResource(const Json& resource, const FhirTrial& trial);

}  // namespace vigil::fhir
