#include "daemon/listings/alert_listing.h"

namespace vigil {

std::string AlertListingJson(std::span<const store::AlertRow> alerts) {
  nlohmann::json list = nlohmann::json::array();
  for (const store::AlertRow& a : alerts) list.push_back(store::AlertJson(a));
  return list.dump(2) + "\n";
}

}  // namespace vigil
