#include "daemon/mllp/hl7_intake.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "daemon/sha256.h"
#include "rules/hl7/ack.h"
#include "rules/hl7/oru.h"

namespace vigil::mllp {
namespace {

// An HL7 TS in UTC: "20250314093016+0000".
std::string Hl7Now(Clock::TimePoint t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S+0000", &tm);
  return buf;
}

Hl7Answer Reply(const hl7::Header& header, hl7::AckCode code, const std::vector<hl7::Issue>& issues,
                Clock::TimePoint now, std::string summary) {
  Hl7Answer a;
  a.code = std::string(hl7::AckCodeText(code));
  a.ack = hl7::BuildAck(header, code, issues, "ACK-" + header.control_id, Hl7Now(now));
  a.summary = std::move(summary);
  return a;
}

// The final segment's terminator is framing, not content: mllp_send strips
// it, other senders keep it, and a resend must be recognised either way.
std::string_view WithoutFinalTerminator(std::string_view bytes) {
  while (!bytes.empty() && (bytes.back() == '\r' || bytes.back() == '\n')) bytes.remove_suffix(1);
  return bytes;
}

Hl7Answer Close(std::string summary) {
  Hl7Answer a;
  a.action = Hl7Answer::Action::kClose;
  a.summary = std::move(summary);
  return a;
}

}  // namespace

std::string Hl7BatchName(std::string_view sending_facility_raw, std::string_view control_id) {
  std::string_view facility = sending_facility_raw.substr(0, sending_facility_raw.find('^'));
  return std::string(facility) + "|" + std::string(control_id);
}

Hl7Answer Hl7Intake::Handle(std::string_view bytes) {
  const Clock::TimePoint now = clock_.Now();
  hl7::Parsed parsed = hl7::ParseMessage(bytes);
  const hl7::Header& header = parsed.message ? parsed.message->header : parsed.header;
  store::BatchInfo info{.source = "mllp",
                        .name = Hl7BatchName(header.sending_facility, header.control_id),
                        .sha256 = Sha256Hex(WithoutFinalTerminator(bytes)),
                        .received_at = FormatTimestamp(now)};
  const std::string id = info.name;

  auto committed = pipeline_.AlreadyCommitted(info);
  if (!committed.ok()) {
    return Close(
        fmt::format("{}: not acknowledged, the sender is to send it again: {}", id, committed.status().message()));
  }
  if (*committed) {
    if (**committed == store::BatchState::kUnreadable) {
      std::vector<hl7::Issue> issues;
      if (parsed.rejection) issues.push_back(*parsed.rejection);
      return Reply(header, hl7::AckCode::kReject, issues, now, id + ": rejected before, rejected again");
    }
    return Reply(header, hl7::AckCode::kAccept, {}, now, id + ": already committed; acknowledged again");
  }

  if (parsed.rejection) {
    // Recorded with its reason, so that it is not lost from view; the
    // sender keeps the message (AR: not to be sent again as it is).
    Status s = pipeline_.RecordUnreadable(info, parsed.rejection->reason);
    if (!s.ok() && s.code() == Status::Code::kUnavailable) {
      return Close(fmt::format("{}: not recorded, not acknowledged: {}", id, s.message()));
    }
    return Reply(header, hl7::AckCode::kReject, {*parsed.rejection}, now,
                 fmt::format("{}: rejected: {}", id, parsed.rejection->reason));
  }

  const hl7::OruMapping mapping = hl7::MapOruR01(*parsed.message, {.study_id = study_id_});
  Batch batch{.info = info, .records = {}};
  batch.records.reserve(mapping.records.size());
  for (const hl7::MappedRecord& r : mapping.records) {
    batch.records.push_back({.record = r.record, .parse_problems = r.problems});
  }
  auto outcome = pipeline_.Process(batch);
  if (!outcome.ok()) {
    if (outcome.status().code() == Status::Code::kUnavailable) {
      return Close(fmt::format("{}: not committed, not acknowledged (the sender is to send it again): {}", id,
                               outcome.status().message()));
    }
    const hl7::Issue issue{.where = {"MSH", 1, 0},
                           .code = hl7::ErrorCode::kApplicationInternalError,
                           .reason = "the message could not be stored: " + outcome.status().message(),
                           .severity = 'E'};
    return Reply(header, hl7::AckCode::kError, {issue}, now, id + ": " + issue.reason);
  }

  std::vector<hl7::Issue> issues;
  bool rejected = false;
  for (std::size_t i = 0; i < outcome->records.size() && i < mapping.records.size(); ++i) {
    const RecordOutcome& o = outcome->records[i];
    const hl7::MappedRecord& r = mapping.records[i];
    if (o.fate == RecordFate::kHeld) {
      issues.push_back({r.origin, hl7::ErrorCode::kApplicationInternalError,
                        "OBX " + std::to_string(r.origin.sequence) +
                            ": the subject is not enrolled (no DM record) yet: held until it is",
                        'W'});
      continue;
    }
    if (o.fate != RecordFate::kQuarantined) continue;
    rejected = true;
    if (!r.problems.empty()) {
      issues.insert(issues.end(), r.issues.begin(), r.issues.end());
    } else {
      for (const Problem& p : o.problems) issues.push_back(hl7::LocateProblem(r, p));
    }
  }
  issues.insert(issues.end(), mapping.notes.begin(), mapping.notes.end());
  const auto& c = outcome->counts;
  Hl7Answer a = Reply(header, rejected ? hl7::AckCode::kError : hl7::AckCode::kAccept, issues, now,
                      fmt::format("{} committed: {} records, {} new or follow-up, {} unchanged, {} quarantined, {} "
                                  "results not stored",
                                  id, c.records, c.accepted, c.unchanged, c.quarantined, mapping.notes.size()));
  a.committed = true;
  return a;
}

}  // namespace vigil::mllp
