// An alert as stored (migration 5), and the rows that go with it: outbox
// events, regulatory clocks, each subject's course per stopping rule.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "notifiers/delivery_result.h"
#include "notifiers/notification.h"

namespace vigil::store {

struct AlertRow {
  std::string id;          // stable: AlertId(dedupe_key)
  std::string dedupe_key;  // the same finding never alerts twice
  std::string identity;    // what the finding is about (rules/safety/finding.h)
  std::string scope;       // the evaluation that owns the alert
  int level = 1;
  std::string kind, trigger_id, severity, cohort, subject, title, reason;
  std::string evidence = "[]";  // JSON array
  std::string created_at, due_at = {};
  // open | acknowledged | withdrawn | merged (an AE and a lab finding of one
  // episode: notified once, through the alert it is merged into).
  std::string state = "open";
  std::string acknowledged_by = {}, acknowledged_at = {}, ack_note = {}, withdrawn_at = {}, withdrawn_reason = {};
  std::string history = "[]";      // JSON array: each withdrawal of an alert reopened since
  std::string current_state = {};  // a stopping rule's latest state (JSON), beside its alert
  std::string cleared_at = {};     // a stopping rule last found back under its boundary
  std::string merged_into = {};    // the alert id a merged alert is notified through
  std::string episode_date;        // AESTDTC / --DTC of the finding's first record
};

// "AL-" and the first 16 hex digits of the SHA-256 of the dedupe key: the
// same finding has the same id on every machine and after every rebuild.
std::string AlertId(std::string_view dedupe_key);

// The alert as `vigilctl alerts --format json` and the API give it (product
// spec, "Alerts"): id, kind, dedupe_key, severity, cohort, subject, title,
// evidence, created_at, due_at, state, and trigger, reason, level,
// acknowledgement and withdrawal.
nlohmann::json AlertJson(const AlertRow& alert);

// Where one notification goes: a receiver and one of its channels, by the
// channel's address in the receiver's configuration ("webhooks[0]", "log").
struct Destination {
  std::string receiver, channel;
  bool operator==(const Destination&) const = default;
};

// One outbox row (migration 9): one notification on one channel.
struct OutboxItem {
  std::int64_t id = 0;
  notifiers::Event event = notifiers::Event::kInvalid;
  Destination to;
  int attempts = 0;  // made so far
  std::string created_at;
  AlertRow alert;
};

// The notification id of an outbox row: the alert id and the row's number.
// Webhooks carry it as Idempotency-Key; it never changes for the row.
std::string NotificationId(const OutboxItem& item);

// What one attempt to deliver an outbox row gave.
struct DeliveryAttempt {
  std::int64_t outbox_id = 0;
  std::string at;
  notifiers::DeliveryResult result;
  std::string next_at = {};  // kRetry: when to try again
  std::int64_t elapsed_ms = 0;
};

// A decision still to come for an open alert: a repeat to `receiver` every
// interval_s, or an escalation to `receiver` at due_at (after which it is
// repeated every interval_s).
enum class TimerKind { kRepeat, kEscalate };
struct AlertTimer {
  std::string alert_id;
  TimerKind kind = TimerKind::kRepeat;
  std::string receiver, due_at;
  std::int64_t interval_s = 0;
};

// A regulatory clock of one case (daemon/safety/case_clocks.h).
//   running   -> submitted (the report went out: submitted_at/by) or closed
//                (no further report needed), by an operator; or stopped,
//                when the case no longer qualifies (stopped_at, reason);
//   stopped   -> running again when the case qualifies again (same Day 0),
//                or submitted / closed by an operator.
// Submitted and closed are final: no reminder, no overdue notice.
struct ClockRow {
  std::int64_t id = 0;
  std::string usubjid, ae_key, kind, cohort;
  std::string started_at, due_at;                                      // timestamps ("...Z"); started_at is Day 0
  int stage_sent = 0;                                                  // rules/clocks/notices.h
  std::string state = "running";                                       // running | stopped | submitted | closed
  std::string basis = "receipt";                                       // Day 0 from: site_awareness | receipt
  std::string submitted_at, submitted_by, closed_at, closed_by, note;  // "" when not
  std::string stopped_at, stopped_reason;                              // the latest stop
  int stop_count = 0;
  std::string overdue_at;  // when the overdue notice was raised; "" when never
};

// A clock as the DSMB and the sponsor list it: with the subject's site
// (DM.SITEID, "" when unknown).
struct ClockListing {
  ClockRow clock;
  std::string site;
};

// A subject's course for one stopping rule: dates as the records give them
// ("" when none). Evaluated at a cut-off by rules/stopping.
struct RuleCourseRow {
  std::string rule_id, usubjid, cohort, first_dose, death, event;
  // The end of follow-up: DM.RFPENDTC (withdrawal, loss to follow-up); ""
  // when the subject is still followed. Evaluability ends there.
  std::string follow_up_end;
};

}  // namespace vigil::store
