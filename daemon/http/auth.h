// Who is calling: the bearer token of a request, verified against the
// tokens table (migration 11) on every request, so a token created or
// revoked with vigilctl counts from the next request on.
//
// The table is looked up by the token's SHA-256 through an index; the hash
// found is then compared with the one computed in constant time
// (CRYPTO_memcmp). What timing the index lookup leaks is about a hash of an
// unguessable token, which tells nothing about any stored token.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/clock.h"
#include "daemon/http/http_types.h"
#include "daemon/store/reader.h"
#include "rules/status.h"

namespace vigil::http {

// Whether a stored hash equals the hash of the presented token, in time that
// does not depend on where they differ.
bool SameTokenHash(std::string_view stored, std::string_view presented);

class Authenticator {
 public:
  // `db_path`: the daemon's database; its own read connection is opened on
  // first use (and again after an error).
  Authenticator(std::string db_path, const Clock& clock);
  ~Authenticator();

  // The caller the Authorization header's value names; nullopt when it
  // names none (absent, malformed, unknown or revoked: the router answers
  // 401). An error when the tokens cannot be read (the server answers 503:
  // a store fault is not the client's).
  // Thread-safe.
  Result<std::optional<Caller>> Verify(std::string_view authorization);

  // Told, on the verifying thread, when a token is used on a day (UTC) other
  // than the one stored as its last use; the daemon records it through the
  // write connection on its loop.
  void SetOnFirstUseOfDay(std::function<void(const std::string& name, const std::string& day)> f) {
    on_first_use_of_day_ = std::move(f);
  }

 private:
  std::string db_path_;
  const Clock& clock_;
  std::mutex mutex_;
  std::unique_ptr<store::Reader> reader_;
  std::function<void(const std::string&, const std::string&)> on_first_use_of_day_;
};

}  // namespace vigil::http
