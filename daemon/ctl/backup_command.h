// `vigilctl backup FILE`: a consistent online copy of the database while
// the daemon runs and ingests (daemon/store/backup.h), with FILE.sha256
// beside it. docs/operations.md, "Back up and restore", says how a copy is
// restored.
#pragma once

#include <ostream>
#include <string>

namespace vigil::ctl {

// 0; 1 when there is no database, FILE exists, or the copy cannot be made.
int Backup(const std::string& db_path, const std::string& file, std::ostream& out, std::ostream& err);

}  // namespace vigil::ctl
