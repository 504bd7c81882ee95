// Time, injected: the daemon reads the system clock; tests and simulations
// drive a manual one. Nothing else in Vigil asks the system for the time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vigil {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override { return now_; }
  void Advance(std::chrono::milliseconds d) { now_ += d; }
  void Set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

// UTC, millisecond precision, sortable as text: "2026-11-26T05:30:12.345Z".
std::string FormatTimestamp(Clock::TimePoint t);
// The instant a timestamp in that form (or any rules/clocks/timestamp.h
// accepts, fractions of a second kept to the millisecond) names.
std::optional<Clock::TimePoint> ParseTimestamp(std::string_view text);

}  // namespace vigil
