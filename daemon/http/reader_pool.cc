#include "daemon/http/reader_pool.h"

namespace vigil::http {

ReaderPool::ReaderPool(std::string db_path, std::size_t keep) : db_path_(std::move(db_path)), keep_(keep) {}

ReaderPool::Lease::~Lease() {
  if (reader_) pool_->Return(std::move(reader_));
}

Result<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Reader> reader = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(reader));
    }
  }
  // Opened outside the lock: opening touches the file system.
  auto reader = store::Reader::Open(db_path_);
  if (!reader.ok()) return reader.status();
  return Lease(this, std::move(*reader));
}

void ReaderPool::Return(std::unique_ptr<store::Reader> reader) {
  std::lock_guard lock(mu_);
  if (idle_.size() < keep_) idle_.push_back(std::move(reader));
}

}  // namespace vigil::http
