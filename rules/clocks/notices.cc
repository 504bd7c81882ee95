#include "rules/clocks/notices.h"

#include <algorithm>

namespace vigil::clocks {
namespace {

struct Stage {
  Notice notice;
  bool applies = false;
};

// Stage s (1..k+1) of the clock: when it falls due and whether it is used.
Stage StageOf(const ClockPolicy& policy, const Clock& clock, int s) {
  const int k = static_cast<int>(policy.reminders_s.size());
  if (s == k + 1) return {{s, NoticeKind::kOverdue, 0, clock.due_s}, true};
  const std::int64_t before = policy.reminders_s[static_cast<std::size_t>(s - 1)];
  return {{s, NoticeKind::kReminder, before, clock.due_s - before}, before < clock.due_s - clock.started_s};
}

}  // namespace

std::string_view NoticeKindName(NoticeKind kind) { return kind == NoticeKind::kOverdue ? "overdue" : "reminder"; }

std::optional<Notice> NextNotice(const ClockPolicy& policy, const Clock& clock, int stage_sent, std::int64_t now_s) {
  const int last = static_cast<int>(policy.reminders_s.size()) + 1;
  for (int s = last; s > stage_sent && s >= 1; --s) {
    const Stage st = StageOf(policy, clock, s);
    if (st.applies && st.notice.at_s <= now_s) return st.notice;
  }
  return std::nullopt;
}

std::optional<std::int64_t> NextWake(const ClockPolicy& policy, const Clock& clock, int stage_sent) {
  const int last = static_cast<int>(policy.reminders_s.size()) + 1;
  std::optional<std::int64_t> wake;
  for (int s = std::max(stage_sent + 1, 1); s <= last; ++s) {
    const Stage st = StageOf(policy, clock, s);
    if (st.applies && (!wake || st.notice.at_s < *wake)) wake = st.notice.at_s;
  }
  return wake;
}

}  // namespace vigil::clocks
