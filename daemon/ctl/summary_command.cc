#include "daemon/ctl/summary_command.h"

#include "daemon/summary/summary_service.h"
#include "rules/summary/summary_document.h"

namespace vigil::ctl {

int Summary(const std::string& db_path, const SummaryRequest& request, std::ostream& out, std::ostream& err) {
  auto fail = [&](const vigil::Status& s) {
    err << "vigilctl summary: " << s.message() << "\n";
    return s.code() == vigil::Status::Code::kInvalid ? kUsage : kFailure;
  };
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) return fail(reader.status());
  auto context = SummaryContext::FromDatabase(**reader);
  if (!context.ok()) return fail(vigil::Status::Io(context.status().message()));
  auto doc = BuildSummaryDocument(**reader, *context, {.asof = request.asof, .known_at = request.known_at});
  if (!doc.ok()) return fail(doc.status());
  if (request.format == Format::kCsv) {
    out << summary::SummaryCsv(*doc);
  } else {
    out << doc->dump(2) << "\n";
  }
  return kOk;
}

}  // namespace vigil::ctl
