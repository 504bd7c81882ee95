// How one delivery attempt ended: exactly one of delivered, retry later
// (the peer or the network may recover) or failed for good (the peer
// refused this notification and would refuse it again), with the reason.
#pragma once

#include <string>

namespace vigil::notifiers {

enum class Outcome { kDelivered, kRetry, kFailed };

struct DeliveryResult {
  Outcome outcome = Outcome::kRetry;
  // Empty when delivered; else what the peer or the transport said, e.g.
  // "HTTP 503", "SMTP 550 mailbox unavailable", "connection refused
  // (couldn't connect to server)". Never patient data.
  std::string reason;

  static DeliveryResult Delivered() { return {Outcome::kDelivered, ""}; }
  static DeliveryResult Retry(std::string why) { return {Outcome::kRetry, std::move(why)}; }
  static DeliveryResult Failed(std::string why) { return {Outcome::kFailed, std::move(why)}; }
};

std::string_view OutcomeName(Outcome outcome);  // "delivered", "retry", "failed"

}  // namespace vigil::notifiers
