// Writes one subject's planned course as feed records, batch by batch: each
// record goes to the batch in which the site or laboratory reports it.
// Measurement values are drawn here, visit by visit in time order, from the
// subject's own random stream, so they do not depend on the batching.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/simulation/subject_plan.h"

namespace vigil::simulation {

// The rows of one file per domain, each begun with its header.
class DomainRows {
 public:
  // The text of `d`'s file so far, its header written on first use.
  std::string& Rows(Domain d);
  std::string& text(Domain d) { return text_[static_cast<int>(d)]; }
  std::int64_t& records(Domain d) { return records_[static_cast<int>(d)]; }
  // The header of each domain's files.
  static const std::vector<std::string>& Header(Domain d);

 private:
  std::array<std::string, 6> text_;
  std::array<std::int64_t, 6> records_{};
};

class SubjectRecords {
 public:
  SubjectRecords(const SubjectPlan& plan, const PlanContext& context);

  // Appends to `out` every record reported up to day `to` not yet written.
  // Called batch after batch, so each record lands in the batch it is
  // reported in.
  void Render(Day to, DomainRows& out);

  // The day of the next record to report; INT_MAX when none is left.
  Day NextReport() const;
  bool Done() const;

  std::int64_t corrections() const { return corrections_; }

 private:
  struct Correction {
    Day report_day;
    MeasureId measure;
    Visit visit;
    Scaled value;
  };

  void WriteDm(const DmVersion& v, DomainRows& out);
  void WriteEx(const Exposure& x, DomainRows& out);
  void WriteAe(const AdverseEvent& e, const AeVersion& v, DomainRows& out);
  void WriteVisit(const Visit& v, DomainRows& out);
  void WriteMeasurement(MeasureId id, const Visit& v, Scaled value, DomainRows& out);

  Scaled Draw(const Measure& m, const Visit& v, bool& in_effect);
  void Derive(std::array<Scaled, kMeasureCount>& value, const std::array<bool, kMeasureCount>& effect,
              const std::array<bool, kMeasureCount>& drawn);
  int TrendPermille(MeasureId id, Day day) const;
  const LabEffect* ActiveEffect(MeasureId id, Day day) const;
  Scaled BandValue(const Band& band, MeasureId id);

  const SubjectPlan& plan_;
  const PlanContext& ctx_;
  Random rng_;
  std::string study_, site_;
  std::size_t next_dm_ = 0, next_ex_ = 0, next_ae_ = 0, next_visit_ = 0;
  struct AeReport {
    Day day;
    std::uint16_t event, version;
  };
  std::vector<AeReport> ae_reports_;  // by report day
  std::vector<Correction> corrections_pending_;
  std::int64_t corrections_ = 0;
  std::vector<std::string> fields_;  // reused row buffer
};

}  // namespace vigil::simulation
