#include "daemon/ctl/backup_command.h"

#include <chrono>

#include "daemon/clock.h"
#include "daemon/ctl/commands.h"
#include "daemon/store/backup.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"

namespace vigil::ctl {
namespace {

// The copy's audit trail, walked: how many entries it holds, its head hash,
// and whether it verifies (a copy of a tampered database says so at once).
struct CopyTrail {
  std::int64_t entries = 0;
  std::string head;
  std::string broken = {};  // "" when it verifies
};

vigil::Result<CopyTrail> WalkCopy(const std::string& file) {
  auto reader = store::Reader::Open(file);
  if (!reader.ok()) return reader.status();
  auto walked = (*reader)->VerifyAuditTrail();
  if (!walked.ok()) return walked.status();
  const store::AuditChainCheck& check = walked->check;
  CopyTrail trail{.entries = check.entries(),
                  .head = check.head(),
                  .broken = check.broken()
                                ? "entry " + std::to_string(check.broken()->seq) + " " + check.broken()->reason
                                : std::string()};
  return trail;
}

}  // namespace

int Backup(const std::string& db_path, const std::string& file, std::ostream& out, std::ostream& err) {
  auto report = store::BackupDatabase(db_path, file);
  if (!report.ok()) {
    err << "vigilctl: backup: " << report.status().message() << "\n";
    return kFailure;
  }
  out << "backup " << file << ": " << report->bytes << " bytes, sha256 " << report->sha256 << " (" << file
      << ".sha256)\n";
  if (report->last_batch_id > 0) {
    out << "holds every delivery up to #" << report->last_batch_id << ", received " << report->last_received_at << "\n";
  } else {
    out << "holds no delivery yet\n";
  }
  auto trail = WalkCopy(file);
  if (!trail.ok()) {
    err << "vigilctl: backup: reading the copy's audit trail: " << trail.status().message() << "\n";
    return kFailure;
  }
  if (!trail->broken.empty()) {
    err << "vigilctl: backup: the copy's audit trail does not verify: " << trail->broken << "\n";
    return kFailure;
  }
  out << "audit trail: " << trail->entries << " entries, head " << trail->head << "\n";
  // The backup itself is an entry of the live trail (not of the copy, which
  // was taken before it): where it went, its digest and the trail it holds.
  auto live = store::Store::Open(db_path);
  vigil::Status recorded = live.ok() ? (*live)->Audit("backup.taken", file,
                                                      {{"sha256", report->sha256},
                                                       {"bytes", report->bytes},
                                                       {"last_batch_id", report->last_batch_id},
                                                       {"audit_entries", trail->entries},
                                                       {"audit_head", trail->head}},
                                                      FormatTimestamp(std::chrono::system_clock::now()))
                                     : live.status();
  if (!recorded.ok()) {
    err << "vigilctl: backup: the copy is complete, but recording it in the audit trail failed: " << recorded.message()
        << "\n";
    return kFailure;
  }
  return kOk;
}

}  // namespace vigil::ctl
