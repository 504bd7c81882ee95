// `vigilctl simulate`: a reproducible synthetic trial written as spool files
// (product spec; the generator is tools/simulation). The tests, the
// benchmarks and the README's demo feed the daemon with it.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "tools/simulation/simulation.h"

namespace vigil::ctl {

struct SimulateRequest {
  simulation::Options options;
  std::string out_dir;
};

// Writes every file of the simulated trial into `out_dir`, creating it if
// needed. Each file is written under a hidden temporary name, synced and then
// renamed, in name order, so `out_dir` may be a live spool directory. Prints
// one line per domain with its counts. 0 ok, 1 when a file cannot be written
// (the files before it stay), 2 when the options are invalid (named).
int Simulate(const SimulateRequest& request, std::ostream& out, std::ostream& err);

class SimulateCommand {
 public:
  // Adds `simulate` and its flags to `parent`.
  explicit SimulateCommand(CLI::App& parent);

  // Whether `simulate` was given on the command line.
  bool Selected() const { return sub_->parsed(); }
  int Run(std::ostream& out, std::ostream& err) const { return Simulate(request_, out, err); }

 private:
  CLI::App* sub_ = nullptr;
  SimulateRequest request_;
};

}  // namespace vigil::ctl
