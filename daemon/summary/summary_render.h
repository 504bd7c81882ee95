// The bytes of a summary document as `vigilctl summary` prints it and
// `GET /api/v1/summary[.csv]` answers it: one function, so the two never
// differ by a byte.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace vigil {

enum class SummaryFormat { kJson, kCsv };

// JSON: indented by two spaces, then a newline; CSV: the tables of
// rules/summary (SummaryCsv).
std::string SummaryBytes(const nlohmann::json& document, SummaryFormat format);

}  // namespace vigil
