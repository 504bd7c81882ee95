// When a failed delivery is tried again: exponential backoff with jitter,
// capped (product spec: retry.initial_seconds, retry.max_seconds). The n-th
// retry waits between half and all of min(max, initial * 2^(n-1)), so
// delays grow on average while two receivers that failed together do not
// retry in lockstep. Pure: the caller supplies the random draw and stores
// the result in the outbox row, so a restart keeps the schedule.
#pragma once

#include "config/notifiers.h"

namespace vigil::notifiers {

// `failures` >= 1: how many attempts have failed so far, this one included.
// `jitter` in [0, 1). Seconds.
double RetryDelaySeconds(const config::RetryPolicy& policy, int failures, double jitter);

}  // namespace vigil::notifiers
