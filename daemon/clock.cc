#include "daemon/clock.h"

#include <ctime>

#include "rules/clocks/timestamp.h"

namespace vigil {

std::string FormatTimestamp(Clock::TimePoint t) {
  using namespace std::chrono;
  // Floored, not truncated, so that an instant before 1970 still has its
  // milliseconds in [0, 999] and its second is the one before.
  const auto secs = floor<seconds>(t.time_since_epoch());
  const int ms = static_cast<int>(duration_cast<milliseconds>(t.time_since_epoch() - secs).count());
  const std::time_t tt = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  gmtime_r(&tt, &tm);
  // strftime never cuts a field short (it returns 0 when the text does not
  // fit); 32 bytes hold "%Y-%m-%dT%H:%M:%S" for any int year.
  char buf[32];
  std::string text(buf, std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm));
  const char fraction[] = {'.', static_cast<char>('0' + ms / 100), static_cast<char>('0' + ms / 10 % 10),
                           static_cast<char>('0' + ms % 10), 'Z'};
  text.append(fraction, sizeof fraction);
  return text;
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
