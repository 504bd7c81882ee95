#include "daemon/summary/summary_render.h"

#include "rules/summary/summary_document.h"

namespace vigil {

std::string SummaryBytes(const nlohmann::json& document, SummaryFormat format) {
  if (format == SummaryFormat::kCsv) return summary::SummaryCsv(document);
  return document.dump(2) + "\n";
}

}  // namespace vigil
