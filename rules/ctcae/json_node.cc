#include "rules/ctcae/json_node.h"

namespace vigil::ctcae::load {

std::optional<Decimal> DecimalValue(const Node& node) {
  if (node.json().is_number_integer()) return Decimal::Parse(node.json().dump());
  if (node.json().is_string()) {
    auto d = Decimal::Parse(node.json().get_ref<const std::string&>());
    if (!d) node.Error("\"" + node.json().get<std::string>() + "\" is not a decimal number");
    return d;
  }
  if (node.json().is_number_float()) {
    node.Error("write a decimal cut point as a string, e.g. \"1.5\", so it is read exactly");
  } else {
    node.Error("expected a decimal number written as a string, e.g. \"1.5\"");
  }
  return std::nullopt;
}

}  // namespace vigil::ctcae::load
