// A list as one line of a message: "ALT, AST, BILI".
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vigil::text {

// The items in order, separated; "" for none.
std::string Join(std::span<const std::string> items, std::string_view separator = ", ");

}  // namespace vigil::text
