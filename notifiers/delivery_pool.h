// The workers that run deliveries off the event loop's thread: a fixed
// number of threads, each with its own Transport, so the number of
// connections is bounded by the number of workers. The pool decides
// nothing: the daemon's dispatcher chooses what is due and records what
// each attempt returned.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "notifiers/channel.h"

namespace vigil::notifiers {

class DeliveryPool {
 public:
  // Called on the worker thread once the attempt has ended; `elapsed` is
  // the attempt's duration (steady clock, for the delivery log).
  using Done = std::function<void(DeliveryResult result, std::chrono::milliseconds elapsed)>;

  explicit DeliveryPool(int workers);
  // Lets the attempts in progress finish (their Done is still called) and
  // drops what was queued but not started: those rows are still pending in
  // the outbox and are tried again after a restart.
  ~DeliveryPool();
  DeliveryPool(const DeliveryPool&) = delete;
  DeliveryPool& operator=(const DeliveryPool&) = delete;

  void Submit(std::shared_ptr<const Channel> channel, Notification notification, Done done);

 private:
  struct Job {
    std::shared_ptr<const Channel> channel;
    Notification notification;
    Done done;
  };
  void Work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace vigil::notifiers
