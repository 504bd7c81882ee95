// Read-only store connections for the API's handlers, which run on several
// threads of the server's reader pool at once. A SQLite connection is used
// by one thread at a time, so each handler leases one for the length of the
// request and gives it back; connections are opened on demand and kept for
// the next request (WAL: any number of readers beside the daemon's writer).
// Thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "daemon/store/reader.h"
#include "rules/status.h"

namespace vigil::http {

class ReaderPool {
 public:
  // `keep`: at most this many idle connections are kept.
  explicit ReaderPool(std::string db_path, std::size_t keep = 8);
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<store::Reader> reader) : pool_(pool), reader_(std::move(reader)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    store::Reader& operator*() const { return *reader_; }
    store::Reader* operator->() const { return reader_.get(); }
    // Closes the connection instead of returning it: after a read error,
    // which may come from a fault of the file system that a new connection
    // no longer sees.
    void Discard() { reader_.reset(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<store::Reader> reader_;
  };

  // An idle connection, or a new one (NotFound when there is no database).
  Result<Lease> Acquire();

  const std::string& db_path() const { return db_path_; }

 private:
  void Return(std::unique_ptr<store::Reader> reader);

  const std::string db_path_;
  const std::size_t keep_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Reader>> idle_;
};

}  // namespace vigil::http
