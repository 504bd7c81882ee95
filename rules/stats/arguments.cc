#include "rules/stats/arguments.h"

#include <cmath>
#include <cstdio>

namespace vigil::stats {
namespace {

Status Fail(std::string_view name, std::string_view requirement, const std::string& got) {
  std::string msg(name);
  msg += ": must be ";
  msg += requirement;
  msg += ", got ";
  msg += got;
  return Status::Invalid(std::move(msg));
}

}  // namespace

std::string FormatNumber(double value) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}

Status CheckCount(std::string_view name, int count) {
  if (count < 0) return Fail(name, "a count >= 0", std::to_string(count));
  return Status::Ok();
}

Status CheckPositiveCount(std::string_view name, int count) {
  if (count < 1) return Fail(name, "a count >= 1", std::to_string(count));
  return Status::Ok();
}

Status CheckEventsWithin(std::string_view x_name, int x, std::string_view n_name, int n) {
  if (x < 0 || x > n) {
    std::string req = "between 0 and ";
    req += n_name;
    req += " = ";
    req += std::to_string(n);
    return Fail(x_name, req, std::to_string(x));
  }
  return Status::Ok();
}

Status CheckOpenUnit(std::string_view name, double value) {
  if (!std::isfinite(value) || value <= 0.0 || value >= 1.0) {
    return Fail(name, "strictly between 0 and 1", FormatNumber(value));
  }
  return Status::Ok();
}

Status CheckClosedUnit(std::string_view name, double value) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    return Fail(name, "between 0 and 1", FormatNumber(value));
  }
  return Status::Ok();
}

Status CheckPositive(std::string_view name, double value) {
  if (!std::isfinite(value) || value <= 0.0) {
    return Fail(name, "finite and > 0", FormatNumber(value));
  }
  return Status::Ok();
}

Status CheckConfidence(double conf) { return CheckOpenUnit("conf", conf); }

}  // namespace vigil::stats
