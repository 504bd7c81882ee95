#include "notifiers/curl_outcome.h"

#include <string>

namespace vigil::notifiers {

DeliveryResult TransferFailure(CURLcode code, const char* error_buffer) {
  const std::string detail =
      (error_buffer != nullptr && *error_buffer != '\0') ? error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return DeliveryResult::Retry("timed out: " + detail);
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return DeliveryResult::Retry("couldn't connect: " + detail);
    // Retrying cannot help until the configuration changes.
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_NOT_BUILT_IN:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION: return DeliveryResult::Failed("cannot send as configured: " + detail);
    case CURLE_LOGIN_DENIED: return DeliveryResult::Failed("login denied: " + detail);
    default:
      // A dropped connection, a TLS handshake or certificate failure, a
      // protocol error: the peer or its operator may recover.
      return DeliveryResult::Retry("transfer failed: " + detail);
  }
}

}  // namespace vigil::notifiers
