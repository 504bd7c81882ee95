#include "daemon/ctl/audit_command.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "daemon/store/audit_chain.h"
#include "daemon/store/reader.h"
#include "rules/records/iso_date.h"

namespace vigil::ctl {
namespace {

// A date or a timestamp that compares with the trail's UTC texts as text:
// a full date, with as much of the time as wanted, each part after the one
// before it, in UTC ("Z") or with no zone: 2026-06-30, 2026-06-30T12:00,
// 2026-06-30T12:00:00Z, 2026-06-30T12:00:00.000Z. An offset (+08:00) reads
// as a date-time but would compare wrongly, so it is refused.
bool IsTimestamp(std::string_view s) {
  const Result<IsoDateTime> t = ParseIsoDateTime(s);
  if (!t.ok() || !t->has_full_date()) return false;
  if ((t->minute >= 0 && t->hour < 0) || (t->second >= 0 && t->minute < 0)) return false;
  const std::size_t time = s.find('T');
  return time == std::string_view::npos || s.find_first_of("+-", time) == std::string_view::npos;
}

nlohmann::json EntryJson(const store::AuditEntry& e) {
  nlohmann::json detail = nlohmann::json::parse(e.detail, nullptr, /*allow_exceptions=*/false);
  if (detail.is_discarded()) detail = e.detail;  // shown as stored: verify says whether it is intact
  return {{"seq", e.seq},       {"at", e.at},       {"actor", e.actor},         {"action", e.action},
          {"object", e.object}, {"detail", detail}, {"prev_hash", e.prev_hash}, {"hash", e.hash}};
}

}  // namespace

AuditCommand::AuditCommand(CLI::App& parent) {
  audit_ = parent.add_subcommand("audit", "the audit trail: verify its hash chain, show its entries");
  audit_->require_subcommand(1);
  verify_ = audit_->add_subcommand("verify", "check the hash chain; names the first entry that does not match");
  show_ = audit_->add_subcommand("show", "list the audit trail's entries, oldest first");
  show_->add_option("--since", since_, "entries at or after this date or timestamp (2026-06-30, 2026-06-30T12:00:00Z)");
  show_->add_option("--format", format_, "text (default) or json")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, Format>{{"text", Format::kText}, {"json", Format::kJson}}, CLI::ignore_case));
}

int AuditCommand::Run(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  if (verify_->parsed()) return Verify(db_path, out, err);
  if (show_->parsed()) return Show(db_path, out, err);
  return kUsage;
}

int AuditCommand::Verify(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl audit verify: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto walked = (*reader)->VerifyAuditTrail();
  if (!walked.ok()) {
    err << "vigilctl audit verify: " << walked.status().message() << "\n";
    return kFailure;
  }
  const store::AuditChainCheck& check = walked->check;
  const store::AuditEntry& broken_entry = walked->broken;
  const store::AuditEntry& last = walked->last;
  if (const auto& b = check.broken()) {
    err << "vigilctl audit verify: the audit trail is broken at entry " << b->seq << " (" << broken_entry.at << " "
        << broken_entry.action << " " << broken_entry.object << "): it " << b->reason << "\n";
    err << (check.entries() - 1) << " entries before it chain correctly\n";
    return kFailure;
  }
  if (check.entries() == 0) {
    out << "audit trail verified: no entries yet\n";
    return kOk;
  }
  out << "audit trail verified: " << check.entries() << " entries, the last " << last.seq << " at " << last.at
      << ", head " << check.head() << "\n";
  return kOk;
}

int AuditCommand::Show(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  if (!since_.empty() && !IsTimestamp(since_)) {
    err << "vigilctl audit show: --since '" << since_
        << "': not a date or timestamp (2026-06-30, 2026-06-30T12:00:00Z)\n";
    return kUsage;
  }
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl audit show: " << reader.status().message() << "\n";
    return kFailure;
  }
  // Streamed, entry by entry: a trail of years is not held in memory.
  bool first = true;
  if (format_ == Format::kJson) out << "[";
  vigil::Status s = (*reader)->ForEachAuditEntry(since_, [&](const store::AuditEntry& e) {
    if (format_ == Format::kJson) {
      out << (first ? "\n" : ",\n") << EntryJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      out << e.seq << "  " << e.at << "  " << e.actor << "  " << e.action << "  " << e.object << "  " << e.detail
          << "\n";
    }
    first = false;
    return true;
  });
  if (format_ == Format::kJson) out << (first ? "]\n" : "\n]\n");
  if (!s.ok()) {
    err << "vigilctl audit show: " << s.message() << "\n";
    return kFailure;
  }
  return kOk;
}

}  // namespace vigil::ctl
