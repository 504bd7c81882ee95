#include "tools/simulation/simulation.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "tools/simulation/subject_plan.h"
#include "tools/simulation/subject_records.h"

namespace vigil::simulation {
namespace {

constexpr int kMaxSubjects = 100000;

int SitesFor(const Options& o) { return o.sites > 0 ? o.sites : std::clamp((o.subjects + 14) / 15, 1, 12); }

// Subjects consenting per 1000 weeks.
std::int64_t AccrualPerMilliWeek(const Options& o) {
  if (o.accrual_per_week > 0) return std::max<std::int64_t>(1, std::llround(o.accrual_per_week * 1000));
  return std::max<std::int64_t>(2000, std::int64_t{o.subjects} * 1000 / 40);
}

struct Enrolment {
  int index;  // in enrolment order
  Day consent;
  int site;
  int number;  // within the site
  bool cohort_a;
};

std::string SubjectId(const std::string& study, int site, int number, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%02d-%0*d", site, width, number);
  return study + buf;
}

bool HasFatal(const SubjectPlan& p) {
  return std::any_of(p.events.begin(), p.events.end(), [](const AdverseEvent& e) { return e.worst_grade == 5; });
}

bool HasAnyPattern(const SubjectPlan& p) { return p.fistula || p.pneumonitis || p.hys_law || HasFatal(p); }

class Trial {
 public:
  explicit Trial(const Options& o) : o_(o) {}

  Summary Run(const std::function<void(SpoolFile&&)>& sink) {
    Enrol();
    Plan();
    Write(sink);
    return summary_;
  }

 private:
  void Enrol() {
    // One engine for the trial-level draws (allocation, dates, sites); each
    // subject has streams of its own (Random::StreamSeed).
    Random rng(o_.seed);
    const int n = o_.subjects;
    sites_ = SitesFor(o_);
    const int in_a = static_cast<int>(std::llround(n * o_.cohort_a_fraction));
    std::vector<bool> cohort_a(static_cast<std::size_t>(n), false);
    std::fill(cohort_a.begin(), cohort_a.begin() + in_a, true);
    for (int i = n - 1; i > 0; --i) {  // Fisher-Yates
      const int j = rng.Between(0, i);
      const bool t = cohort_a[static_cast<std::size_t>(i)];
      cohort_a[static_cast<std::size_t>(i)] = cohort_a[static_cast<std::size_t>(j)];
      cohort_a[static_cast<std::size_t>(j)] = t;
    }
    start_ = *ParseIsoDay(o_.start_date);
    const std::int64_t rate = AccrualPerMilliWeek(o_);
    const int gap = static_cast<int>(std::max<std::int64_t>(1, 7000 / rate));
    for (int i = 0; i < n; ++i) {
      const Day consent = start_ + static_cast<int>(std::int64_t{i} * 7000 / rate) + rng.Between(0, gap - 1);
      enrolment_.push_back({i, consent, rng.Between(1, sites_), 0, cohort_a[static_cast<std::size_t>(i)]});
    }
    std::stable_sort(enrolment_.begin(), enrolment_.end(),
                     [](const Enrolment& a, const Enrolment& b) { return a.consent < b.consent; });
    std::vector<int> per_site(static_cast<std::size_t>(sites_) + 1, 0);
    for (Enrolment& e : enrolment_) e.number = ++per_site[static_cast<std::size_t>(e.site)];
    width_ = std::max(3, static_cast<int>(std::to_string(*std::max_element(per_site.begin(), per_site.end())).size()));
    // The subjects a missing rare pattern would go to, drawn now so that the
    // draws do not depend on what the plans turn out to hold.
    for (int k = 0; k < 4; ++k) pattern_draw_.push_back(rng.Next());
  }

  SubjectPlan PlanOne(const Enrolment& e, unsigned forced) const {
    return PlanSubject(context_, e.index, SubjectId(o_.study_id, e.site, e.number, width_), e.site, e.cohort_a,
                       e.consent, forced);
  }

