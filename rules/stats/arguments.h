// Argument checks shared by the statistics functions.
//
// Each check returns Status::Invalid with a message that names the argument,
// states the requirement and echoes the value received, e.g.
//   "x: must be between 0 and n = 5, got 7".
// Exceptions raised by Boost.Math are converted to Status by CallMath, in the
// file that calls the library; none escapes a function of this folder.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "rules/status.h"

namespace vigil::stats {

// The value as printed in messages: up to 17 significant digits.
std::string FormatNumber(double value);

// count >= 0.
Status CheckCount(std::string_view name, int count);
// count >= 1.
Status CheckPositiveCount(std::string_view name, int count);
// 0 <= x <= n (n checked by the caller).
Status CheckEventsWithin(std::string_view x_name, int x, std::string_view n_name, int n);
// Finite and 0 < value < 1 (a probability that is neither certain nor impossible).
Status CheckOpenUnit(std::string_view name, double value);
// Finite and 0 <= value <= 1.
Status CheckClosedUnit(std::string_view name, double value);
// Finite and value > 0.
Status CheckPositive(std::string_view name, double value);
// A confidence level: finite and 0 < conf < 1.
Status CheckConfidence(double conf);

// Runs a Boost.Math computation; a library exception becomes Invalid with
// `what` and the library's message. `f` returns a double.
template <typename F>
Result<double> CallMath(std::string_view what, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const std::exception& e) {
    return Status::Invalid(std::string(what) + ": " + e.what());
  }
}

}  // namespace vigil::stats
