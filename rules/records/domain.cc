#include "rules/records/domain.h"

namespace vigil {

std::string_view DomainName(Domain d) {
  switch (d) {
    case Domain::kDm: return "dm";
    case Domain::kEx: return "ex";
    case Domain::kAe: return "ae";
    case Domain::kLb: return "lb";
    case Domain::kVs: return "vs";
    case Domain::kEg: return "eg";
  }
  return "?";
}

std::optional<Domain> ParseDomain(std::string_view name) {
  for (Domain d : kAllDomains) {
    if (DomainName(d) == name) return d;
  }
  return std::nullopt;
}

std::string_view DomainKeyVariable(Domain d) {
  switch (d) {
    case Domain::kDm: return "";
    case Domain::kEx: return "EXSEQ";
    case Domain::kAe: return "AESPID";
    case Domain::kLb: return "LBSPID";
    case Domain::kVs: return "VSSPID";
    case Domain::kEg: return "EGSPID";
  }
  return "";
}

}  // namespace vigil
