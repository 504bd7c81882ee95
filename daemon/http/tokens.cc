#include "daemon/http/tokens.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "daemon/sha256.h"

namespace vigil::http {
namespace {

constexpr std::size_t kRandomBytes = 32;
// base64url without padding of kRandomBytes.
constexpr std::size_t kEncodedChars = (kRandomBytes * 8 + 5) / 6;

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool IsBase64Url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::string Base64Url(const unsigned char* bytes, std::size_t n) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(acc << (6 - bits)) & 0x3F]);
  return out;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

Result<std::string> NewToken() {
  std::array<unsigned char, kRandomBytes> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    // Blocks only until the kernel's pool is initialised (early boot).
    const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Io(std::string("getrandom: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  return std::string(kTokenPrefix) + Base64Url(bytes.data(), bytes.size());
}

std::string TokenSha256(std::string_view token) { return Sha256Hex(token); }

bool WellFormedToken(std::string_view token) {
  if (token.size() != kTokenPrefix.size() + kEncodedChars || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return false;
  }
  for (char c : token.substr(kTokenPrefix.size())) {
    if (!IsBase64Url(c)) return false;
  }
  return true;
}

std::optional<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  std::size_t i = 0;
  while (i < authorization.size() && authorization[i] == ' ') ++i;
  if (authorization.size() - i <= kScheme.size()) return std::nullopt;
  for (std::size_t k = 0; k < kScheme.size(); ++k) {
    if (Lower(authorization[i + k]) != kScheme[k]) return std::nullopt;
  }
  i += kScheme.size();
  if (authorization[i] != ' ') return std::nullopt;
  while (i < authorization.size() && authorization[i] == ' ') ++i;
  std::size_t end = authorization.size();
  while (end > i && authorization[end - 1] == ' ') --end;
  std::string_view token = authorization.substr(i, end - i);
  if (token.empty() || token.find_first_of(" ,\t") != std::string_view::npos) return std::nullopt;
  return token;
}

std::string TokenNameProblem(std::string_view name) {
  if (name.empty()) return "a token's name must not be empty";
  if (name.size() > 64) return "a token's name is at most 64 characters";
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '@';
    if (!ok) return "a token's name may hold only letters, digits, '.', '_', '-' and '@'";
  }
  return "";
}

}  // namespace vigil::http
