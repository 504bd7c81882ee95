#include "tools/simulation/calendar.h"

#include <cstdio>

namespace vigil::simulation {
namespace {

struct Civil {
  int year, month, day;
};

// H. Hinnant's days-from-civil algorithms (public domain): integer only.
Civil CivilFromDays(Day z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), static_cast<int>(m), static_cast<int>(d)};
}

bool Digits(std::string_view s, int& out) {
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !s.empty();
}

}  // namespace

Day DayFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::optional<Day> ParseIsoDay(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!Digits(text.substr(0, 4), y) || !Digits(text.substr(5, 2), m) || !Digits(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  const Day day = DayFromCivil(y, m, d);
  const Civil back = CivilFromDays(day);
  if (back.year != y || back.month != m || back.day != d) return std::nullopt;  // 2026-02-30
  return day;
}

std::string IsoDate(Day day) {
  const Civil c = CivilFromDays(day);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string IsoDateTime(Day day, int minute_of_day) {
  const Civil c = CivilFromDays(day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, minute_of_day / 60,
                minute_of_day % 60);
  return buf;
}

int Weekday(Day day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int w = (day + 3) % 7;
  return w < 0 ? w + 7 : w;
}

}  // namespace vigil::simulation
