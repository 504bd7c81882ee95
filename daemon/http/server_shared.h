// What the listener and its sessions share; internal to the server.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <optional>

#include "daemon/http/connections.h"
#include "daemon/http/server.h"

namespace vigil::http {

struct Server::Shared {
  Shared(boost::asio::io_context& io, const Router& router, Authenticator& auth, ServerOptions options)
      : io(io),
        router(router),
        auth(auth),
        options(std::move(options)),
        pool(this->options.reader_threads),
        acceptor(boost::asio::make_strand(io)),
        accept_retry(acceptor.get_executor()) {}

  boost::asio::io_context& io;
  const Router& router;
  Authenticator& auth;
  const ServerOptions options;
  RequestObserver observer;
  boost::asio::thread_pool pool;  // Runs::kOnReaderPool
  std::optional<boost::asio::ssl::context> tls;
  Connections connections;
  std::atomic<bool> stopping{false};
  boost::asio::ip::tcp::acceptor acceptor;
  boost::asio::steady_timer accept_retry;
  std::chrono::steady_clock::time_point last_accept_warning{};
};

// Starts a session on an accepted socket (session.cc).
void StartSession(boost::asio::ip::tcp::socket socket, const std::shared_ptr<Server::Shared>& shared);

}  // namespace vigil::http
