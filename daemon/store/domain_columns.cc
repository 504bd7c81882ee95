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

std::string_view DatedVariable(Domain d) {
  switch (d) {
    case Domain::kDm: return "RFICDTC";
    case Domain::kEx: return "EXSTDTC";
    case Domain::kAe: return "AESTDTC";
    case Domain::kLb: return "LBDTC";
    case Domain::kVs: return "VSDTC";
    case Domain::kEg: return "EGDTC";
  }
  return {};
}

std::string DatedKey(std::string_view value) {
  // SQLite's substr() steps a character at a time: a byte at or above 0xC0
  // takes the continuation bytes (10xxxxxx) after it; a NUL ends the text.
  std::size_t end = 0;
  for (int n = 0; n < 10 && end < value.size() && value[end] != '\0'; ++n) {
    if (static_cast<unsigned char>(value[end++]) < 0xC0) continue;
    while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) ++end;
  }
  if (end < value.size() && value[end] != '\0' && static_cast<unsigned char>(value[end]) >= '~') {
    return std::string(value);
  }
  return std::string(value.substr(0, end));
}

}  // namespace vigil::store
