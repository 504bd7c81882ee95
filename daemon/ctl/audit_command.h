// `vigilctl audit verify|show`: the audit trail for an inspector (product
// spec, "Storage and audit"; daemon/store/audit_chain.h). `verify` walks
// the hash chain from the first entry and names the first entry that does
// not match (changed, removed or added), exit status 1; on success it
// prints the number of entries and the head hash, which a later verify of
// the same database, or of a backup, can be compared with. `show` lists
// the entries (or those at or after --since) as text or JSON. Both read
// through a read-only connection, beside a running daemon.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

class AuditCommand {
 public:
  explicit AuditCommand(CLI::App& parent);

  bool Selected() const { return audit_->parsed(); }
  // verify: 0 when the chain holds, 1 when it is broken or unreadable.
  // show: 0; 1 when the database cannot be read; 2 for a bad --since.
  int Run(const std::string& db_path, std::ostream& out, std::ostream& err) const;

 private:
  int Verify(const std::string& db_path, std::ostream& out, std::ostream& err) const;
  int Show(const std::string& db_path, std::ostream& out, std::ostream& err) const;

  CLI::App* audit_ = nullptr;
  CLI::App* verify_ = nullptr;
  CLI::App* show_ = nullptr;
  std::string since_;
  Format format_ = Format::kText;
};

}  // namespace vigil::ctl
