// A configuration read again for a reload (SIGHUP), and checked as the
// start checks it, all of it, before anything of the running daemon
// changes: the file parsed and validated (config::ParseConfigText, every
// error with its path; notifier secrets read), the CTCAE grader of its
// version loaded, its toxicity categories built, the HTTP listener's options
// and TLS files, the MLLP listen address. The command line's overrides apply
// as they did at the start.
#pragma once

#include <string>

#include "config/config.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grader.h"
#include "rules/status.h"

namespace vigil {

// Where the configuration comes from, and what the command line said over it.
struct ConfigSource {
  std::string path;         // --config; "" = the bundled example trial
  std::string http_listen;  // --http; "" when not given
  std::string mllp_listen;  // --mllp; "" when not given
};

struct ReloadCandidate {
  std::string text;       // the file as read: what the database records
  config::Config config;  // with --http applied, as vigild_main does
  ctcae::Grader grader;
  categories::CategorySet categories;
};

// Reads `source.path` and checks it. The error is Invalid and lists every
// problem on a line of its own, each starting with the file's path (the
// configuration's own errors also name their JSON path); Io when the file
// cannot be read.
Result<ReloadCandidate> ReadReloadCandidate(const ConfigSource& source);

// The MLLP address the daemon listens on: --mllp, else feeds.mllp.listen.
std::string EffectiveMllpListen(const config::Config& config, const ConfigSource& source);

}  // namespace vigil
