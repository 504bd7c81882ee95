// One definition of "serious" for every part of Vigil (alerts, clocks,
// summaries, stopping rules): ICH E2A's, read from an AE record.
//
//   const Seriousness s = ReadSeriousness(ae);
//   if (s.serious) ...;            // SAE
//   if (s.inconsistent) ...;       // AESER = N, but a criterion says Y
//
// An AE is serious when AESER = Y or any seriousness criterion is Y: AESDTH
// (results in death), AESLIFE (life-threatening), AESHOSP (requires or
// prolongs hospitalisation), AESDISAB (persistent or significant
// disability), AESCONG (congenital anomaly), AESMIE (other medically
// important event). A fatal outcome (AETOXGR 5, AEOUT = FATAL) is "results in
// death" even when AESDTH was left blank. A ticked criterion wins over
// AESER = N: the record is counted and alerted as serious, and the
// contradiction is a data-quality finding for the site (formats.md: flag,
// do not fix). Y/N values are read case-insensitively, spaces ignored.
#pragma once

#include <string>
#include <vector>

#include "rules/records/record.h"

namespace vigil {

struct Seriousness {
  bool serious = false;
  // ICH E2A "results in death": AESDTH = Y, AEOUT = FATAL or AETOXGR 5.
  bool fatal = false;
  // AESLIFE = Y or CTCAE grade 4 ("life-threatening consequences").
  bool life_threatening = false;
  // The criteria flagged Y ("AESDTH", "AESHOSP", ...), and "AEOUT = FATAL" /
  // "AETOXGR 5" when those made the case fatal.
  std::vector<std::string> criteria;
  // AESER says N (or is blank) while a criterion says the event is serious.
  bool inconsistent = false;

  // "AESER = N, but AESHOSP = Y: counted as serious" when inconsistent.
  std::string InconsistencyText(const Record& ae) const;
};

Seriousness ReadSeriousness(const Record& ae);

// Whether a Y/N flag says Y (any case, surrounding spaces ignored).
bool FlagIsYes(std::string_view value);

}  // namespace vigil
