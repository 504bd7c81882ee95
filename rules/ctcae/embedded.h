// The criteria files compiled into the binary: every rules/ctcae/<version>/
// *.json, keyed "<version folder>/<file>" (e.g. "v5.0/liver.json"). The
// definition is generated at build time by rules/CMakeLists.txt (vigil_embed),
// so a new version folder needs no code change. No I/O.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace vigil::ctcae {

const std::map<std::string, std::string_view>& CriteriaFiles();

}  // namespace vigil::ctcae
