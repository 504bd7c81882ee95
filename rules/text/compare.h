// Comparing free text as people type it: surrounding spaces and letter case
// do not matter (units, actions taken, terms).
#pragma once

#include <string_view>

namespace vigil::text {

// `s` without the white space around it (std::isspace).
std::string_view Trim(std::string_view s);

// The same letters, ASCII case ignored.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);

}  // namespace vigil::text