  void Plan() {
    context_ = {.options = &o_, .period_origin = start_, .batch_days = o_.batch_days};
    plans_.reserve(enrolment_.size());
    for (const Enrolment& e : enrolment_) plans_.push_back(PlanOne(e, 0));
    if (o_.ensure_rare_patterns && o_.subjects >= 4) EnsureRarePatterns();
    // Files list subjects in USUBJID order, as sites and laboratories send them.
    order_.resize(plans_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(),
              [&](std::size_t a, std::size_t b) { return plans_[a].usubjid < plans_[b].usubjid; });
  }

  void EnsureRarePatterns() {
    struct Pattern {
      unsigned bit;
      bool (*present)(const SubjectPlan&);
      bool prefer_a;
    };
    const Pattern patterns[] = {
        {forced::kFistula, [](const SubjectPlan& p) { return p.fistula; }, true},
        {forced::kPneumonitis, [](const SubjectPlan& p) { return p.pneumonitis; }, true},
        {forced::kFatal, HasFatal, false},
        {forced::kHysLaw, [](const SubjectPlan& p) { return p.hys_law; }, false},
    };
    for (std::size_t k = 0; k < std::size(patterns); ++k) {
      const Pattern& pattern = patterns[k];
      if (std::any_of(plans_.begin(), plans_.end(), pattern.present)) continue;
      // A subject with none of the patterns, in the preferred cohort if any.
      std::vector<std::size_t> pool;
      for (int pass = 0; pass < 2 && pool.empty(); ++pass) {
        for (std::size_t i = 0; i < plans_.size(); ++i) {
          if (HasAnyPattern(plans_[i])) continue;
          if (pass == 0 && pattern.prefer_a && !plans_[i].cohort_a) continue;
          pool.push_back(i);
        }
      }
      if (pool.empty()) continue;
      const std::size_t chosen = pool[pattern_draw_[k] % pool.size()];
      plans_[chosen] = PlanOne(enrolment_[chosen], pattern.bit);
    }
  }

  // Batches run from the start date in steps of batch_days until every
  // subject has reported everything; each non-empty domain (and site) of a
  // batch is one file.
  void Write(const std::function<void(SpoolFile&&)>& sink) {
    std::vector<SubjectRecords> records;
    records.reserve(plans_.size());
    Day last = start_;
    for (std::size_t i : order_) {
      records.emplace_back(plans_[i], context_);
      last = std::max(last, LastPlannedReport(plans_[i]));
    }
    // Corrections come at most a batch and ten days after the visit's report.
    const std::int64_t batches = (last - start_) / o_.batch_days + 3;
    const int groups = o_.file_per_site ? sites_ : 1;
    const int seq_width = std::max(4, static_cast<int>(std::to_string(batches * 6 * groups).size()));

    std::vector<DomainRows> rows(static_cast<std::size_t>(groups));
    int seq = 0;
    for (Day from = start_;; from += o_.batch_days) {
      const Day to = from + o_.batch_days - 1;
      bool pending = false;
      for (std::size_t k = 0; k < records.size(); ++k) {
        SubjectRecords& r = records[k];
        if (r.Done()) continue;
        pending = true;
        if (r.NextReport() > to) continue;
        const int site = plans_[order_[k]].site;
        r.Render(to, rows[o_.file_per_site ? static_cast<std::size_t>(site - 1) : 0]);
      }
      if (!pending) break;
      for (Domain d : {Domain::kDm, Domain::kEx, Domain::kLb, Domain::kVs, Domain::kEg, Domain::kAe}) {
        for (int g = 0; g < groups; ++g) {
          DomainRows& batch = rows[static_cast<std::size_t>(g)];
          std::string& text = batch.text(d);
          if (text.empty()) continue;
          std::string number = std::to_string(++seq);
          number.insert(0, static_cast<std::size_t>(std::max(0, seq_width - static_cast<int>(number.size()))), '0');
          std::string name = number;
          name.append("-").append(IsoDate(from));
          if (o_.file_per_site) name.append(g + 1 < 10 ? "-site0" : "-site").append(std::to_string(g + 1));
          name.append(".").append(DomainName(d)).append(".csv");
          DomainCount& count = summary_.domains[static_cast<int>(d)];
          ++count.files;
          count.records += batch.records(d);
          count.bytes += static_cast<std::int64_t>(text.size());
          batch.records(d) = 0;
          if (summary_.first_day.empty()) summary_.first_day = IsoDate(from);
          summary_.last_day = IsoDate(from);
          SpoolFile file{std::move(name), std::move(text)};
          text.clear();
          sink(std::move(file));
        }
      }
    }
    for (const SubjectRecords& r : records) summary_.lab_corrections += r.corrections();
    Summarise();
  }

