#include "daemon/http/auth.h"

#include <openssl/crypto.h>

#include "daemon/http/tokens.h"

namespace vigil::http {

bool SameTokenHash(std::string_view stored, std::string_view presented) {
  if (stored.size() != presented.size()) return false;  // lengths are public: both are SHA-256 hex
  return CRYPTO_memcmp(stored.data(), presented.data(), stored.size()) == 0;
}

Authenticator::Authenticator(std::string db_path, const Clock& clock) : db_path_(std::move(db_path)), clock_(clock) {}
Authenticator::~Authenticator() = default;

Result<std::optional<Caller>> Authenticator::Verify(std::string_view authorization) {
  std::optional<std::string_view> token = BearerToken(authorization);
  if (!token || !WellFormedToken(*token)) return std::optional<Caller>();
  const std::string hash = TokenSha256(*token);
  std::optional<store::TokenRow> row;
  {
    std::lock_guard lock(mutex_);
    if (!reader_) {
      auto reader = store::Reader::Open(db_path_);
      if (!reader.ok()) return reader.status();
      reader_ = std::move(*reader);
    }
    auto found = reader_->TokenByHash(hash);
    if (!found.ok()) {
      reader_.reset();  // opened again next time: the fault may clear
      return found.status();
    }
    row = std::move(*found);
  }
  if (!row || row->revoked() || !SameTokenHash(row->token_sha256, hash)) return std::optional<Caller>();
  std::optional<Role> role = ParseRole(row->role);
  if (!role) return Status::Corrupt("token '" + row->name + "' has an unknown role '" + row->role + "'");
  const std::string today = FormatTimestamp(clock_.Now()).substr(0, 10);
  if (row->last_used_on != today && on_first_use_of_day_) on_first_use_of_day_(row->name, today);
  return std::optional<Caller>(Caller{.token_name = row->name, .role = *role});
}

}  // namespace vigil::http
