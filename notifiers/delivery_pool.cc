#include "notifiers/delivery_pool.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "notifiers/log_text.h"

namespace vigil::notifiers {

DeliveryPool::DeliveryPool(int workers) {
  const int n = workers > 0 ? workers : 1;
  workers_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { Work(); });
}

DeliveryPool::~DeliveryPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();  // still pending in the outbox: tried after a restart
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void DeliveryPool::Submit(std::shared_ptr<const Channel> channel, Notification notification, Done done) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back({std::move(channel), std::move(notification), std::move(done)});
  }
  wake_.notify_one();
}

void DeliveryPool::Work() {
  // One handle per worker, kept for the worker's life: its connections are
  // reused from one delivery to the next.
  Transport transport;
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    const auto start = std::chrono::steady_clock::now();
    DeliveryResult result;
    if (!job.channel) {
      result = DeliveryResult::Failed("no channel at this address");
    } else {
      // Channels do not throw; should one, the attempt is retried rather
      // than the worker lost.
      try {
        result = job.channel->Deliver(job.notification, transport);
      } catch (const std::exception& e) {
        result = DeliveryResult::Retry(std::string("unexpected error: ") + e.what());
      }
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (!job.done) continue;
    try {
      job.done(std::move(result), elapsed);
    } catch (const std::exception& e) {
      spdlog::error("delivery of notification {}: its completion failed: {}", job.notification.id,
                    LogText(e.what(), kLogMessageMax));
    }
  }
}

}  // namespace vigil::notifiers
