#include "rules/records/domain.h"

#include "rules/name_table.h"

namespace vigil {

namespace {

constexpr auto kDomainNames = NameTable<Domain>({
    {Domain::kDm, "dm"},
    {Domain::kEx, "ex"},
    {Domain::kAe, "ae"},
    {Domain::kLb, "lb"},
    {Domain::kVs, "vs"},
    {Domain::kEg, "eg"},
});
static_assert(kDomainNames.size() == kAllDomains.size());

}  // namespace

std::string_view DomainName(Domain d) { return kDomainNames.Name(d, "?"); }

std::optional<Domain> ParseDomain(std::string_view name) { return kDomainNames.Parse(name); }

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
