// Conditional GET (RFC 9110 §13.1.2): whether a request's If-None-Match
// names the representation the server would send, so that it answers 304.
#pragma once

#include <string_view>

namespace vigil::http {

// True when `if_none_match` is "*" or a comma-separated list holding
// `etag`; If-None-Match uses the weak comparison, so W/"x" matches "x".
bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag);

}  // namespace vigil::http
