// One HTTP POST of a JSON body on a worker's Transport, classified as the
// product spec says for webhooks and chat hooks: 2xx delivered; timeouts,
// connection errors, 408, 429 and 5xx retried; any other status (other
// 4xx, and 3xx: redirects are never followed) failed for good.
#pragma once

#include <string>
#include <vector>

#include "notifiers/delivery_result.h"
#include "notifiers/transport.h"

namespace vigil::notifiers {

struct HttpPost {
  std::string url;  // http:// or https:// only: any other scheme fails
  std::string body;
  std::vector<std::string> headers;  // "Name: value", besides Content-Type: application/json
  int timeout_ms = 5000;             // the whole attempt, connecting included
  std::string ca_file;               // "" = the system's CA store
};

// Blocking; never throws. Reasons: "HTTP 503", "couldn't connect: ...".
DeliveryResult Post(Transport& transport, const HttpPost& post);

DeliveryResult ClassifyHttpStatus(long status);

}  // namespace vigil::notifiers
