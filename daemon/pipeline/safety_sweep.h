// The timers' safety sweep: regulatory clock notices due now, and the
// stopping rules as of today (patients become evaluable as days pass), in
// a transaction of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/store/store.h"

namespace vigil {

class SafetySweep {
 public:
  SafetySweep(store::Store& store, const config::Config& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // Returns when the next clock notice falls due.
  Result<std::optional<std::int64_t>> Run();

 private:
  store::Store& store_;
  const config::Config& config_;
  const Clock& clock_;
  std::string rules_evaluated_on_;  // the date the last sweep evaluated the stopping rules
};

}  // namespace vigil
