#include "rules/ctcae/criteria_loader.h"

#include "rules/ctcae/load_sections.h"

namespace vigil::ctcae {

Result<Criteria> LoadCriteria(std::string_view version, const std::vector<CriteriaText>& files) {
  using load::Json;
  using load::Node;
  try {
    load::Issues issues;
    std::vector<Json> docs(files.size());
    std::vector<Node> units, terms, analytes;
    for (std::size_t i = 0; i < files.size(); ++i) {
      try {
        docs[i] = Json::parse(files[i].text);
      } catch (const Json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
        issues.Add(files[i].name + ": JSON syntax error: " + e.what());
        continue;
      }
      const Node root(docs[i], files[i].name, "", issues);
      if (!root.IsObjectWithKeys({"note", "units", "terms", "analytes"})) continue;
      if (root.Find("units")) units.push_back(root.Member("units"));
      if (root.Find("terms")) terms.push_back(root.Member("terms"));
      if (root.Find("analytes")) analytes.push_back(root.Member("analytes"));
    }
    Criteria criteria;
    criteria.version = std::string(version);
    load::LoadUnits(units, criteria);
    for (const Node& n : terms) load::LoadTerms(n, criteria);
    for (const Node& n : analytes) load::LoadAnalytes(n, criteria);
    if (issues.empty() && criteria.terms.empty()) {
      issues.Add("criteria " + std::string(version) + ": no terms in any file");
    }
    if (!issues.empty()) return Status::Invalid(issues.Joined());
    return criteria;
  } catch (const Json::exception& e) {
    // Every access above is checked first; this only guards against a gap in
    // those checks turning into an exception across the API.
    return Status::Invalid("criteria " + std::string(version) + ": " + e.what());
  }
}

}  // namespace vigil::ctcae
