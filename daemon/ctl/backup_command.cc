#include "daemon/ctl/backup_command.h"

#include "daemon/ctl/commands.h"
#include "daemon/store/backup.h"

namespace vigil::ctl {

int Backup(const std::string& db_path, const std::string& file, std::ostream& out, std::ostream& err) {
  auto report = store::BackupDatabase(db_path, file);
  if (!report.ok()) {
    err << "vigilctl: backup: " << report.status().message() << "\n";
    return kFailure;
  }
  out << "backup " << file << ": " << report->bytes << " bytes, sha256 " << report->sha256 << " (" << file
      << ".sha256)\n";
  if (report->last_batch_id > 0) {
    out << "holds every delivery up to #" << report->last_batch_id << ", received " << report->last_received_at
        << "\n";
  } else {
    out << "holds no delivery yet\n";
  }
  return kOk;
}

}  // namespace vigil::ctl
