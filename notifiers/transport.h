// A worker's connection to the outside: one libcurl easy handle, reused from
// one delivery to the next so that its connection cache keeps connections
// to webhooks and mail servers open (libcurl: "reuse handles"). Owned by one
// worker thread; not thread-safe.
#pragma once

#include <curl/curl.h>

namespace vigil::notifiers {

class Transport {
 public:
  Transport();
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // The handle with every option reset to its default (curl_easy_reset),
  // its connection cache kept. Valid until the next call.
  CURL* Fresh();

 private:
  CURL* curl_;
};

}  // namespace vigil::notifiers
