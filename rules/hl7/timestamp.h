// HL7 v2 timestamps (TS/DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ])
// as the ISO 8601 text SDTM --DTC variables carry (rules/records/iso_date.h):
// "20250314071500-0500" -> "2025-03-14T07:15:00-05:00". The precision sent is
// kept (a date stays a date) and so is the offset; nothing is converted to
// UTC or imputed. Pure.
#pragma once

#include <string>
#include <string_view>

#include "rules/status.h"

namespace vigil::hl7 {

// The ISO 8601 form, or why the text is not an HL7 timestamp (the date and
// time are range-checked as the --DTC validator checks them).
Result<std::string> TimestampToIso(std::string_view ts);

}  // namespace vigil::hl7
