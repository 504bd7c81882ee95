#include "daemon/listings/quarantine_listing.h"

#include <nlohmann/json.hpp>

namespace vigil {

std::string QuarantineListingJson(std::span<const store::QuarantineRow> rows) {
  using nlohmann::json;
  json arr = json::array();
  for (const store::QuarantineRow& r : rows) {
    arr.push_back({{"id", r.id},
                   {"source", r.source},
                   {"file", r.batch_name},
                   {"record", r.position},
                   {"domain", r.domain},
                   {"usubjid", r.usubjid},
                   {"field", r.field},
                   {"reason", r.reason},
                   {"problems", json::parse(r.problems, nullptr, false)},
                   {"state", r.state},
                   {"created_at", r.created_at},
                   {"payload", r.payload}});
  }
  // A payload may hold bytes that are not UTF-8 (that may be why it was
  // rejected): replaced, never a broken document.
  return arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace vigil
