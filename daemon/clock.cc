#include "daemon/clock.h"

#include <ctime>
#include <cstdio>

#include "rules/clocks/timestamp.h"

namespace vigil {

std::string FormatTimestamp(Clock::TimePoint t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::optional<Clock::TimePoint> ParseTimestamp(std::string_view text) {
  auto seconds = clocks::ParseTimestamp(text);
  if (!seconds.ok()) return std::nullopt;
  int ms = 0;
  // "HH:MM:SS.fff": the fraction follows the seconds (position 19).
  if (text.size() > 20 && text[19] == '.') {
    int scale = 100;
    for (std::size_t i = 20; i < text.size() && scale > 0 && text[i] >= '0' && text[i] <= '9'; ++i, scale /= 10) {
      ms += (text[i] - '0') * scale;
    }
  }
  return Clock::TimePoint(std::chrono::seconds(*seconds) + std::chrono::milliseconds(ms));
}

}  // namespace vigil
