#include "config/http.h"

#include <arpa/inet.h>

#include <charconv>

namespace vigil::config {
namespace {

void Range(JsonReader& r, const char* key, int value, int low, int high, std::string_view unit) {
  if (value < low || value > high) {
    r.Error(key, "must be between " + std::to_string(low) + " and " + std::to_string(high) + " " + std::string(unit));
  }
}

}  // namespace

std::optional<ListenAddress> ParseListenAddress(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon + 1 >= text.size()) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535) return std::nullopt;
  unsigned char buf[16];
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (::inet_pton(AF_INET6, std::string(host).c_str(), buf) != 1) return std::nullopt;
  } else if (::inet_pton(AF_INET, std::string(host).c_str(), buf) != 1) {
    return std::nullopt;
  }
  return ListenAddress{.host = std::string(host), .port = port};
}

void ReadHttp(JsonReader& r, Http& http) {
  r.String("listen", http.listen);
  if (!http.listen.empty() && !ParseListenAddress(http.listen)) {
    r.Error("listen", "'" + http.listen +
                          "' is not ADDR:PORT (an IPv4 address, or an IPv6 address in brackets, "
                          "and a port 0-65535)");
  }
  r.Int("max_body_bytes", http.max_body_bytes);
  Range(r, "max_body_bytes", http.max_body_bytes, 1024, 1 << 30, "bytes");
  r.Int("max_header_bytes", http.max_header_bytes);
  Range(r, "max_header_bytes", http.max_header_bytes, 1024, 1 << 20, "bytes");
  r.Int("header_timeout_seconds", http.header_timeout_seconds);
  Range(r, "header_timeout_seconds", http.header_timeout_seconds, 1, 3600, "seconds");
  r.Int("idle_timeout_seconds", http.idle_timeout_seconds);
  Range(r, "idle_timeout_seconds", http.idle_timeout_seconds, 1, 86400, "seconds");
  r.Int("max_connections", http.max_connections);
  Range(r, "max_connections", http.max_connections, 1, 1000000, "connections");
  r.Int("reader_threads", http.reader_threads);
  Range(r, "reader_threads", http.reader_threads, 1, 64, "threads");
  r.Object("tls", [&](JsonReader& t) {
    t.String("certificate_file", http.tls.certificate_file);
    t.String("key_file", http.tls.key_file);
    if (http.tls.certificate_file.empty() != http.tls.key_file.empty()) {
      t.Error(
          http.tls.certificate_file.empty() ? "certificate_file" : "key_file",
          "is required with tls." + std::string(http.tls.certificate_file.empty() ? "key_file" : "certificate_file"));
    }
  });
}

}  // namespace vigil::config
