// HMAC-SHA256 (RFC 2104, FIPS 198-1) for the webhook signature: a receiver
// holding the same secret recomputes it over the exact body bytes and drops
// what does not match.
#pragma once

#include <string>
#include <string_view>

namespace vigil::notifiers {

// The 64 lower-case hex digits of HMAC-SHA256(key, message). Any key length
// (keys longer than the block are hashed first, as RFC 2104 says).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace vigil::notifiers
