// A feed record as received: the SDTM variables of one row, in the order the
// producer sent them, before anything is derived from them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/records/domain.h"

namespace vigil {

struct Field {
  std::string name;   // SDTM variable name, upper case (USUBJID, AETOXGR, ...)
  std::string value;  // as sent; "" when absent or empty
};

struct Record {
  Domain domain = Domain::kDm;
  std::size_t position = 0;  // 1-based record number within its batch (file, message, request)
  std::string payload;       // the bytes as received (a CSV row, a JSON line, an OBX segment)
  std::vector<Field> fields;

  // The value of a variable, or "" when the record does not carry it.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const { return !Get(name).empty(); }

  std::string_view usubjid() const { return Get("USUBJID"); }
  // The domain key value (EXSEQ, AESPID, ...); USUBJID for DM.
  std::string_view key() const;

  // A canonical text of the fields (sorted by name, empty values left out) as
  // a JSON object. Two records are the same finding exactly when their
  // canonical texts are equal: column order and blank columns do not matter.
  std::string CanonicalJson() const;
};

}  // namespace vigil
