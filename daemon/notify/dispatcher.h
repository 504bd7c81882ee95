// Delivers the outbox. On the event loop's thread it takes the rows that
// are due (their time has come and no earlier notification of the same
// alert to the same destination is still pending), hands each to the
// delivery pool's workers with its channel, and records what each attempt
// gave — delivered, retry at a later time (exponential backoff with jitter,
// stored in the row so a restart keeps the schedule), or failed for good —
// with a line in the delivery log. It also takes the alerts' repeat and
// escalation timers as they fall due.
//
// At least once: a row is marked only after its attempt has ended, so a
// crash in between delivers it again after the restart, with the same
// notification id. An unreachable receiver holds back only its own rows;
// ingestion never waits for a delivery.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "config/notifiers.h"
#include "daemon/clock.h"
#include "daemon/store/store.h"
#include "notifiers/channel_directory.h"
#include "notifiers/delivery_pool.h"

namespace vigil {

class Dispatcher {
 public:
  // `store`, `notifiers` and `clock` must outlive the dispatcher; all its
  // work runs on `io`'s thread, the store's owner.
  Dispatcher(boost::asio::io_context& io, store::Store& store, const config::Notifiers& notifiers, const Clock& clock);
  ~Dispatcher();

  // Something may have become due (a commit queued notifications).
  void Poke();
  // No new attempts; the ones in progress end with the pool.
  void Stop();
  // A reloaded configuration's receivers, routes and retry policy, on the
  // loop between runs: attempts in progress end on the channels they began
  // with (each holds its own) and are recorded here as usual, so nothing in
  // flight is lost or sent twice. The pool keeps its size (max_connections
  // takes a restart). `notifiers` must outlive the dispatcher or the next
  // call.
  void Reconfigure(const config::Notifiers& notifiers);

 private:
  struct Finished {
    std::int64_t outbox_id;
    std::string what;  // alert, event, receiver and channel, for the log
    int attempts_before;
    notifiers::DeliveryResult result;
    std::chrono::milliseconds elapsed;
  };
  void Run();
  Status SweepTimers(Clock::TimePoint now);
  void Dispatch(Clock::TimePoint now);
  void RecordFinished();
  void Arm(Clock::TimePoint now);

  boost::asio::io_context& io_;
  store::Store& store_;
  const config::Notifiers* notifiers_;  // Reconfigure replaces it
  const Clock& clock_;
  notifiers::ChannelDirectory channels_;
  boost::asio::steady_timer timer_;
  std::mt19937_64 random_;
  std::set<std::int64_t> in_flight_;
  std::vector<Finished> finished_;
  bool run_posted_ = false;
  bool stopped_ = false;
  std::unique_ptr<notifiers::DeliveryPool> pool_;  // last: joined first
};

}  // namespace vigil
