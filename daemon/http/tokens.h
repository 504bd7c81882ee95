// Bearer tokens of the HTTP API: how one is made, named, hashed and read
// from an Authorization header. Only the hash is ever stored or compared
// (daemon/store/token_row.h); the token itself is printed once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/status.h"

namespace vigil::http {

// "vgl_" and 43 characters of base64url: 256 random bits from the kernel
// (getrandom(2)), so a token cannot be guessed, and the prefix lets secret
// scanners and operators recognise one.
inline constexpr std::string_view kTokenPrefix = "vgl_";
Result<std::string> NewToken();

// The SHA-256 of the token's text, lower-case hex: what the store keeps.
std::string TokenSha256(std::string_view token);

// Whether `token` has the shape NewToken gives. Anything else is refused
// before a hash is computed or the store is asked.
bool WellFormedToken(std::string_view token);

// The token of an "Authorization: Bearer TOKEN" header value (the scheme is
// case-insensitive, RFC 7235); nullopt when the value has another scheme,
// no token, or more than one.
std::optional<std::string_view> BearerToken(std::string_view authorization);

// A token's name appears in request logs and as who acknowledged an alert:
// 1 to 64 of letters, digits, '.', '_', '-', '@'. "" when `name` is fine,
// otherwise why not.
std::string TokenNameProblem(std::string_view name);

}  // namespace vigil::http
