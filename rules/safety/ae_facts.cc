#include "rules/safety/ae_facts.h"

#include "rules/categories/ae_input.h"
#include "rules/categories/term_key.h"
#include "rules/records/iso_date.h"
#include "rules/records/seriousness.h"

namespace vigil::safety {

AeFacts ReadAeFacts(const Record& ae, std::vector<std::string> categories, const TrialVocabulary& vocabulary,
                    std::string version) {
  AeFacts f;
  f.usubjid = std::string(ae.usubjid());
  f.record_key = std::string(ae.key());
  f.version = std::move(version);
  f.event = categories::ReadAdverseEvent(ae, vocabulary);
  const Seriousness seriousness = ReadSeriousness(ae);
  f.serious = seriousness.serious;
  f.fatal = seriousness.fatal;
  f.serious_inconsistency = seriousness.InconsistencyText(ae);
  f.onset = std::string(ae.Get("AESTDTC"));
  f.decod_key = categories::TermKey(f.event.decod);
  f.term_key = categories::TermKey(f.event.term);
  f.bodsys_key = categories::TermKey(f.event.bodsys);
  if (!f.event.grade && !ae.Get("AETOXGR").empty()) f.unreadable_grade = std::string(ae.Get("AETOXGR"));
  f.categories = std::move(categories);
  return f;
}

AeFacts ReadAeFacts(const Record& ae, const std::vector<std::string_view>& categories,
                    const TrialVocabulary& vocabulary, std::string version) {
  return ReadAeFacts(ae, std::vector<std::string>(categories.begin(), categories.end()), vocabulary,
                     std::move(version));
}

}  // namespace vigil::safety
