// Setting a libcurl handle's options for one transfer. Options point at
// buffers of the frame that sets them (the body, the header list, the error
// buffer): ResetOnExit clears them all before that frame ends.
#pragma once

#include <curl/curl.h>

#include <string>

namespace vigil::notifiers {

// Sets curl options one after another and remembers the first that libcurl
// refused, so a channel checks once instead of after every call. Values
// must have the type the option takes (long, const char*, curl_slist*, ...).
class CurlOptions {
 public:
  explicit CurlOptions(CURL* curl) : curl_(curl) {}

  template <typename T>
  CurlOptions& Set(CURLoption option, T value) {
    if (error_ == CURLE_OK) error_ = curl_easy_setopt(curl_, option, value);
    return *this;
  }
  CURLcode error() const { return error_; }

 private:
  CURL* curl_;
  CURLcode error_ = CURLE_OK;
};

// Resets the handle's options (curl_easy_reset keeps its connection
// cache) when the scope ends. Declare it after the buffers it guards, so it
// runs before they go.
class ResetOnExit {
 public:
  explicit ResetOnExit(CURL* curl) : curl_(curl) {}
  ~ResetOnExit() { curl_easy_reset(curl_); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  CURL* curl_;
};

// A header or recipient list (curl_slist) owned by the frame.
class CurlList {
 public:
  CurlList() = default;
  ~CurlList() { curl_slist_free_all(list_); }
  CurlList(const CurlList&) = delete;
  CurlList& operator=(const CurlList&) = delete;

  // False when out of memory (the list is unchanged).
  [[nodiscard]] bool Append(const std::string& item) {
    curl_slist* grown = curl_slist_append(list_, item.c_str());
    if (grown == nullptr) return false;
    list_ = grown;
    return true;
  }
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace vigil::notifiers
