// Instants as epoch seconds (UTC), the unit every regulatory clock uses, and
// their ISO 8601 text. Awareness times come from feeds and operators as text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rules/status.h"

namespace vigil::clocks {

inline constexpr std::int64_t kSecondsPerHour = 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

// "2026-03-01T08:00:00Z", "2026-03-01T08:00:00.000Z", "2026-03-01T16:00+08:00",
// "...-0500", "...+08". A full date, hours and minutes and a zone are
// required: an instant without a zone is ambiguous by up to a day, which a
// 24-hour clock cannot absorb. Fractional seconds are dropped (rounded down).
// The instant in UTC must fall in the years 0000-9999, so that its
// FormatTimestamp text reads back.
Result<std::int64_t> ParseTimestamp(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatTimestamp(std::int64_t epoch_s);

}  // namespace vigil::clocks
