// How a libcurl transfer that did not complete is classified (product spec,
// "Notifiers"): timeouts and connection errors are retried; a request that
// can never work as configured (a malformed URL, a protocol this build of
// libcurl lacks, a login the server denies) fails for good.
#pragma once

#include <curl/curl.h>

#include "notifiers/delivery_result.h"

namespace vigil::notifiers {

// `error_buffer` is the handle's CURLOPT_ERRORBUFFER (may be empty); the
// reason reads "couldn't connect: Failed to connect to 127.0.0.1 port 8 ...",
// "timed out: ...", "login denied: ...", "transfer failed: ...".
DeliveryResult TransferFailure(CURLcode code, const char* error_buffer);

}  // namespace vigil::notifiers
