#include "notifiers/http_post.h"

#include "notifiers/curl_options.h"
#include "notifiers/curl_outcome.h"

namespace vigil::notifiers {
namespace {

// The response body is not needed (its status decides) and must not reach
// standard output, libcurl's default.
std::size_t Discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

}  // namespace

DeliveryResult ClassifyHttpStatus(long status) {
  const std::string reason = "HTTP " + std::to_string(status);
  if (status >= 200 && status < 300) return DeliveryResult::Delivered();
  if (status == 408 || status == 429 || (status >= 500 && status < 600)) return DeliveryResult::Retry(reason);
  return DeliveryResult::Failed(reason);
}

DeliveryResult Post(Transport& transport, const HttpPost& post) {
  CurlList headers;
  bool headers_ok = headers.Append("Content-Type: application/json");
  // Without this libcurl sends "Expect: 100-continue" for bodies over 1 kB
  // and waits up to a second for an answer many receivers never give.
  headers_ok = headers_ok && headers.Append("Expect:");
  for (const std::string& h : post.headers) headers_ok = headers_ok && headers.Append(h);
  if (!headers_ok) return DeliveryResult::Retry("out of memory building the request");

  char error[CURL_ERROR_SIZE] = {};
  CURL* curl = transport.Fresh();
  const ResetOnExit reset(curl);
  const long timeout = post.timeout_ms > 0 ? post.timeout_ms : 5000;
  CurlOptions o(curl);
  o.Set(CURLOPT_ERRORBUFFER, error)
      .Set(CURLOPT_URL, post.url.c_str())
      .Set(CURLOPT_PROTOCOLS_STR, "http,https")
      .Set(CURLOPT_FOLLOWLOCATION, 0L)
      .Set(CURLOPT_POST, 1L)
      .Set(CURLOPT_POSTFIELDS, post.body.data())
      .Set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.body.size()))
      .Set(CURLOPT_HTTPHEADER, headers.get())
      .Set(CURLOPT_USERAGENT, "vigil")
      .Set(CURLOPT_TIMEOUT_MS, timeout)
      .Set(CURLOPT_CONNECTTIMEOUT_MS, timeout)
      // Worker threads: no SIGALRM for timeouts (libcurl, "Multi-threading
      // Issues").
      .Set(CURLOPT_NOSIGNAL, 1L)
      .Set(CURLOPT_TCP_NODELAY, 1L)
      .Set(CURLOPT_WRITEFUNCTION, &Discard);
  if (!post.ca_file.empty()) o.Set(CURLOPT_CAINFO, post.ca_file.c_str());
  if (o.error() != CURLE_OK) return TransferFailure(o.error(), error);

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) return TransferFailure(code, error);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  return ClassifyHttpStatus(status);
}

}  // namespace vigil::notifiers
