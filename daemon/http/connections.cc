#include "daemon/http/connections.h"

namespace vigil::http {

std::uint64_t Connections::Add(std::weak_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  open_.emplace(id, Entry{.connection = std::move(connection), .since = Clock::now()});
  return id;
}

void Connections::Remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = open_.find(id);
  if (it == open_.end()) return;
  if (it->second.evicting) --evicting_;
  open_.erase(it);
}

void Connections::SetWaiting(std::uint64_t id, bool waiting) {
  std::lock_guard lock(mutex_);
  auto it = open_.find(id);
  if (it == open_.end()) return;
  if (waiting && !it->second.waiting) it->second.since = Clock::now();
  it->second.waiting = waiting;
}

std::shared_ptr<Connection> Connections::TakeLongestWaiting() {
  std::lock_guard lock(mutex_);
  Entry* oldest = nullptr;
  for (auto& [id, e] : open_) {
    if (e.waiting && !e.evicting && (!oldest || e.since < oldest->since)) oldest = &e;
  }
  if (!oldest) return nullptr;
  oldest->evicting = true;
  ++evicting_;
  return oldest->connection.lock();
}

void Connections::Spare(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = open_.find(id);
  if (it == open_.end() || !it->second.evicting) return;
  it->second.evicting = false;
  --evicting_;
}

std::vector<std::shared_ptr<Connection>> Connections::All() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Connection>> out;
  for (const auto& [id, e] : open_) {
    if (auto c = e.connection.lock()) out.push_back(std::move(c));
  }
  return out;
}

std::size_t Connections::size() const {
  std::lock_guard lock(mutex_);
  return open_.size() - evicting_;
}

}  // namespace vigil::http
