#include "daemon/service_manager.h"

#include <systemd/sd-daemon.h>

#include <algorithm>

namespace vigil {
namespace {

// STATUS= is refreshed at least this often (when it changed).
constexpr std::chrono::seconds kStatusPeriod{1};

}  // namespace

ServiceManager::ServiceManager(boost::asio::io_context& io, std::function<std::string()> status)
    : timer_(io), status_(std::move(status)), period_(kStatusPeriod) {
  std::uint64_t usec = 0;
  // > 0: enabled for this process (WATCHDOG_USEC set, WATCHDOG_PID ours or unset).
  if (sd_watchdog_enabled(/*unset_environment=*/0, &usec) > 0 && usec > 0) {
    watchdog_ = std::chrono::microseconds(usec);
    period_ = std::min<std::chrono::steady_clock::duration>(period_, watchdog_ / 2);
  }
}

void ServiceManager::Ready() {
  last_status_ = status_();
  sd_notifyf(0, "READY=1\nSTATUS=%s", last_status_.c_str());
  if (watchdog_.count() > 0) sd_notify(0, "WATCHDOG=1");
  Arm();
}

void ServiceManager::Reloading(const std::string& what) {
  const auto now =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch());
  last_status_ = "reloading " + what;
  sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%lld\nSTATUS=%s", static_cast<long long>(now.count()),
             last_status_.c_str());
}

void ServiceManager::Reloaded() {
  last_status_ = status_();
  sd_notifyf(0, "READY=1\nSTATUS=%s", last_status_.c_str());
}

void ServiceManager::BeginLongWork(std::chrono::seconds bound) {
  const auto usec = static_cast<unsigned long long>(std::chrono::microseconds(bound).count());
  sd_notifyf(0, "EXTEND_TIMEOUT_USEC=%llu", usec);
  if (watchdog_.count() > 0) sd_notifyf(0, "WATCHDOG=1\nWATCHDOG_USEC=%llu", usec);
}

void ServiceManager::EndLongWork() {
  if (watchdog_.count() > 0) {
    sd_notifyf(0, "WATCHDOG_USEC=%llu\nWATCHDOG=1", static_cast<unsigned long long>(watchdog_.count()));
  }
}

void ServiceManager::Stopping() {
  stopping_ = true;
  timer_.cancel();
  sd_notify(0, "STOPPING=1\nSTATUS=stopping: finishing the delivery in hand");
}

void ServiceManager::Arm() {
  if (stopping_) return;
  timer_.expires_after(period_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Tick();
  });
}

void ServiceManager::Tick() {
  if (watchdog_.count() > 0) sd_notify(0, "WATCHDOG=1");
  std::string status = status_();
  if (status != last_status_) {
    last_status_ = std::move(status);
    sd_notifyf(0, "STATUS=%s", last_status_.c_str());
  }
  Arm();
}

}  // namespace vigil
