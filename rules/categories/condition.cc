#include "rules/categories/condition.h"

#include <algorithm>

namespace vigil::categories {
namespace {

Truth And(Truth a, Truth b) { return std::min(a, b); }
Truth Not(Truth a) { return a == Truth::kYes ? Truth::kNo : a == Truth::kNo ? Truth::kYes : Truth::kMaybe; }

// a <= b, for ranges of possible days.
Truth AtMost(DayRange a, DayRange b) {
  if (a.last <= b.first) return Truth::kYes;
  if (a.first > b.last) return Truth::kNo;
  return Truth::kMaybe;
}

std::string OnsetText(const AdverseEvent& e) {
  return e.onset ? "onset " + FormatDate(*e.onset) : "onset date unknown";
}

// One EX record as days: the end is open when EXENDTC is missing.
struct Span {
  DayRange start;
  DayRange end;
  const Exposure* record;
};

std::vector<Span> SpansOf(const SubjectContext& subject, const std::string& treatment) {
  std::vector<Span> out;
  for (const Exposure& x : subject.exposures) {
    if (x.treatment != treatment || !x.start) continue;
    const auto start = DaysOf(*x.start);
    if (!start) continue;
    std::optional<DayRange> end = x.end ? DaysOf(*x.end) : std::nullopt;
    if (!end) end = DayRange{start->first, kOpenEnd};
    out.push_back({*start, *end, &x});
  }
  return out;
}

Truth InWindow(const TreatmentWindow& w, const AdverseEvent& e, const SubjectContext& s, std::string& fact) {
  if (!s.Receives(w.treatment)) {
    fact = "cohort " + s.cohort + " does not receive " + w.treatment;
    return Truth::kNo;
  }
  const std::vector<Span> spans = SpansOf(s, w.treatment);
  if (spans.empty()) {
    fact = "no " + w.treatment + " exposure recorded, so the " + w.treatment + " window (+ " + Describe(w.after_end) +
           ") cannot be ruled out";
    return Truth::kMaybe;
  }
  DayRange start{kOpenEnd, kOpenEnd}, end{0, 0};
  const Exposure* first = nullptr;
  const Exposure* last = nullptr;
  bool end_open = false;
  for (const Span& sp : spans) {
    if (!first || sp.start.first < start.first) first = sp.record;
    start.first = std::min(start.first, sp.start.first);
    start.last = std::min(start.last, sp.start.last);
    if (!last || sp.end.last > end.last) last = sp.record;
    end.first = std::max(end.first, sp.end.first);
    end.last = std::max(end.last, sp.end.last);
    end_open = end_open || sp.record->end == std::nullopt;
  }
  std::string course = w.treatment + " " + FormatDate(*first->start) + " to ";
  course += end_open ? "end not recorded" : FormatDate(*last->end);
  const DayRange window_end{Add(end.first, w.after_end), Add(end.last, w.after_end)};
  const auto onset = e.onset ? DaysOf(*e.onset) : std::nullopt;
  if (!onset) {
    fact = OnsetText(e) + ": within " + course + " + " + Describe(w.after_end) + " cannot be ruled out";
    return Truth::kMaybe;
  }
  const Truth t = And(AtMost(start, *onset), AtMost(*onset, window_end));
  const char* verb = t == Truth::kYes ? " within " : t == Truth::kNo ? " outside " : " possibly within ";
  fact = OnsetText(e) + verb + course + " + " + Describe(w.after_end);
  return t;
}

Truth Dosed(const DoseRecency& r, const AdverseEvent& e, const SubjectContext& s, std::string& fact) {
  const std::string span = " within " + std::to_string(r.days) + " days before onset";
  if (!s.Receives(r.treatment)) {
    fact = "cohort " + s.cohort + " does not receive " + r.treatment;
    return Truth::kNo;
  }
  const std::vector<Span> spans = SpansOf(s, r.treatment);
  if (spans.empty()) {
    fact = "no " + r.treatment + " exposure recorded, so " + r.treatment + span + " cannot be ruled out";
    return Truth::kMaybe;
  }
  const auto onset = e.onset ? DaysOf(*e.onset) : std::nullopt;
  if (!onset) {
    fact = OnsetText(e) + ", so " + r.treatment + span + " cannot be ruled out";
    return Truth::kMaybe;
  }
  // The look-back starts `days` days before the onset day.
  const DayRange from{onset->first - r.days, onset->last - r.days};
  Truth any = Truth::kNo;
  const Exposure* which = nullptr;
  for (const Span& sp : spans) {
    const Truth t = And(AtMost(sp.start, *onset), AtMost(from, sp.end));
    if (t > any) {
      any = t;
      which = sp.record;
    }
  }
  if (any == Truth::kNo) {
    fact = "no " + r.treatment + span + " (" + OnsetText(e) + ")";
  } else {
    fact = r.treatment + (any == Truth::kYes ? " given " : " possibly given ") + FormatDate(*which->start) + "," +
           span + " (" + OnsetText(e) + ")";
  }
  return any;
}

Truth Grade(const std::optional<int>& grade, int bound, bool at_least, std::string& fact) {
  if (!grade) {
    fact = "grade not reported";
    return Truth::kMaybe;
  }
  fact = "grade " + std::to_string(*grade);
  return (at_least ? *grade >= bound : *grade <= bound) ? Truth::kYes : Truth::kNo;
}

}  // namespace

bool Condition::empty() const {
  return !grade_at_least && !grade_at_most && !cohort_receives && !onset_in_window && !onset_not_in_window &&
         !dosed_within && !not_dosed_within;
}

std::vector<std::pair<std::string, std::string>> Condition::TreatmentRefs() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (cohort_receives) out.emplace_back(*cohort_receives, "/cohort_receives");
  if (onset_in_window) out.emplace_back(onset_in_window->treatment, "/onset_in_window/treatment");
  if (onset_not_in_window) out.emplace_back(onset_not_in_window->treatment, "/onset_not_in_window/treatment");
  if (dosed_within) out.emplace_back(dosed_within->treatment, "/dosed_within/treatment");
  if (not_dosed_within) out.emplace_back(not_dosed_within->treatment, "/not_dosed_within/treatment");
  return out;
}

