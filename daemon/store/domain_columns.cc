#include "daemon/store/domain_columns.h"

namespace vigil::store {
namespace {

constexpr std::string_view kDm[] = {"ARMCD",  "SITEID", "RFICDTC", "RFXSTDTC", "RFXENDTC",
                                    "DTHDTC", "DTHFL",  "AGE",     "SEX"};
constexpr std::string_view kEx[] = {"EXTRT", "EXSTDTC", "EXENDTC", "EXDOSE", "EXDOSU", "EXADJ"};
constexpr std::string_view kAe[] = {"AETERM",  "AEDECOD", "AEBODSYS", "AETOXGR", "AESER",  "AESDTH",
                                    "AESLIFE", "AESHOSP", "AESDISAB", "AESCONG", "AESMIE", "AESTDTC",
                                    "AEENDTC", "AEOUT",   "AEACN",    "AEREL",   "AEIRAE", "AEEXPECT"};
constexpr std::string_view kLb[] = {"LBTESTCD", "LBLOINC",  "LBSTRESN", "LBSTRESU", "LBORRES", "LBORRESU",
                                    "LBSTNRLO", "LBSTNRHI", "LBORNRLO", "LBORNRHI", "LBSPEC",  "LBDTC",
                                    "LBBLFL",   "LBLOBXFL", "LBSTAT",   "LBRESSTAT"};
constexpr std::string_view kVs[] = {"VSTESTCD", "VSSTRESN", "VSSTRESU", "VSDTC", "VSBLFL"};
constexpr std::string_view kEg[] = {"EGTESTCD", "EGSTRESN", "EGSTRESU", "EGDTC", "EGBLFL"};

}  // namespace

std::span<const std::string_view> DomainColumns(Domain d) {
  switch (d) {
    case Domain::kDm: return kDm;
    case Domain::kEx: return kEx;
    case Domain::kAe: return kAe;
    case Domain::kLb: return kLb;
    case Domain::kVs: return kVs;
    case Domain::kEg: return kEg;
  }
  return {};
}

}  // namespace vigil::store
