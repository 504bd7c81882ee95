#include "notifiers/delivery_result.h"

namespace vigil::notifiers {

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kDelivered: return "delivered";
    case Outcome::kRetry: return "retry";
    case Outcome::kFailed: return "failed";
  }
  return "retry";
}

}  // namespace vigil::notifiers