  static Day LastPlannedReport(const SubjectPlan& p) {
    Day last = p.consent;
    for (const DmVersion& v : p.dm) last = std::max(last, v.report_day);
    for (const Exposure& x : p.exposures) last = std::max(last, x.report_day);
    for (const AdverseEvent& e : p.events) {
      for (const AeVersion& v : e.versions) last = std::max(last, v.report_day);
    }
    for (const Visit& v : p.visits) last = std::max(last, v.report_day);
    return last;
  }

  void Summarise() {
    summary_.subjects = static_cast<int>(plans_.size());
    summary_.sites = sites_;
    for (const SubjectPlan& p : plans_) {
      (p.cohort_a ? summary_.cohort_a : summary_.cohort_b)++;
      ++summary_.treated;
      if (p.death >= 0) ++summary_.deaths;
      summary_.fistula_subjects += p.fistula;
      summary_.pneumonitis_subjects += p.pneumonitis;
      summary_.hys_law_subjects += p.hys_law;
      for (const AdverseEvent& e : p.events) {
        ++summary_.ae_events;
        summary_.grade3plus_events += e.worst_grade >= 3;
        summary_.fatal_events += e.worst_grade == 5;
        summary_.serious_events +=
            std::any_of(e.versions.begin(), e.versions.end(), [](const AeVersion& v) { return v.serious; });
      }
      for (const Exposure& x : p.exposures) summary_.exposures += x.end >= 0 || x.treatment != 3 ? 1 : 0;
    }
    summary_.lab_values = summary_.of(Domain::kLb).records - summary_.lab_corrections;
  }

  const Options& o_;
  int sites_ = 1, width_ = 3;
  Day start_ = 0;
  std::vector<Enrolment> enrolment_;
  std::vector<std::uint64_t> pattern_draw_;
  PlanContext context_;
  std::vector<SubjectPlan> plans_;
  std::vector<std::size_t> order_;
  Summary summary_;
};

}  // namespace

Status Validate(const Options& o) {
  std::string problems;
  auto problem = [&](const std::string& p) {
    if (!problems.empty()) problems.append("; ");
    problems.append(p);
  };
  if (o.subjects < 1 || o.subjects > kMaxSubjects) {
    problem("subjects must be 1-" + std::to_string(kMaxSubjects) + ", not " + std::to_string(o.subjects));
  }
  if (o.study_id.empty() || o.study_id.find_first_of(",\"\r\n") != std::string::npos) {
    problem("study id '" + o.study_id + "' must be non-empty text without commas, quotes or line ends");
  }
  if (!ParseIsoDay(o.start_date)) problem("start date '" + o.start_date + "' is not a YYYY-MM-DD date");
  if (!(o.cohort_a_fraction >= 0 && o.cohort_a_fraction <= 1)) problem("cohort A fraction must be within 0-1");
  if (!(o.accrual_per_week >= 0 && o.accrual_per_week <= 10000)) {
    problem("accrual per week must be 0 (automatic) or a rate up to 10000");
  }
  if (o.follow_up_weeks < 8 || o.follow_up_weeks > 520) problem("follow-up must be 8-520 weeks");
  if (o.batch_days < 1 || o.batch_days > 91) problem("batch days must be 1-91");
  if (o.sites < 0 || o.sites > 99) problem("sites must be 1-99, or 0 for automatic");
  return problems.empty() ? Status::Ok() : Status::Invalid(problems);
}

Result<Summary> Generate(const Options& options, const std::function<void(SpoolFile&&)>& sink) {
  if (Status s = Validate(options); !s.ok()) return s;
  return Trial(options).Run(sink);
}

Result<std::vector<SpoolFile>> Generate(const Options& options) {
  std::vector<SpoolFile> files;
  auto summary = Generate(options, [&](SpoolFile&& f) { files.push_back(std::move(f)); });
  if (!summary.ok()) return summary.status();
  return files;
}

}  // namespace vigil::simulation
