// The HTTP API's server: a listener and one session per connection, each on
// its own strand of the daemon's io_context (the Beast "advanced server"
// shape). It moves bytes, enforces the limits, verifies the bearer token
// and hands the parsed request to the router; handlers that read run on a
// small thread pool (Runs::kOnReaderPool), those that write on the loop
// (Runs::kOnLoop), where the store's one write connection lives.
//
// Limits (config/http.h): header size (431), body size (413, unread),
// the time to send a complete header (the connection is closed), the time
// a kept-alive connection may wait for its next request, and a cap on open
// connections: at the cap a new connection closes the one that has waited
// longest for a request, so idle connections can never keep a health check
// out.
//
// Every request is logged in one line: method, route pattern (never the
// raw path, which may carry a subject id), status, milliseconds, and the
// token's name or "-" (never the token).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/http.h"
#include "daemon/http/auth.h"
#include "daemon/http/router.h"
#include "rules/status.h"

namespace vigil::http {

struct ServerOptions {
  boost::asio::ip::tcp::endpoint endpoint;
  std::size_t max_body_bytes = 16 << 20;
  std::size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  std::size_t max_connections = 512;
  std::size_t reader_threads = 2;
  // PEM files; TLS when both are set.
  std::string certificate_file, key_file;

  // From the configuration's `http` section; Invalid (naming http.listen)
  // when the address cannot be used.
  static Result<ServerOptions> From(const config::Http& http);
};

// Told of every request answered: the route's name as Router::RouteName
// gives it ("GET /api/v1/alerts/{id}/ack"; "unmatched"; "malformed" for a
// request that could not be parsed), the status, and the seconds from its
// first byte to the response written. Called on the loop.
using RequestObserver = std::function<void(std::string_view route, int status, double seconds)>;

class Server {
 public:
  // `router` and `auth` outlive the server.
  Server(boost::asio::io_context& io, const Router& router, Authenticator& auth, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS files when configured, binds and listens; returns the
  // bound endpoint (port 0 resolved). Also raises the soft limit of open
  // files to the hard limit: every connection is a descriptor.
  Result<boost::asio::ip::tcp::endpoint> Start();

  // Stops accepting and closes every connection waiting for a request; a
  // request in flight (its first byte read) is read, answered with
  // "Connection: close", and its connection closed. The io_context runs out
  // of work once they are done. Call on the loop.
  void Stop();

  // Set before Start.
  void SetObserver(RequestObserver observer);

  // Connections open now (for tests and metrics). Thread-safe.
  std::size_t OpenConnections() const;

  struct Shared;

 private:
  void Accept();

  boost::asio::io_context& io_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace vigil::http
