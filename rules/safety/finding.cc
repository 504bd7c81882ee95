#include "rules/safety/finding.h"

namespace vigil::safety {

std::string DedupeKey(const std::string& identity, int level) { return identity + "|g" + std::to_string(level); }

}  // namespace vigil::safety
