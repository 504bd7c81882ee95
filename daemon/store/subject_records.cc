#include "daemon/store/subject_records.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "daemon/store/store_internal.h"

namespace vigil::store {

Record RecordFromFields(Domain domain, const std::string& fields_json) {
  Record r;
  r.domain = domain;
  const nlohmann::json fields = nlohmann::json::parse(fields_json);
  r.fields.reserve(fields.size());
  for (auto& [name, value] : fields.items()) r.fields.push_back({name, value.get<std::string>()});
  return r;
}

SubjectRecords QuerySubjectRecords(SQLite::Database& db, std::string_view usubjid) {
  SubjectRecords out;
  auto load = [&](Domain domain, auto&& add) {
    SQLite::Statement st(db, "SELECT i.fields, d.version FROM " + std::string(DomainName(domain)) +
                                 " d JOIN inbound i ON i.id = d.inbound_id"
                                 " WHERE d.usubjid = ? AND d.valid_to IS NULL ORDER BY d.id");
    st.bind(1, std::string(usubjid));
    while (st.executeStep()) add(RecordFromFields(domain, st.getColumn(0).getString()), st.getColumn(1).getInt());
  };
  load(Domain::kDm, [&](Record r, int) { out.dm = std::move(r); });
  load(Domain::kEx, [&](Record r, int) { out.ex.push_back(std::move(r)); });
  load(Domain::kAe, [&](Record r, int version) {
    out.ae.push_back(std::move(r));
    out.ae_versions.push_back(version);
  });
  return out;
}

}  // namespace vigil::store
