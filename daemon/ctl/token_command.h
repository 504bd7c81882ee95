// `vigilctl token create|list|revoke`: the HTTP API's bearer tokens
// (product spec, "HTTP API"). `create` prints the token and nothing else,
// once; only its SHA-256 is stored. A running daemon sees a new or revoked
// token from its next request on. Writes go through a write connection of
// vigilctl's own (WAL: beside the daemon's).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

class TokenCommand {
 public:
  // Adds `token` and its subcommands to `parent`.
  explicit TokenCommand(CLI::App& parent);

  bool Selected() const { return token_->parsed(); }
  // 0; 1 for a name taken or unknown, or a database that cannot be written;
  // 2 for a bad name.
  int Run(const std::string& db_path, std::ostream& out, std::ostream& err) const;

 private:
  int Create(const std::string& db_path, std::ostream& out, std::ostream& err) const;
  int List(const std::string& db_path, std::ostream& out, std::ostream& err) const;
  int Revoke(const std::string& db_path, std::ostream& out, std::ostream& err) const;

  CLI::App* token_ = nullptr;
  CLI::App* create_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* revoke_ = nullptr;
  std::string role_, name_;
  Format format_ = Format::kText;
};

}  // namespace vigil::ctl
