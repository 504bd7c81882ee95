// The store's summary tables: subject timelines (the lab terms' reach is
// kept with the worst grades, store_grades.cc).
#include <SQLiteCpp/SQLiteCpp.h>

#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {

Result<SubjectRecords> Store::LoadSubjectRecords(std::string_view usubjid) {
  return Guard("read subject records", [&]() -> Result<SubjectRecords> { return QuerySubjectRecords(*db_, usubjid); });
}

Result<std::string> Store::SubjectCohort(std::string_view usubjid) {
  return Guard("read cohort", [&]() -> Result<std::string> {
    CachedStatement st = Cached("SELECT COALESCE(armcd, '') FROM dm WHERE usubjid = ? AND valid_to IS NULL");
    st->bind(1, std::string(usubjid));
    return st->executeStep() ? st->getColumn(0).getString() : std::string();
  });
}

Status Store::PutTimeline(std::string_view usubjid, std::string_view cohort, std::string_view timeline_json) {
  return Guard("store subject timeline", [&] {
    CachedStatement st =
        Cached("INSERT OR REPLACE INTO subject_timelines (usubjid, cohort, timeline) VALUES (?, ?, ?)");
    st->bind(1, std::string(usubjid));
    st->bind(2, std::string(cohort));
    st->bind(3, std::string(timeline_json));
    st->exec();
    return Status::Ok();
  });
}

Result<std::vector<std::string>> Store::SubjectsWithoutTimeline() {
  return Guard("list subjects without a timeline", [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> ids;
    SQLite::Statement st(*db_,
                         "SELECT usubjid FROM dm WHERE valid_to IS NULL AND usubjid NOT IN"
                         " (SELECT usubjid FROM subject_timelines) ORDER BY usubjid");
    while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
    return ids;
  });
}

std::string QueryStateStamp(SQLite::Database& db) {
  SQLite::Statement st(db,
                       "SELECT (SELECT COALESCE(MAX(id), 0) FROM batches) || ':' ||"
                       " (SELECT COALESCE(MAX(id), 0) FROM configurations)");
  st.executeStep();
  return st.getColumn(0).getString();
}

Result<std::string> Store::StateStamp() {
  return Guard("read state stamp", [&]() -> Result<std::string> { return QueryStateStamp(*db_); });
}

Status Store::PutSummaryCache(std::string_view query, std::string_view stamp, std::string_view document) {
  return Guard("store summary", [&] {
    SQLite::Statement st(*db_, "INSERT OR REPLACE INTO summary_cache (query, stamp, document) VALUES (?, ?, ?)");
    st.bind(1, std::string(query));
    st.bind(2, std::string(stamp));
    st.bind(3, std::string(document));
    st.exec();
    return Status::Ok();
  });
}

Status Store::ClearSummaryCache() {
  return Guard("clear summary cache", [&] {
    db_->exec("DELETE FROM summary_cache");
    return Status::Ok();
  });
}

}  // namespace vigil::store