Verdict Evaluate(const Condition& c, const AdverseEvent& e, const SubjectContext& s) {
  Verdict v;
  auto add = [&v](Truth t, std::string fact) {
    v.truth = And(v.truth, t);
    v.facts.push_back(std::move(fact));
  };
  std::string fact;
  if (c.grade_at_least) {
    const Truth t = Grade(e.grade, *c.grade_at_least, true, fact);
    add(t, fact);
  }
  if (c.grade_at_most) {
    const Truth t = Grade(e.grade, *c.grade_at_most, false, fact);
    add(t, fact);
  }
  if (c.cohort_receives) {
    const bool yes = s.Receives(*c.cohort_receives);
    add(yes ? Truth::kYes : Truth::kNo,
        "cohort " + s.cohort + (yes ? " receives " : " does not receive ") + *c.cohort_receives);
  }
  if (c.onset_in_window) {
    const Truth t = InWindow(*c.onset_in_window, e, s, fact);
    add(t, fact);
  }
  if (c.onset_not_in_window) {
    const Truth t = InWindow(*c.onset_not_in_window, e, s, fact);
    add(Not(t), fact);
  }
  if (c.dosed_within) {
    const Truth t = Dosed(*c.dosed_within, e, s, fact);
    add(t, fact);
  }
  if (c.not_dosed_within) {
    const Truth t = Dosed(*c.not_dosed_within, e, s, fact);
    add(Not(t), fact);
  }
  return v;
}

std::optional<IsoDateTime> FirstStart(const SubjectContext& subject, const std::string& treatment) {
  std::optional<IsoDateTime> best;
  std::optional<Day> best_day;
  for (const Span& sp : SpansOf(subject, treatment)) {
    if (!best_day || sp.start.first < *best_day) {
      best_day = sp.start.first;
      best = sp.record->start;
    }
  }
  return best;
}

Truth OnsetBefore(const AdverseEvent& event, const std::optional<IsoDateTime>& date) {
  const auto onset = event.onset ? DaysOf(*event.onset) : std::nullopt;
  const auto other = date ? DaysOf(*date) : std::nullopt;
  if (!onset || !other) return Truth::kMaybe;
  if (onset->last < other->first) return Truth::kYes;
  if (onset->first >= other->last) return Truth::kNo;
  return Truth::kMaybe;
}

}  // namespace vigil::categories
