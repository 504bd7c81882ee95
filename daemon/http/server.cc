#include "daemon/http/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio/strand.hpp>
#include <cerrno>
#include <cstring>

#include "daemon/http/server_shared.h"
#include "notifiers/log_text.h"

namespace vigil::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Every connection is a descriptor: the soft limit (often 1024) would turn
// a flood of idle connections into refused health checks long before the
// connection cap matters.
void RaiseOpenFilesLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0) {
      spdlog::info("http: open files limit raised from {} to {}", before, limit.rlim_max);
    } else {
      spdlog::warn("http: open files limit stays {}: {}", before, std::strerror(errno));
    }
  }
}

}  // namespace

Result<ServerOptions> ServerOptions::From(const config::Http& http) {
  auto address = config::ParseListenAddress(http.listen);
  if (!address) return Status::Invalid("http.listen: '" + http.listen + "' is not ADDR:PORT");
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address->host, ec);
  if (ec) return Status::Invalid("http.listen: '" + address->host + "' is not an IP address");
  ServerOptions o;
  o.endpoint = tcp::endpoint(ip, static_cast<unsigned short>(address->port));
  o.max_body_bytes = static_cast<std::size_t>(http.max_body_bytes);
  o.max_header_bytes = static_cast<std::size_t>(http.max_header_bytes);
  o.header_timeout = std::chrono::seconds(http.header_timeout_seconds);
  o.idle_timeout = std::chrono::seconds(http.idle_timeout_seconds);
  o.max_connections = static_cast<std::size_t>(http.max_connections);
  o.reader_threads = static_cast<std::size_t>(http.reader_threads);
  o.certificate_file = http.tls.certificate_file;
  o.key_file = http.tls.key_file;
  return o;
}

Server::Server(asio::io_context& io, const Router& router, Authenticator& auth, ServerOptions options)
    : io_(io), shared_(std::make_shared<Shared>(io, router, auth, std::move(options))) {}

Server::~Server() {
  // Handlers in flight on the pool reference the router and the store's
  // files: they finish before either goes.
  shared_->pool.join();
}

void Server::SetObserver(RequestObserver observer) { shared_->observer = std::move(observer); }

std::size_t Server::OpenConnections() const { return shared_->connections.size(); }

Result<tcp::endpoint> Server::Start() {
  RaiseOpenFilesLimit();
  const ServerOptions& o = shared_->options;
  if (!o.certificate_file.empty() || !o.key_file.empty()) {
    try {
      asio::ssl::context tls(asio::ssl::context::tls_server);
      tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                      asio::ssl::context::single_dh_use);
      tls.use_certificate_chain_file(o.certificate_file);
      tls.use_private_key_file(o.key_file, asio::ssl::context::pem);
      shared_->tls.emplace(std::move(tls));
    } catch (const boost::system::system_error& e) {
      return Status::Invalid("http.tls: cannot use certificate " + o.certificate_file + " and key " + o.key_file +
                             ": " + e.what());
    }
  }
  boost::system::error_code ec;
  tcp::acceptor& acceptor = shared_->acceptor;
  acceptor.open(o.endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(o.endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("http: cannot listen on " + o.endpoint.address().to_string() + ":" +
                               std::to_string(o.endpoint.port()) + ": " + ec.message());
  }
  const tcp::endpoint bound = acceptor.local_endpoint(ec);
  if (ec) return Status::Io("http: " + ec.message());
  Accept();
  return bound;
}

void Server::Accept() {
  std::shared_ptr<Shared> shared = shared_;
  shared->acceptor.async_accept(
      asio::make_strand(io_), [this, shared](boost::system::error_code ec, tcp::socket socket) {
        if (shared->stopping) return;
        if (ec) {
          if (ec == asio::error::operation_aborted) return;
          // Out of descriptors: make room as the cap would, then try again; any
          // other failure is retried after a pause rather than in a busy loop.
          const bool no_descriptors = ec == asio::error::no_descriptors || ec.value() == ENFILE;
          if (no_descriptors) {
            shared->connections.EvictLongestWaiting();
          }
          // At most one line a minute: a flood must not fill the journal.
          const auto now = std::chrono::steady_clock::now();
          if (now - shared->last_accept_warning > std::chrono::minutes(1)) {
            shared->last_accept_warning = now;
            spdlog::warn("http: accept: {}", ec.message());
          }
          shared->accept_retry.expires_after(std::chrono::milliseconds(no_descriptors ? 10 : 100));
          shared->accept_retry.async_wait([this, shared](boost::system::error_code wait_ec) {
            if (!wait_ec && !shared->stopping) Accept();
          });
          return;
        }
        if (shared->connections.size() >= shared->options.max_connections) {
          if (!shared->connections.EvictLongestWaiting()) {
            // Every connection has a request in hand: the newcomer waits its
            // turn elsewhere.
            spdlog::warn("http: {} connections, each with a request in hand: a new connection refused",
                         shared->options.max_connections);
            boost::system::error_code ignored;
            socket.close(ignored);
            Accept();
            return;
          }
        }
        StartSession(std::move(socket), shared);
        Accept();
      });
}

void Server::Stop() {
  shared_->stopping = true;
  boost::system::error_code ignored;
  shared_->acceptor.close(ignored);
  shared_->accept_retry.cancel();
  for (const auto& connection : shared_->connections.All()) connection->StopGracefully();
}

}  // namespace vigil::http
