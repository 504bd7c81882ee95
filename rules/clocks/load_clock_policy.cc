#include <string>

#include "rules/clocks/clock_policy.h"

namespace vigil::clocks {
namespace {

using jsonload::Node;

// An integer in [1, max], or nullopt (reported) when present and invalid.
std::optional<int> Bounded(const Node& n, std::string_view key, int max, std::string_view why) {
  const auto v = n.Integer(key, false);
  if (!v) return std::nullopt;
  if (*v < 1) {
    n.Member(key).Error("must be at least 1, got " + std::to_string(*v));
    return std::nullopt;
  }
  if (*v > max) {
    n.Member(key).Error("must be at most " + std::to_string(max) + " (" + std::string(why) + "), got " +
                        std::to_string(*v));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

}  // namespace

ClockPolicy LoadClockPolicy(const Node& node) {
  ClockPolicy p;
  if (node.json().is_null()) return p;
  if (!node.IsObjectWithKeys(
          {"investigator_hours", "susar_fatal_days", "susar_followup_days", "susar_other_days", "reminder_hours"})) {
    return p;
  }
  if (const auto h = Bounded(node, "investigator_hours", 24, "21 CFR 312.64(b): immediately; protocols allow 24 h")) {
    p.investigator_report_s = *h * kSecondsPerHour;
  }
  if (const auto d = Bounded(node, "susar_fatal_days", 7, "ICH E2A: 7 calendar days")) p.susar_fatal_days = *d;
  if (const auto d = Bounded(node, "susar_followup_days", 8, "ICH E2A: 8 further days")) p.susar_followup_days = *d;
  if (const auto d = Bounded(node, "susar_other_days", 15, "ICH E2A: 15 calendar days")) p.susar_other_days = *d;
  if (p.susar_fatal_days > p.susar_other_days) {
    node.Member("susar_fatal_days")
        .Error("the fatal or life-threatening SUSAR clock (" + std::to_string(p.susar_fatal_days) +
               " days) must not be longer than the other SUSAR clock (" + std::to_string(p.susar_other_days) +
               " days)");
  }
  if (node.Find("reminder_hours")) {
    const Node list = node.Member("reminder_hours");
    if (!list.json().is_array()) {
      list.Error("expected an array of hours before the due time, e.g. [72, 24, 4]");
      return p;
    }
    std::vector<std::int64_t> reminders;
    bool ok = true;
    for (std::size_t i = 0; i < list.json().size(); ++i) {
      const auto& e = list.json()[i];
      const long long previous = reminders.empty() ? 0 : reminders.back() / kSecondsPerHour;
      if (!e.is_number_integer() || e.get<long long>() < 1 || e.get<long long>() > 24 * 366 ||
          (!reminders.empty() && e.get<long long>() >= previous)) {
        list.Element(i).Error(reminders.empty()
                                  ? "expected a positive number of hours"
                                  : "expected a positive number of hours below " + std::to_string(previous) +
                                        " (reminders are in decreasing order)");
        ok = false;
        continue;
      }
      reminders.push_back(e.get<long long>() * kSecondsPerHour);
    }
    if (ok) p.reminders_s = std::move(reminders);
  }
  return p;
}

}  // namespace vigil::clocks
