// The request line's target and the header names as handlers see them
// (Request::path, Request::query, Request::headers). Pure.
#pragma once

#include <string>
#include <string_view>

#include "daemon/http/http_types.h"
#include "rules/status.h"

namespace vigil::http {

// "%41" -> "A"; with `plus_is_space` (query components) '+' -> ' '.
// Invalid for a '%' not followed by two hex digits, or a decoded NUL.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Fills request.path (decoded) and request.query (each name and value
// decoded; the last of a repeated name wins) from an origin-form target
// ("/api/v1/summary?asof=2026-06-30"). Invalid, saying why, for another
// form or bad percent-encoding.
Status ParseTarget(std::string_view target, Request& request);

// Adds a header with its name in lower case; a repeated name's values are
// joined with ", " (RFC 9110 5.3), so a doubled Authorization is malformed.
void AddHeader(Request& request, std::string_view name, std::string_view value);

}  // namespace vigil::http
