// The server's open connections: how many there are, which of them wait
// for a request (and since when), so that at the cap the one that has
// waited longest is closed to make room. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace vigil::http {

// What the registry may ask of a connection; each call posts to the
// connection's strand.
class Connection {
 public:
  virtual ~Connection() = default;
  // Closed at once if it still waits for a request (or for the rest of its
  // header); left alone once a request is complete.
  virtual void Evict() = 0;
  // The daemon stops: closed if it waits for a request; otherwise it
  // answers the request in hand with "Connection: close", then closes.
  virtual void StopGracefully() = 0;
};

class Connections {
 public:
  using Clock = std::chrono::steady_clock;

  std::uint64_t Add(std::weak_ptr<Connection> connection);
  void Remove(std::uint64_t id);
  // Waiting: no request is complete (a new connection, a kept-alive one
  // between requests, one whose header is still arriving). `since` is
  // refreshed each time it starts waiting.
  void SetWaiting(std::uint64_t id, bool waiting);

  // The waiting connection that has waited longest, marked so that it is
  // neither counted nor chosen again; nullptr when none waits.
  std::shared_ptr<Connection> TakeLongestWaiting();
  // A connection chosen for eviction that had meanwhile completed a request
  // and was left open: counted again.
  void Spare(std::uint64_t id);
  std::vector<std::shared_ptr<Connection>> All() const;
  // Open connections, those being evicted left out.
  std::size_t size() const;

 private:
  struct Entry {
    std::weak_ptr<Connection> connection;
    bool waiting = true;
    bool evicting = false;
    Clock::time_point since;
  };
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Entry> open_;
  std::uint64_t next_id_ = 1;
  std::size_t evicting_ = 0;
};

}  // namespace vigil::http
