// The SDTM domains a feed can carry, and the key that identifies a record of
// each (product spec, "Spool directory" table).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace vigil {

enum class Domain { kDm, kEx, kAe, kLb, kVs, kEg };

inline constexpr std::array<Domain, 6> kAllDomains = {Domain::kDm, Domain::kEx, Domain::kAe,
                                                      Domain::kLb, Domain::kVs, Domain::kEg};

// "dm", "ex", ... as used in file names, JSON keys and URLs.
std::string_view DomainName(Domain d);
std::optional<Domain> ParseDomain(std::string_view lower_case_name);

// The variable that, with USUBJID, identifies a record: a later record with
// the same pair is a follow-up of it. DM is keyed by USUBJID alone (empty).
std::string_view DomainKeyVariable(Domain d);

}  // namespace vigil
