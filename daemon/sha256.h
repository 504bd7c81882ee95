// SHA-256 (OpenSSL) as lower-case hex: the identity of a delivery's bytes.
#pragma once

#include <string>
#include <string_view>

namespace vigil {

std::string Sha256Hex(std::string_view bytes);

}  // namespace vigil
