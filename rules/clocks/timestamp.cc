#include "rules/clocks/timestamp.h"

#include <cctype>
#include <cstdio>

#include "rules/records/iso_date.h"

namespace vigil::clocks {
namespace {

Status Bad(std::string_view text, std::string_view why) {
  return Status::Invalid("'" + std::string(text) + "' is not an ISO 8601 timestamp: " + std::string(why));
}

bool Digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// The zone's offset east of UTC in seconds: "Z", "+hh", "+hhmm", "+hh:mm".
std::optional<std::int64_t> ZoneOffset(std::string_view z) {
  if (z == "Z") return 0;
  if (z.size() < 3 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  const int sign = z[0] == '-' ? -1 : 1;
  std::string_view hh = z.substr(1, 2);
  std::string_view mm;
  if (z.size() == 5) {
    mm = z.substr(3, 2);
  } else if (z.size() == 6 && z[3] == ':') {
    mm = z.substr(4, 2);
  } else if (z.size() != 3) {
    return std::nullopt;
  }
  if (!Digits(hh) || (!mm.empty() && !Digits(mm))) return std::nullopt;
  const int h = (hh[0] - '0') * 10 + (hh[1] - '0');
  const int m = mm.empty() ? 0 : (mm[0] - '0') * 10 + (mm[1] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return sign * (h * kSecondsPerHour + m * 60);
}

// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in epoch seconds.
constexpr std::int64_t kFirstInstant = -719528 * kSecondsPerDay;
constexpr std::int64_t kLastInstant = 2932897 * kSecondsPerDay - 1;

}  // namespace

Result<std::int64_t> ParseTimestamp(std::string_view text) {
  const std::size_t t = text.find('T');
  if (t == std::string_view::npos) return Bad(text, "no time (THH:MM)");
  const std::size_t zone = text.find_first_of("Z+-", t);
  if (zone == std::string_view::npos) return Bad(text, "no time zone (Z or +hh:mm)");
  const auto offset = ZoneOffset(text.substr(zone));
  if (!offset) return Bad(text, "time zone must be Z, +hh, +hhmm or +hh:mm");
  Result<IsoDateTime> local = ParseIsoDateTime(text.substr(0, zone));
  if (!local.ok()) return Bad(text, local.status().message());
  const IsoDateTime& d = *local;
  const std::optional<long> day = DayNumber(d);
  if (!day || d.hour < 0 || d.minute < 0) return Bad(text, "date, hours and minutes are required");
  const std::int64_t seconds = d.second < 0 ? 0 : d.second;
  const std::int64_t epoch = *day * kSecondsPerDay + d.hour * kSecondsPerHour + d.minute * 60 + seconds - *offset;
  // A four-digit year in UTC too: 0000-01-01T13:00+16:00 is in year -1 in
  // UTC, which FormatTimestamp cannot write as a timestamp that reads back.
  if (epoch < kFirstInstant || epoch > kLastInstant) return Bad(text, "in UTC it falls outside the years 0000-9999");
  return epoch;
}

std::string FormatTimestamp(std::int64_t epoch_s) {
  std::int64_t days = epoch_s / kSecondsPerDay;
  std::int64_t rest = epoch_s % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  // Civil from days (proleptic Gregorian), after H. Hinnant's algorithm, the
  // inverse of DayNumber.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                static_cast<int>(rest / kSecondsPerHour), static_cast<int>(rest % kSecondsPerHour / 60),
                static_cast<int>(rest % 60));
  return buf;
}

}  // namespace vigil::clocks
