// A finding: one reason to alert, computed from the current records. The
// daemon stores alerts and diffs the findings it computes against them; this
// module computes findings only.
//
// How the daemon is meant to diff (the contract the keys are built for):
//  - `identity` names what a finding is about and does not change when the
//    records behind it are re-delivered or corrected (an AE and its trigger,
//    a lab record and its term, a subject's Hy's-law case on one draw date);
//  - `dedupe_key` is the identity plus how bad it is (`level`). The same key
//    never alerts twice. A finding whose level is higher than that of every
//    alert already raised for its identity is a new alert (an AE upgraded to
//    a worse grade); a lower one is not (a downgrade that still meets the
//    trigger keeps the alert that was raised);
//  - an open alert whose identity no longer has any finding was removed by a
//    correction (a corrected lab value, an AE downgraded below the trigger or
//    no longer serious) and is withdrawn.
// Findings are computed only from what is valid now, so a later normal value
// never removes a finding about an earlier abnormal one: every finding is
// about specific records, not about the subject's current state.
#pragma once

#include <string>
#include <vector>

#include "rules/records/domain.h"
#include "rules/safety/alert_kind.h"

namespace vigil::safety {

// One record (and the value in it) that a finding rests on.
struct Evidence {
  Domain domain = Domain::kAe;
  std::string record_key = {};  // AESPID / LBSPID / VSSPID / EGSPID; "" for evidence about the subject
  std::string version = {};     // the caller's version name (number or receive time)
  std::string field;            // the variable or test code: "AETOXGR", "ALT", "SYSBP"
  std::string value;            // as reported, with unit and reference where they matter

  friend bool operator==(const Evidence&, const Evidence&) = default;
};

struct Finding {
  AlertKind kind = AlertKind::kSae;
  std::string trigger_id;  // the plan's trigger id ("A3"), the section's id for lab_critical / hys_law,
                           // the clock kind for sae_clock, the rule id for stopping_rule
  Severity severity = Severity::kHigh;
  std::string usubjid;
  std::string cohort;
  // For a physician, ids only: "SAE: Oesophageal fistula, grade 4 (SUBJ-001)".
  std::string title;
  // What the finding is about, stable across record versions:
  // "<kind>|<trigger id>|<USUBJID>|<what>", e.g. "sae|A1|SUBJ-001|AE|3".
  std::string identity;
  int level = 1;  // how bad: the CTCAE grade when the finding is about one, else 1
  // identity + "|g<level>": the same finding gives the same key, a worse one
  // a new key.
  std::string dedupe_key;
  std::vector<Evidence> evidence;
  std::string reason;  // why, in words
  // When the episode the finding is about began: AESTDTC of an AE, --DTC of
  // a lab value ("" when unknown). An AE and a lab finding of the same
  // trigger and subject close together are one episode (one alert).
  std::string episode_date;
};

// identity + "|g" + level.
std::string DedupeKey(const std::string& identity, int level);

}  // namespace vigil::safety
