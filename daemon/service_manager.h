// What the daemon tells systemd (sd_notify): READY=1 once it serves,
// RELOADING=1 then READY=1 again around a configuration reload (SIGHUP),
// STOPPING=1, a STATUS= line (spool backlog, the latest delivery) whenever
// it changes, and, when the unit sets WatchdogSec=, WATCHDOG=1 at half the
// interval. The keep-alive is sent from a timer on the daemon's event loop,
// so a loop that is stuck (a batch that never ends, a deadlock) stops
// sending it and systemd restarts the daemon (Restart=on-failure).
//
// Without $NOTIFY_SOCKET (not started by systemd) every call does nothing.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace vigil {

class ServiceManager {
 public:
  // `status` composes the STATUS= text; called on the loop at each tick.
  ServiceManager(boost::asio::io_context& io, std::function<std::string()> status);

  // READY=1 with the first status, and the ticks begin.
  void Ready();
  // RELOADING=1, with the MONOTONIC_USEC= systemd asks for beside it, and
  // a STATUS= saying what is being read.
  void Reloading(const std::string& what);
  // READY=1 again with the status, which by now says how the reload ended.
  void Reloaded();
  // Around work on the loop that may outlast the watchdog interval (a
  // reload's rebuild of derived state): WATCHDOG_USEC= raised to `bound`
  // (and the reload's timeout extended by as much) until EndLongWork sets
  // the unit's interval back and sends the keep-alive. A loop stuck in the
  // work is still caught, after `bound`. Nothing without a watchdog.
  void BeginLongWork(std::chrono::seconds bound);
  void EndLongWork();
  // STOPPING=1; the ticks end.
  void Stopping();

  // The watchdog interval systemd asked for (WATCHDOG_USEC), zero if none.
  std::chrono::microseconds watchdog() const { return watchdog_; }

 private:
  void Tick();
  void Arm();

  boost::asio::steady_timer timer_;
  std::function<std::string()> status_;
  std::chrono::microseconds watchdog_{0};
  std::chrono::steady_clock::duration period_;
  std::string last_status_;
  bool stopping_ = false;
};

}  // namespace vigil
