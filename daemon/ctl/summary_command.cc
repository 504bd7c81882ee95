#include "daemon/ctl/summary_command.h"

#include <cstdint>

#include "daemon/summary/summary_render.h"
#include "daemon/summary/summary_service.h"

namespace vigil::ctl {
namespace {

// "warning: 3 records dated after the cut-off 2026-06-30 are not in the
// summary (ae 1, lb 2)"; "" when there are none. Without --asof the
// cut-off was chosen for the user, and the warning says how to choose it.
std::string AfterCutoffWarning(const nlohmann::json& doc, bool asof_given) {
  std::int64_t total = 0;
  std::string by_domain;
  const nlohmann::json after = doc.value("after_cutoff", nlohmann::json::object());
  for (const auto& [domain, n] : after.items()) {
    if (!n.is_number_integer() || n.get<std::int64_t>() == 0) continue;
    total += n.get<std::int64_t>();
    by_domain += (by_domain.empty() ? "" : ", ") + domain + " " + std::to_string(n.get<std::int64_t>());
  }
  if (total == 0) return "";
  const std::string cutoff = doc["asof"].is_string() ? doc["asof"].get<std::string>() : "";
  return "warning: " + std::to_string(total) + (total == 1 ? " record" : " records") + " dated after the cut-off " +
         cutoff + (total == 1 ? " is" : " are") + " not in the summary (" + by_domain + ")" +
         (asof_given ? "" : "; give --asof to choose the cut-off") + "\n";
}

}  // namespace

int Summary(const std::string& db_path, const SummaryRequest& request, std::ostream& out, std::ostream& err) {
  auto fail = [&](const vigil::Status& s) {
    err << "vigilctl summary: " << s.message() << "\n";
    return s.code() == vigil::Status::Code::kInvalid ? kUsage : kFailure;
  };
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) return fail(reader.status());
  auto context = SummaryContext::FromDatabase(**reader);
  if (!context.ok()) return fail(vigil::Status::Io(context.status().message()));
  const SummaryPrecision precision = request.precision == "full" ? SummaryPrecision::kFull : SummaryPrecision::kRounded;
  auto doc = BuildSummaryDocument(**reader, *context,
                                  {.asof = request.asof, .known_at = request.known_at, .precision = precision});
  if (!doc.ok()) return fail(doc.status());
  if (const std::string warning = AfterCutoffWarning(*doc, !request.asof.empty()); !warning.empty())
    err << "vigilctl summary: " << warning;
  out << SummaryBytes(*doc, request.format == Format::kCsv ? SummaryFormat::kCsv : SummaryFormat::kJson);
  return kOk;
}

}  // namespace vigil::ctl
