#include "daemon/ctl/simulate_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "daemon/ctl/commands.h"
#include "daemon/state_dir.h"

namespace vigil::ctl {
namespace {

namespace fs = std::filesystem;

// Writes `text` to `dir/.name.tmp`, syncs it and renames it to `dir/name`.
// (vigil::Status: ctl::Status is the `status` command.)
vigil::Status WriteAtomically(const fs::path& dir, const std::string& name, const std::string& text) {
  const fs::path tmp = dir / ("." + name + ".tmp");
  const fs::path final_path = dir / name;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) return vigil::Status::Io(tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return vigil::Status::Io(tmp.string() + ": " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return vigil::Status::Io(tmp.string() + ": " + why);
  }
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return vigil::Status::Io(final_path.string() + ": " + why);
  }
  return vigil::Status::Ok();
}

void PrintSummary(const SimulateRequest& r, const simulation::Summary& s, std::ostream& out) {
  auto line = [&](Domain d) -> std::ostream& {
    const simulation::DomainCount& c = s.of(d);
    return out << DomainName(d) << ": " << c.records << " records in " << c.files << " files";
  };
  out << "simulated " << r.options.study_id << ": " << s.subjects << " subjects (cohort A " << s.cohort_a << ", B "
      << s.cohort_b << ") at " << s.sites << " sites, seed " << r.options.seed << ", files dated " << s.first_day
      << " to " << s.last_day << "\n";
  line(Domain::kDm) << " (" << s.subjects << " enrolled and treated, " << s.deaths << " deaths)\n";
  line(Domain::kEx) << " (" << s.exposures << " administrations and courses)\n";
  line(Domain::kAe) << " (" << s.ae_events << " events: " << s.grade3plus_events << " grade >= 3, " << s.serious_events
                    << " serious, " << s.fatal_events << " fatal; subjects with fistula " << s.fistula_subjects
                    << ", pneumonitis " << s.pneumonitis_subjects << ", Hy's law " << s.hys_law_subjects << ")\n";
  line(Domain::kLb) << " (" << s.lab_values << " values, " << s.lab_corrections << " corrections)\n";
  line(Domain::kVs) << "\n";
  line(Domain::kEg) << "\n";
}

}  // namespace

int Simulate(const SimulateRequest& request, std::ostream& out, std::ostream& err) {
  if (vigil::Status s = simulation::Validate(request.options); !s.ok()) {
    err << "vigilctl simulate: " << s.message() << "\n";
    return kUsage;
  }
  const fs::path dir(request.out_dir);
  if (vigil::Status s = CreatePrivateDirectories(dir); !s.ok() || !fs::is_directory(dir)) {
    err << "vigilctl simulate: " << (s.ok() ? dir.string() + ": not a directory" : s.message()) << "\n";
    return kFailure;
  }
  vigil::Status written = vigil::Status::Ok();
  int files = 0;
  auto summary = simulation::Generate(request.options, [&](simulation::SpoolFile&& f) {
    if (!written.ok()) return;  // the rest is generated but not written
    written = WriteAtomically(dir, f.name, f.contents);
    files += written.ok() ? 1 : 0;
  });
  if (!summary.ok()) {
    err << "vigilctl simulate: " << summary.status().message() << "\n";
    return kUsage;
  }
  if (!written.ok()) {
    err << "vigilctl simulate: " << written.message() << " (" << files << " files written before it)\n";
    return kFailure;
  }
  PrintSummary(request, *summary, out);
  out << "wrote " << files << " files to " << dir.string() << "\n";
  return kOk;
}

SimulateCommand::SimulateCommand(CLI::App& parent) {
  sub_ = parent.add_subcommand("simulate", "write a reproducible synthetic trial as spool files");
  simulation::Options& o = request_.options;
  sub_->add_option("--subjects", o.subjects, "subjects to enrol (1-100000)")->required();
  sub_->add_option("--seed", o.seed, "random seed: the same seed writes the same files (default 1)");
  sub_->add_option("--out", request_.out_dir, "directory to write to (created; may be a live spool directory)")
      ->required();
  sub_->add_option("--start", o.start_date, "first day of accrual, YYYY-MM-DD (default 2026-03-02)");
  sub_->add_option("--study", o.study_id, "STUDYID of every record (default ESCC2L)");
  sub_->add_option("--cohort-a-fraction", o.cohort_a_fraction, "share of subjects in cohort A (default 0.5)");
  sub_->add_option("--accrual-per-week", o.accrual_per_week,
                   "subjects consenting per week (default max(2, subjects/40))");
  sub_->add_option("--follow-up-weeks", o.follow_up_weeks, "follow-up per subject from the first dose (default 52)");
  sub_->add_option("--batch-days", o.batch_days, "days of reports per file (default 7)");
  sub_->add_option("--sites", o.sites, "number of sites (default one per 15 subjects, at most 12)");
  sub_->add_flag("--file-per-site", o.file_per_site, "one file per site and domain in each batch");
}

}  // namespace vigil::ctl
