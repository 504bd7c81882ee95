// POST /fhir/Bundle (a FHIR R4 transaction or batch Bundle) and plain POST
// /fhir/Observation and /fhir/AdverseEvent: resources mapped to LB and AE
// records by rules/fhir (docs/fhir-conformance.md), one batch and one
// transaction per request, the reply after the commit.
//
// Bundle: 200 with a transaction-response / batch-response Bundle, one
// entry per request entry: 201 Created (a new record), 200 OK (a new
// version of a record, or an unchanged repeat), 202 Accepted (stored, held
// until the subject's DM record arrives; an OperationOutcome warning says
// so), 422 Unprocessable Entity (stored in quarantine; its OperationOutcome
// names each field, reason and FHIRPath), 400/422 for an entry that is not
// a record at all (no resource, another resource type). Malformed JSON or
// not a Bundle: 400 with an OperationOutcome, the body recorded as an
// unreadable delivery. A single resource: the entry's status is the HTTP
// status, its OperationOutcome the body.
#pragma once

#include "daemon/http/intake_delivery.h"
#include "rules/fhir/fhir_trial.h"

namespace vigil::http {

fhir::FhirTrial FhirTrialOf(const config::Config& config);

Response PostFhirBundle(IntakeContext& context, const fhir::FhirTrial& trial, const Request& request);
// `resource_type`: "Observation" or "AdverseEvent", the route's.
Response PostFhirResource(IntakeContext& context, const fhir::FhirTrial& trial, const Request& request,
                          const std::string& resource_type);

}  // namespace vigil::http
