// What a reloaded configuration changes, sorted by what the running daemon
// can do with it:
//
//  - refused: the trial's identity and vocabulary (trial.study_id, the
//    cohort and treatment ids and names, the causality terms). The intake
//    read them at the start (the HL7 mapping's study id, the FHIR mapping's
//    trial), so a daemon that took them now would check records against two
//    trials at once: the whole reload is refused, and a restart takes them.
//  - kept until a restart: where and how the daemon listens and reads
//    (state_dir, feeds.spool, feeds.mllp, http with its limits and TLS
//    files, notifiers.max_connections). The listeners, the spool watch and
//    the delivery pool are built once with these values and are not rebound
//    under their clients; the reload goes ahead with the running values and
//    logs each of these as needing a restart.
//  - applied: everything else (safety plan, receivers and routes, retries,
//    grading, categories, summary windows, the trial's other settings).
//    When any setting that derived state depends on changed (all of these
//    but `notifiers`), derived state is rebuilt (docs/design.md, "Reload").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/reload_candidate.h"

namespace vigil {

struct SettingChange {
  std::string path;  // "http.listen"
  std::string running, file;
};

struct ReloadDifference {
  std::vector<SettingChange> refused;
  std::vector<SettingChange> need_restart;
  // A setting derived state (grades, timelines, stopping-rule courses)
  // depends on changed: it is rebuilt before the new configuration runs.
  bool derived = false;
};

// `running` and `next` as the daemon applies them (the command line's
// overrides in), with the texts they were read from.
ReloadDifference CompareConfigs(const config::Config& running, std::string_view running_text,
                                const config::Config& next, std::string_view next_text, const ConfigSource& source);

// Gives `next` the running values of what needs a restart, so that the
// configuration the daemon holds says what it does.
void KeepRunningSettings(const config::Config& running, config::Config& next);

}  // namespace vigil
