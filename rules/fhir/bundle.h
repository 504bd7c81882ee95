// A FHIR R4 Bundle of type transaction or batch as Vigil reads it, and the
// transaction-response / batch-response Bundle it answers with. Pure.
//
// Both types are read the same way (docs/fhir-conformance.md, "Bundle"):
// every entry is taken on its own, valid records stored and invalid ones
// quarantined, all in one database transaction, and each entry's answer
// says which. A transaction is therefore not all-or-nothing as FHIR has
// it: refusing a whole Bundle for one bad entry would lose the good ones,
// and nothing sent may be lost.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/status.h"

namespace vigil::fhir {

using Json = nlohmann::json;

enum class BundleType { kTransaction, kBatch };

struct BundleEntry {
  std::size_t index = 0;                // in Bundle.entry, from 0
  const Json* resource = nullptr;       // into the parsed Bundle
  std::string refused = {};             // why the entry is not taken at all, "" when it is
  std::string refused_expression = {};  // where, relative to the entry ("request.method")
};

struct BundleRequest {
  BundleType type = BundleType::kTransaction;
  std::vector<BundleEntry> entries;
};

// A request body as JSON, or Invalid naming why it is not: a syntax error
// (with its byte), or a number no double holds (1e400), which nlohmann
// reports as out_of_range rather than as a parse error, so a handler that
// caught parse errors only would fail with a 500 instead of refusing the
// body.
Result<Json> ParseBody(std::string_view body);

// Invalid (the reason) when `bundle` is not a Bundle of type transaction or
// batch, or its entry is not an array.
Result<BundleRequest> ReadBundle(const Json& bundle);

struct OutcomeIssue {
  std::string severity = "error";  // fatal | error | warning | information
  std::string code = "invalid";    // IssueType: invalid, required, value, not-supported, processing, informational
  std::string diagnostics;
  std::string expression;  // FHIRPath, e.g. "Bundle.entry[2].resource.valueQuantity"
};

Json OperationOutcome(const std::vector<OutcomeIssue>& issues);

struct EntryResponse {
  std::string status;  // "201 Created", "200 OK", "422 Unprocessable Entity", ...
  std::optional<std::string> location;
  std::vector<OutcomeIssue> issues;  // its OperationOutcome when not empty
};

// The transaction-response or batch-response Bundle, one entry per request
// entry in order.
Json ResponseBundle(BundleType type, const std::vector<EntryResponse>& entries);

}  // namespace vigil::fhir
