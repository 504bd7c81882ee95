// The `http` section: where the HTTP API listens and the limits that keep
// one client from starving the others. Without `listen` (and without
// vigild's --http) the daemon serves no HTTP.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/json_reader.h"

namespace vigil::config {

struct HttpTls {
  // PEM files; both or neither. Read by the daemon when it starts.
  std::string certificate_file;  // the certificate chain, leaf first
  std::string key_file;

  bool enabled() const { return !certificate_file.empty() || !key_file.empty(); }
};

struct Http {
  // "ADDR:PORT": an IPv4 address, or an IPv6 one in brackets ("[::1]:8443").
  // Port 0 takes a free port (tests): the daemon logs it and writes it to
  // STATE_DIR/http.port.
  std::string listen;
  // A request body larger than this is answered 413, unread.
  int max_body_bytes = 16 << 20;
  // The request line and headers together; larger: 431.
  int max_header_bytes = 16 << 10;
  // From a connection's start (or the first byte of a later request) until
  // its headers are complete: a client that never finishes them is closed.
  int header_timeout_seconds = 10;
  // How long a kept-alive connection may wait for its next request, and a
  // body or a response may take to move.
  int idle_timeout_seconds = 60;
  // Open connections at most; at the cap a new one closes the connection
  // that has waited longest for a request.
  int max_connections = 512;
  // Threads that run the read handlers (each with its own read connection).
  int reader_threads = 2;
  HttpTls tls;
};

struct ListenAddress {
  std::string host;  // without brackets
  int port = 0;
};

// "ADDR:PORT" split; nullopt when it is not an IP address and a port 0-65535.
std::optional<ListenAddress> ParseListenAddress(std::string_view text);

// Reads the `http` object, reporting each value out of range at its path.
void ReadHttp(JsonReader& r, Http& http);

}  // namespace vigil::config
