// The default category files compiled into the binary: every
// rules/categories/default/*.json keyed by its file name
// ("immune_related.json"). The definition is generated at build time by
// rules/CMakeLists.txt (vigil_embed). No I/O.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace vigil::categories {

const std::map<std::string, std::string_view>& DefaultFiles();

}  // namespace vigil::categories
