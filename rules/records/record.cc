#include "rules/records/record.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vigil {

std::string_view Record::Get(std::string_view name) const {
  for (const Field& f : fields) {
    if (f.name == name) return f.value;
  }
  return {};
}

std::string_view Record::key() const {
  std::string_view var = DomainKeyVariable(domain);
  return var.empty() ? usubjid() : Get(var);
}

std::string Record::CanonicalJson() const {
  // nlohmann::json objects are std::map-backed: keys come out sorted.
  nlohmann::json j = nlohmann::json::object();
  for (const Field& f : fields) {
    if (!f.value.empty()) j[f.name] = f.value;
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace vigil
