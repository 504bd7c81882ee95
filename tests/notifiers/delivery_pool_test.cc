#include "notifiers/delivery_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/notifiers/sample_alerts.h"

namespace vigil::notifiers {
namespace {

using namespace std::chrono_literals;

// A channel of the test's own: each delivery takes `hold`, and the channel
// records how many deliveries ran at once and in which order they began.
class TimedChannel final : public Channel {
 public:
  explicit TimedChannel(std::chrono::milliseconds hold) : hold_(hold) {}
  const std::string& address() const override { return address_; }
  DeliveryResult Deliver(const Notification& n, Transport&) const override {
    const int now = ++in_flight_;
    int seen = most_.load();
    while (now > seen && !most_.compare_exchange_weak(seen, now)) {
    }
    {
      const std::lock_guard lock(mutex_);
      started_.push_back(n.id);
    }
    std::this_thread::sleep_for(hold_);
    --in_flight_;
    if (n.id == "throw") throw std::runtime_error("channel bug");
    return DeliveryResult::Delivered();
  }
  int most() const { return most_; }
  std::vector<std::string> started() const {
    const std::lock_guard lock(mutex_);
    return started_;
  }

 private:
  std::string address_ = "test[0]";
  std::chrono::milliseconds hold_;
  mutable std::atomic<int> in_flight_{0}, most_{0};
  mutable std::mutex mutex_;
  mutable std::vector<std::string> started_;
};

// A channel that blocks every delivery until the test opens it.
class GateChannel final : public Channel {
 public:
  const std::string& address() const override { return address_; }
  DeliveryResult Deliver(const Notification&, Transport&) const override {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    return DeliveryResult::Retry("HTTP 503");
  }
  void WaitUntilEntered(int n) const {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return entered_ >= n; });
  }
  void Open() const {
    const std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  int entered() const {
    const std::lock_guard lock(mutex_);
    return entered_;
  }

 private:
  std::string address_ = "gate";
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  mutable int entered_ = 0;
  mutable bool open_ = false;
};

// What the pool's Done calls reported, waited for by the test.
class Completions {
 public:
  DeliveryPool::Done For(const std::string& id) {
    return [this, id](DeliveryResult r, std::chrono::milliseconds elapsed) {
      const std::lock_guard lock(mutex_);
      results_[id].push_back(std::move(r));
      elapsed_[id] = elapsed;
      done_.notify_all();
    };
  }
  bool WaitFor(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return done_.wait_for(lock, timeout, [&] { return Count() >= n; });
  }
  std::map<std::string, std::vector<DeliveryResult>> results() {
    const std::lock_guard lock(mutex_);
    return results_;
  }
  std::chrono::milliseconds elapsed(const std::string& id) {
    const std::lock_guard lock(mutex_);
    return elapsed_.at(id);
  }

 private:
  std::size_t Count() const {
    std::size_t n = 0;
    for (const auto& [id, r] : results_) n += r.size();
    return n;
  }
  std::mutex mutex_;
  std::condition_variable done_;
  std::map<std::string, std::vector<DeliveryResult>> results_;
  std::map<std::string, std::chrono::milliseconds> elapsed_;
};

Notification Numbered(int i) {
  return testing::NotificationOf(testing::SaeAlert(), Event::kRaised, "N-" + std::to_string(i));
}

TEST(DeliveryPool, EverySubmissionCompletesExactlyOnce) {
  Completions completions;
  auto channel = std::make_shared<TimedChannel>(1ms);
  {
    DeliveryPool pool(3);
    for (int i = 0; i < 40; ++i) pool.Submit(channel, Numbered(i), completions.For("N-" + std::to_string(i)));
    ASSERT_TRUE(completions.WaitFor(40, 10s));
  }
  const auto results = completions.results();
  ASSERT_EQ(results.size(), 40u);
  for (const auto& [id, r] : results) {
    ASSERT_EQ(r.size(), 1u) << id;
    EXPECT_EQ(r[0].outcome, Outcome::kDelivered) << id;
  }
}

TEST(DeliveryPool, NoMoreDeliveriesInFlightThanWorkers) {
  Completions completions;
  auto channel = std::make_shared<TimedChannel>(30ms);
  DeliveryPool pool(2);
  for (int i = 0; i < 10; ++i) pool.Submit(channel, Numbered(i), completions.For("N-" + std::to_string(i)));
  ASSERT_TRUE(completions.WaitFor(10, 10s));
  EXPECT_EQ(channel->most(), 2);
  EXPECT_GE(completions.elapsed("N-3"), 30ms);
}

TEST(DeliveryPool, OneWorkerDeliversInSubmissionOrder) {
  Completions completions;
  auto channel = std::make_shared<TimedChannel>(0ms);
  DeliveryPool pool(1);
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    ids.push_back("N-" + std::to_string(i));
    pool.Submit(channel, Numbered(i), completions.For(ids.back()));
  }
  ASSERT_TRUE(completions.WaitFor(20, 10s));
  EXPECT_EQ(channel->started(), ids);
}

TEST(DeliveryPool, AThrowingChannelIsARetryAndTheWorkerGoesOn) {
  Completions completions;
  auto channel = std::make_shared<TimedChannel>(0ms);
  DeliveryPool pool(1);
  pool.Submit(channel, testing::NotificationOf(testing::SaeAlert(), Event::kRaised, "throw"), completions.For("throw"));
  pool.Submit(channel, Numbered(1), completions.For("N-1"));
  pool.Submit(nullptr, Numbered(2), completions.For("N-2"));
  ASSERT_TRUE(completions.WaitFor(3, 10s));
  const auto results = completions.results();
  EXPECT_EQ(results.at("throw")[0].outcome, Outcome::kRetry);
  EXPECT_NE(results.at("throw")[0].reason.find("channel bug"), std::string::npos);
  EXPECT_EQ(results.at("N-1")[0].outcome, Outcome::kDelivered);
  EXPECT_EQ(results.at("N-2")[0].outcome, Outcome::kFailed);
}

TEST(DeliveryPool, DestructionFinishesWhatRunsAndDropsWhatWaits) {
  Completions completions;
  auto gate = std::make_shared<GateChannel>();
  auto pool = std::make_unique<DeliveryPool>(1);
  for (int i = 0; i < 3; ++i) pool->Submit(gate, Numbered(i), completions.For("N-" + std::to_string(i)));
  gate->WaitUntilEntered(1);
  std::thread destroy([&pool] { pool.reset(); });
  // The destructor must have dropped the queue before the gate opens: it
  // takes the pool's lock at once, while the worker is blocked in Deliver.
  std::this_thread::sleep_for(100ms);
  gate->Open();
  destroy.join();
  const auto results = completions.results();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.at("N-0")[0].reason, "HTTP 503");
  EXPECT_EQ(gate->entered(), 1);
}

}  // namespace
}  // namespace vigil::notifiers
