#include "notifiers/transport.h"

#include <mutex>
#include <new>

namespace vigil::notifiers {
namespace {

// curl_global_init is not thread-safe and must run before the first handle
// (libcurl: "Global constants"); workers build their Transports
// concurrently, so the first one runs it for all. Never undone: handles may
// live until the process exits.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Transport::Transport() {
  InitCurlOnce();
  curl_ = curl_easy_init();
  if (curl_ == nullptr) throw std::bad_alloc();
}

Transport::~Transport() { curl_easy_cleanup(curl_); }

CURL* Transport::Fresh() {
  // Resets the options only: the connection cache, DNS cache and TLS
  // session cache stay with the handle.
  curl_easy_reset(curl_);
  return curl_;
}

}  // namespace vigil::notifiers
