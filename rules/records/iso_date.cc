#include "rules/records/iso_date.h"

#include <cctype>
#include <string>
#include <string_view>

namespace vigil {
namespace {

// Reads exactly `width` digits, or one hyphen meaning "not collected" (SDTM
// writes a missing month as "2026---14": year, separator, "-", separator, day).
bool ReadComponent(std::string_view& s, int width, int& out) {
  if (!s.empty() && s[0] == '-') {
    s.remove_prefix(1);
    out = -1;
    return true;
  }
  if (s.size() < static_cast<std::size_t>(width)) return false;
  int v = 0;
  for (int i = 0; i < width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  s.remove_prefix(width);
  out = v;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && (y < 0 || IsLeap(y)) ? 29 : kDays[m - 1];
}

Status Bad(std::string_view text, std::string_view why) {
  return Status::Invalid("'" + std::string(text) + "' is not an ISO 8601 date: " + std::string(why));
}

bool AllDigits(std::string_view d) {
  for (char c : d) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !d.empty();
}

std::size_t LeadingDigits(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  return n;
}

// Offsets of real time zones lie within 14 hours of UTC (UTC-12 to UTC+14);
// XML Schema's dateTime, which ODM and Dataset-XML carry, allows exactly
// -14:00 to +14:00.
constexpr int kMaxOffsetMinutes = 14 * 60;

enum class Zone { kOk, kNotAZone, kOutOfRange };

// A zone suffix: "Z", "+hh:mm", "-hh:mm", "+hhmm", "+hh"; in range when
// within 14:00 of UTC with minutes 00-59.
Zone ReadZone(std::string_view s) {
  if (s == "Z") return Zone::kOk;
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return Zone::kNotAZone;
  s.remove_prefix(1);
  std::string_view hh, mm = "00";
  if (s.size() == 2) {
    hh = s;
  } else if (s.size() == 4) {
    hh = s.substr(0, 2);
    mm = s.substr(2);
  } else if (s.size() == 5 && s[2] == ':') {
    hh = s.substr(0, 2);
    mm = s.substr(3);
  } else {
    return Zone::kNotAZone;
  }
  if (!AllDigits(hh) || !AllDigits(mm)) return Zone::kNotAZone;
  const int h = (hh[0] - '0') * 10 + (hh[1] - '0');
  const int m = (mm[0] - '0') * 10 + (mm[1] - '0');
  return m > 59 || h * 60 + m > kMaxOffsetMinutes ? Zone::kOutOfRange : Zone::kOk;
}

// What is wrong with a date that starts with more than four digits: the
// basic format of ISO 8601 (20260301: SDTM takes the extended format only),
// or a year beyond four digits (99999-01-01).
std::string TooManyDigits(std::string_view s, std::size_t n) {
  const bool basic = (n == 8 || n == 6) && (n == s.size() || s[n] == 'T');
  if (!basic) {
    return "the year has " + std::to_string(n) + " digits; years are written with four (0000-9999)";
  }
  const std::string written(s.substr(0, n));
  std::string extended = written.substr(0, 4) + "-" + written.substr(4, 2);
  if (n == 8) extended += "-" + written.substr(6, 2);
  return "basic format (no hyphens); SDTM dates are in the extended format: " + extended;
}

}  // namespace

Result<IsoDateTime> ParseIsoDateTime(std::string_view text) {
  IsoDateTime t;
  std::string_view s = text;
  if (s.empty()) return Bad(text, "empty");
  if (const std::size_t n = LeadingDigits(s); n > 4) return Bad(text, TooManyDigits(s, n));
  if (!ReadComponent(s, 4, t.year)) return Bad(text, "year must be four digits");
  auto sep = [&](char c) {
    if (!s.empty() && s[0] == c) {
      s.remove_prefix(1);
      return true;
    }
    return false;
  };
  if (!s.empty() && s[0] != 'T') {
    if (!sep('-') || !ReadComponent(s, 2, t.month)) return Bad(text, "month must be two digits");
    if (!s.empty() && s[0] != 'T') {
      if (!sep('-') || !ReadComponent(s, 2, t.day)) return Bad(text, "day must be two digits");
    }
  }
  if (sep('T')) {
    if (!ReadComponent(s, 2, t.hour)) return Bad(text, "hour must be two digits");
    if (t.hour >= 0 && LeadingDigits(s) > 0) {
      return Bad(text, "time in basic format (no colons); SDTM times are in the extended format hh:mm:ss");
    }
    if (sep(':')) {
      if (!ReadComponent(s, 2, t.minute)) return Bad(text, "minute must be two digits");
      if (sep(':')) {
        if (!ReadComponent(s, 2, t.second)) return Bad(text, "second must be two digits");
        if (sep('.') || sep(',')) {
          std::size_t n = 0;
          while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
          if (n == 0) return Bad(text, "fraction of a second has no digits");
          s.remove_prefix(n);
        }
      }
    }
    if (!s.empty()) {
      switch (ReadZone(s)) {
        case Zone::kOk: break;
        case Zone::kNotAZone: return Bad(text, "unexpected text after the time");
        case Zone::kOutOfRange:
          return Bad(text, "time zone offset " + std::string(s) + " is out of range (offsets lie within 14:00 of UTC)");
      }
    }
    s = {};
  }
  if (!s.empty()) return Bad(text, "unexpected text after the date");
  if (t.month != -1 && (t.month < 1 || t.month > 12)) return Bad(text, "month out of range");
  if (t.day != -1) {
    if (t.day < 1) return Bad(text, "day out of range");
    if (t.month != -1 && t.day > DaysInMonth(t.year, t.month)) return Bad(text, "no such day in that month");
    if (t.day > 31) return Bad(text, "day out of range");
  }
  if (t.hour > 23) return Bad(text, "hour out of range");
  if (t.minute > 59) return Bad(text, "minute out of range");
  if (t.second > 59) return Bad(text, "second out of range");
  return t;
}

}  // namespace vigil

namespace vigil {

std::optional<int> CompareDates(std::string_view a, std::string_view b) {
  auto x = ParseIsoDateTime(a);
  auto y = ParseIsoDateTime(b);
  if (!x.ok() || !y.ok()) return std::nullopt;
  return CompareAtCommonPrecision(*x, *y);
}

int CompareAtCommonPrecision(const IsoDateTime& a, const IsoDateTime& b) {
  const int av[] = {a.year, a.month, a.day, a.hour, a.minute, a.second};
  const int bv[] = {b.year, b.month, b.day, b.hour, b.minute, b.second};
  for (int i = 0; i < 6; ++i) {
    if (av[i] < 0 || bv[i] < 0) return 0;
    if (av[i] != bv[i]) return av[i] < bv[i] ? -1 : 1;
  }
  return 0;
}

}  // namespace vigil

namespace vigil {

std::optional<long> DayNumber(const IsoDateTime& t) {
  if (!t.has_full_date()) return std::nullopt;
  // Days from civil (proleptic Gregorian), after H. Hinnant's algorithm.
  const long y = t.year - (t.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (t.month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + t.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<long> DaysBetween(std::string_view from, std::string_view to) {
  auto a = ParseIsoDateTime(from);
  auto b = ParseIsoDateTime(to);
  if (!a.ok() || !b.ok()) return std::nullopt;
  auto da = DayNumber(*a);
  auto db = DayNumber(*b);
  if (!da || !db) return std::nullopt;
  return *db - *da;
}

bool OnsetBeforeFirstDose(std::string_view onset, std::string_view first_dose) {
  const auto days = DaysBetween(onset, first_dose);
  return days && *days > 0;
}

}  // namespace vigil
