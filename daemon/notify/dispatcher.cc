#include "daemon/notify/dispatcher.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "daemon/notify/alert_notices.h"
#include "daemon/store/transaction.h"
#include "notifiers/backoff.h"
#include "notifiers/log_text.h"

namespace vigil {
namespace {

// How often the outbox is looked at when nothing is due: rows written by
// another process (`vigilctl ack`) are picked up within this time.
constexpr auto kPollInterval = std::chrono::seconds(1);

std::string Describe(const store::OutboxItem& item) {
  return item.alert.id + " " + std::string(notifiers::EventName(item.event)) + " to " + item.to.receiver + " " +
         item.to.channel;
}

}  // namespace

Dispatcher::Dispatcher(boost::asio::io_context& io, store::Store& store, const config::Notifiers& notifiers,
                       const Clock& clock)
    : io_(io),
      store_(store),
      notifiers_(&notifiers),
      clock_(clock),
      channels_(notifiers),
      timer_(io),
      random_(std::random_device{}()),
      pool_(std::make_unique<notifiers::DeliveryPool>(notifiers.max_connections)) {}

Dispatcher::~Dispatcher() = default;

void Dispatcher::Poke() {
  if (run_posted_ || stopped_) return;
  run_posted_ = true;
  boost::asio::post(io_, [this] {
    run_posted_ = false;
    Run();
  });
}

void Dispatcher::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void Dispatcher::Reconfigure(const config::Notifiers& notifiers) {
  notifiers_ = &notifiers;
  channels_ = notifiers::ChannelDirectory(notifiers);
  Poke();
}

void Dispatcher::Run() {
  if (stopped_) return;
  const Clock::TimePoint now = clock_.Now();
  RecordFinished();
  if (Status s = SweepTimers(now); !s.ok()) spdlog::error("alert timers: {}", LogText(s.message(), kLogMessageMax));
  Dispatch(now);
  Arm(now);
}

Status Dispatcher::SweepTimers(Clock::TimePoint now) {
  auto next = store_.NextAlertTimer();
  if (!next.ok()) return next.status();
  if (next->empty() || *next > FormatTimestamp(now)) return Status::Ok();
  store::Transaction tx(store_);
  if (!tx.began().ok()) return tx.began();
  auto swept = SweepAlertTimers(store_, *notifiers_, now);
  return swept.ok() ? tx.Commit() : swept.status();
}

void Dispatcher::Dispatch(Clock::TimePoint now) {
  // Twice the workers: the next ones wait in the pool's queue, not in SQL.
  const int room = 2 * notifiers_->max_connections - static_cast<int>(in_flight_.size());
  if (room <= 0) return;
  auto due = store_.DueOutbox(FormatTimestamp(now), in_flight_, room);
  if (!due.ok()) {
    spdlog::error("outbox: {}", LogText(due.status().message(), kLogMessageMax));
    return;
  }
  for (store::OutboxItem& item : *due) {
    const std::int64_t id = item.id;
    const int attempts = item.attempts;
    in_flight_.insert(id);
    std::shared_ptr<const notifiers::Channel> channel = channels_.Find(item.to.receiver, item.to.channel);
    if (!channel) {
      finished_.push_back({id, Describe(item), attempts,
                           notifiers::DeliveryResult::Failed("receiver '" + item.to.receiver + "' has no channel " +
                                                             item.to.channel + " in the configuration"),
                           std::chrono::milliseconds(0)});
      Poke();
      continue;
    }
    notifiers::Notification n{.id = store::NotificationId(item),
                              .event = item.event,
                              .receiver = item.to.receiver,
                              .alert = store::AlertJson(item.alert),
                              .attempt_at = now};
    spdlog::debug("delivering {} (attempt {})", Describe(item), attempts + 1);
    pool_->Submit(std::move(channel), std::move(n),
                  [this, id, what = Describe(item), attempts](notifiers::DeliveryResult result,
                                                              std::chrono::milliseconds elapsed) {
                    boost::asio::post(io_, [this, id, what, attempts, result = std::move(result), elapsed]() mutable {
                      finished_.push_back({id, std::move(what), attempts, std::move(result), elapsed});
                      Poke();
                    });
                  });
  }
}

void Dispatcher::RecordFinished() {
  if (finished_.empty()) return;
  const Clock::TimePoint now = clock_.Now();
  const std::string at = FormatTimestamp(now);
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  store::Transaction tx(store_);
  Status s = tx.began();
  for (const Finished& f : finished_) {
    if (!s.ok()) break;
    store::DeliveryAttempt a{.outbox_id = f.outbox_id, .at = at, .result = f.result, .elapsed_ms = f.elapsed.count()};
    if (f.result.outcome == notifiers::Outcome::kRetry) {
      const double delay = notifiers::RetryDelaySeconds(notifiers_->retry, f.attempts_before + 1, jitter(random_));
      a.next_at = FormatTimestamp(now + std::chrono::milliseconds(static_cast<std::int64_t>(delay * 1000)));
    }
    s = store_.RecordAttempt(a);
  }
  if (s.ok()) s = tx.Commit();
  if (!s.ok()) {
    // The rows stay in flight; the results are recorded at the next run
    // (the transaction, committed or not, is over).
    tx.Rollback();
    spdlog::error("outbox: recording {} delivery results: {}", finished_.size(), LogText(s.message(), kLogMessageMax));
    return;
  }
  for (const Finished& f : finished_) {
    in_flight_.erase(f.outbox_id);
    switch (f.result.outcome) {
      case notifiers::Outcome::kDelivered:
        spdlog::info("notification {}: {} delivered ({} ms)", f.outbox_id, f.what, f.elapsed.count());
        break;
      case notifiers::Outcome::kRetry:
        // A reason may quote the peer's reply.
        spdlog::warn("notification {}: {} not delivered, tried again later: {}", f.outbox_id, f.what,
                     LogText(f.result.reason, kLogMessageMax));
        break;
      case notifiers::Outcome::kFailed:
        spdlog::error("notification {}: {} failed for good: {}", f.outbox_id, f.what,
                      LogText(f.result.reason, kLogMessageMax));
        break;
    }
  }
  finished_.clear();
}

void Dispatcher::Arm(Clock::TimePoint now) {
  if (stopped_) return;
  auto wake = now + kPollInterval;
  const std::string now_text = FormatTimestamp(now);
  for (auto next : {store_.NextOutboxAfter(now_text), store_.NextAlertTimer()}) {
    if (!next.ok() || next->empty()) continue;
    // Never sooner than 10 ms: a timer already due after a run is one whose
    // sweep failed, and is not to be spun on.
    if (auto t = ParseTimestamp(*next)) wake = std::min(wake, std::max(*t, now + std::chrono::milliseconds(10)));
  }
  if (!finished_.empty()) wake = now + std::chrono::milliseconds(200);  // a failed record: try again soon
  timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(wake - now));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Run();
  });
}

}  // namespace vigil
