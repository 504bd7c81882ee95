#include "rules/hl7/oru.h"

#include <algorithm>
#include <cctype>

#include "rules/hl7/reference_range.h"
#include "rules/hl7/timestamp.h"

namespace vigil::hl7 {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// One ORDER_OBSERVATION group: the order (ORC, OBR), its results and its
// clinical-trial segment (CTI comes after the results).
struct Order {
  const Segment* pid = nullptr;
  const Segment* orc = nullptr;
  const Segment* obr = nullptr;
  const Segment* cti = nullptr;
  std::vector<const Segment*> results;
  std::vector<const Segment*> specimen_results;  // OBX after SPM: about the specimen
};

std::vector<Order> Orders(const Message& m) {
  std::vector<Order> out;
  const Segment* pid = nullptr;
  const Segment* orc = nullptr;
  bool in_specimen = false;
  for (const Segment& s : m.segments) {
    if (s.name == "PID") {
      pid = &s;
      orc = nullptr;
    } else if (s.name == "ORC") {
      orc = &s;
    } else if (s.name == "OBR") {
      out.push_back({.pid = pid, .orc = orc, .obr = &s, .cti = nullptr, .results = {}, .specimen_results = {}});
      orc = nullptr;
      in_specimen = false;
    } else if (s.name == "OBX") {
      // An OBX before any OBR is kept in an order of its own without OBR,
      // so that it is reported rather than lost.
      if (out.empty() || out.back().pid != pid) {
        out.push_back({.pid = pid, .orc = orc, .obr = nullptr, .cti = nullptr, .results = {}, .specimen_results = {}});
      }
      (in_specimen ? out.back().specimen_results : out.back().results).push_back(&s);
    } else if (s.name == "SPM") {
      in_specimen = true;
    } else if (s.name == "CTI" && !out.empty() && !out.back().cti) {
      out.back().cti = &s;
    }
  }
  return out;
}

// The PID-3 repetition that names the trial subject: the one whose
// assigning authority (CX-4) is the study, else the one of identifier type
// (CX-5) RI, else the first. 0 when PID-3 is empty.
int SubjectRepetition(const Segment& pid, const std::vector<std::string>& studies) {
  const int n = pid.Repetitions(3);
  for (int rep = 1; rep <= n; ++rep) {
    const std::string authority = Upper(pid.Get(3, 4, rep, 1));
    if (!pid.Get(3, 1, rep).empty() && std::find(studies.begin(), studies.end(), authority) != studies.end())
      return rep;
  }
  for (int rep = 1; rep <= n; ++rep) {
    if (!pid.Get(3, 1, rep).empty() && Upper(pid.Get(3, 5, rep)) == "RI") return rep;
  }
  for (int rep = 1; rep <= n; ++rep) {
    if (!pid.Get(3, 1, rep).empty()) return rep;
  }
  return 0;
}

bool IsCensoringComparator(std::string_view c) { return c == "<" || c == ">" || c == "<=" || c == ">="; }

// A number as NM carries it; a censored "<0.2" is accepted too (labs put
// the comparator in NM fields), its comparator kept.
bool IsNumberText(std::string_view v) {
  if (v.starts_with("+")) v.remove_prefix(1);
  for (char c : v) {
    if (c == 'e' || c == 'E') return false;  // HL7 NM has no exponent
  }
  return IsDecimalNumber(v);
}

struct Value {
  std::string text;  // LBORRES
  std::optional<Problem> problem;
  bool skip = false;  // not a result value (ED, RP)
};

Value ReadValue(const Segment& obx, std::string_view type) {
  Value v;
  if (type == "NM") {
    std::string s = obx.Get(5, 0);
    // Trim spaces a lab pads numbers with.
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    v.text = s;
    if (s.empty()) return v;
    std::string_view digits = s;
    for (std::string_view c : {"<=", ">=", "<", ">"}) {
      if (digits.starts_with(c)) {
        digits.remove_prefix(c.size());
        break;
      }
    }
    if (!IsNumberText(digits)) v.problem = Problem{"LBORRES", "'" + s + "' is not a number (OBX-2 is NM)"};
    if (digits.starts_with("+")) v.text = s.substr(0, s.size() - digits.size()) + std::string(digits.substr(1));
    return v;
  }
  if (type == "SN") {
    const std::string comparator = obx.Get(5, 1), n1 = obx.Get(5, 2), sep = obx.Get(5, 3), n2 = obx.Get(5, 4);
    if (comparator.empty() && n1.empty() && sep.empty() && n2.empty()) return v;
    const bool known_comparator =
        comparator.empty() || comparator == "=" || comparator == "<>" || IsCensoringComparator(comparator);
    if (!known_comparator || !IsNumberText(n1) || (!n2.empty() && !IsNumberText(n2))) {
      v.text = obx.Get(5, 0);
      v.problem = Problem{"LBORRES", "'" + v.text +
                                         "' is not a structured numeric value (OBX-2 is SN: "
                                         "comparator^number^separator^number)"};
      return v;
    }
    // "<^0.2" -> "<0.2"; "^1^:^128" -> "1:128"; "^2^-^5" -> "2-5"; "^2^+" -> "2+".
    v.text = (comparator == "=" ? "" : comparator) + n1 + sep + n2;
    return v;
  }
  if (type == "ED" || type == "RP") {
    v.skip = true;
    return v;
  }
  if (type == "CE" || type == "CWE" || type == "CNE") {
    // The coded answer's text, else its code; repetitions joined.
    const int n = obx.Repetitions(5);
    for (int rep = 1; rep <= n; ++rep) {
      std::string t = obx.Get(5, 2, rep);
      if (t.empty()) t = obx.Get(5, 1, rep);
      if (t.empty()) continue;
      v.text += (v.text.empty() ? "" : "; ") + t;
    }
    return v;
  }
  // ST, TX, FT, DT, TS, and types not listed: the text as sent, decoded.
  const int n = obx.Repetitions(5);
  for (int rep = 1; rep <= n; ++rep) {
    std::string t = obx.Get(5, 0, rep);
    if (t.empty()) continue;
    v.text += (v.text.empty() ? "" : "; ") + t;
  }
  return v;
}

// OBX-8 (table 0078) as SDTM's NRIND, for the first flag; "" for the
// others (kept as sent in LBHL7FLG).
std::string NormalRangeIndicator(std::string_view flag) {
  if (flag == "L") return "LOW";
  if (flag == "H") return "HIGH";
  if (flag == "LL") return "LOW LOW";
  if (flag == "HH") return "HIGH HIGH";
  if (flag == "N") return "NORMAL";
  if (flag == "A" || flag == "AA") return "ABNORMAL";
  return "";
}

// What OBX-11 (table 0085) makes of a result.
enum class Disposition { kResult, kWithdrawn, kPending, kMissing, kUnknown };
struct Status0085 {
  Disposition disposition = Disposition::kUnknown;
  std::string resstat;  // LBRESSTAT for a result
  std::string why;      // for a withdrawal or a skipped result
};

Status0085 ReadStatus(std::string_view s) {
  if (s == "F") return {Disposition::kResult, "FINAL", ""};
  if (s == "C") return {Disposition::kResult, "CORRECTED", ""};
  // Not yet final: stored, graded and shown, never alerted (README.md).
  if (s == "P") return {Disposition::kResult, "PRELIMINARY", ""};
  if (s == "R") return {Disposition::kResult, "PRELIMINARY", ""};  // entered, not verified
  if (s == "S") return {Disposition::kResult, "PRELIMINARY", ""};  // partial
  if (s == "U") return {Disposition::kResult, "FINAL", ""};        // changed to final
  if (s == "X") return {Disposition::kWithdrawn, "", "the result cannot be obtained (OBX-11 X)"};
  if (s == "D") return {Disposition::kWithdrawn, "", "the result was deleted by the laboratory (OBX-11 D)"};
  if (s == "W") return {Disposition::kWithdrawn, "", "the result was posted as wrong (OBX-11 W)"};
  if (s == "I") return {Disposition::kPending, "", "specimen in the laboratory, no result yet (OBX-11 I)"};
  if (s == "O") return {Disposition::kPending, "", "order detail, not a result (OBX-11 O)"};
  if (s == "N") return {Disposition::kPending, "", "not asked, no result (OBX-11 N)"};
  if (s.empty()) return {Disposition::kMissing, "", ""};
  return {Disposition::kUnknown, "", ""};
}

// The OBX-3 LOINC code: the first triplet if its system is LN, else the
// alternate triplet (OBX-3.4-6) if its system is LN.
std::string LoincOf(const Segment& obx) {
  if (Upper(obx.Get(3, 3)) == "LN" && !obx.Get(3, 1).empty()) return obx.Get(3, 1);
  if (Upper(obx.Get(3, 6)) == "LN" && !obx.Get(3, 4).empty()) return obx.Get(3, 4);
  return "";
}

// The stored copy of the message: the PID segment reduced to its set id
// and the subject's PID-3 repetition, and the segments that hold only
// personal data (PD1, NK1) left out. Hospital record numbers, names, birth
// dates and addresses are not trial data (product spec: "hospital record
// numbers in other repetitions are not stored").
std::string StoredText(const Message& m, const std::vector<std::string>& studies) {
  std::string out;
  const char f = m.header.encoding.field;
  for (const Segment& s : m.segments) {
    if (s.name == "PD1" || s.name == "NK1") continue;
    if (!out.empty()) out.push_back('\r');
    if (s.name != "PID") {
      out += s.text;
      continue;
    }
    out += "PID";
    out.push_back(f);
    out += s.Raw(1);
    out.push_back(f);
    out.push_back(f);
    if (const int rep = SubjectRepetition(s, studies); rep > 0) {
      std::string_view raw = s.Raw(3);
      std::size_t start = 0;
      for (int i = 1; i < rep; ++i) start = raw.find(m.header.encoding.repetition, start) + 1;
      const std::size_t end = raw.find(m.header.encoding.repetition, start);
      out += raw.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    }
  }
  out.push_back('\r');
  return out;
}

}  // namespace

OruMapping MapOruR01(const Message& m, const MappingOptions& options) {
  OruMapping out;
  std::vector<std::string> studies = {Upper(options.study_id)};
  for (const Segment& s : m.segments) {
    if (s.name == "CTI" && !s.Get(1, 1).empty()) studies.push_back(Upper(s.Get(1, 1)));
  }
  out.payload = StoredText(m, studies);

  std::size_t position = 0;
  for (const Order& order : Orders(m)) {
    for (const Segment* obx : order.specimen_results) {
      out.notes.push_back({obx->At(0), ErrorCode::kApplicationInternalError,
                           "OBX " + std::to_string(obx->sequence) + " describes the specimen (after SPM): not stored",
                           'I'});
    }
    for (const Segment* obx : order.results) {
      const std::string type = Upper(obx->Get(2));
      const Status0085 status = ReadStatus(Upper(obx->Get(11)));
      const std::string obx_name = "OBX " + std::to_string(obx->sequence);
      if (status.disposition == Disposition::kPending) {
        out.notes.push_back(
            {obx->At(11), ErrorCode::kApplicationInternalError, obx_name + ": " + status.why + ": not stored", 'I'});
        continue;
      }
      Value value;
      if (status.disposition != Disposition::kWithdrawn) value = ReadValue(*obx, type);
      if (value.skip) {
        out.notes.push_back({obx->At(2), ErrorCode::kApplicationInternalError,
                             obx_name + ": value type " + type + " is not a lab result: not stored", 'I'});
        continue;
      }

      MappedRecord r;
      r.origin = obx->At(0);
      r.record.domain = Domain::kLb;
      r.record.position = ++position;
      r.record.payload = out.payload;
      auto add = [&](std::string name, std::string value_text, Location where) {
        r.where[name] = std::move(where);
        r.record.fields.push_back({std::move(name), std::move(value_text)});
      };
      auto problem = [&](std::string field, std::string reason, Location where, ErrorCode code) {
        r.problems.push_back({field, reason});
        r.issues.push_back({std::move(where), code, obx_name + " " + field + ": " + reason, 'E'});
      };

      // Study: the CTI of the order (or of the message) when sent, else the
      // trial's: a result of another study is then quarantined for it.
      const Segment* cti = order.cti ? order.cti : m.First("CTI");
      if (cti && !cti->Get(1, 1).empty()) {
        add("STUDYID", cti->Get(1, 1), cti->At(1));
      } else {
        add("STUDYID", options.study_id, {"MSH", 1, 0});
      }
      if (order.pid) {
        const int rep = SubjectRepetition(*order.pid, studies);
        add("USUBJID", rep > 0 ? order.pid->Get(3, 1, rep) : "", order.pid->At(3));
      } else {
        add("USUBJID", "", {"PID", 1, 3});
        problem("USUBJID", "no PID segment before the result: the subject is unknown", {"PID", 1, 0},
                ErrorCode::kSegmentSequence);
      }

      // Key: filler order number + OBX-3 code (+ OBX-4 sub-id).
      const std::string code = obx->Get(3, 1);
      std::string filler;
      Location filler_at = order.obr ? order.obr->At(3) : obx->At(0);
      if (order.obr) filler = order.obr->Get(3, 1);
      if (filler.empty() && order.orc) {
        filler = order.orc->Get(3, 1);
        if (!filler.empty()) filler_at = order.orc->At(3);
      }
      const std::string sub_id = obx->Get(4, 0);
      std::string key;
      if (!filler.empty() && !code.empty()) key = filler + "/" + code + (sub_id.empty() ? "" : "/" + sub_id);
      add("LBSPID", key, filler_at);
      if (!order.obr) {
        problem("LBSPID", "the result is not inside an order (no OBR before it)", obx->At(0),
                ErrorCode::kSegmentSequence);
      } else if (filler.empty()) {
        problem("LBSPID", "OBR-3 and ORC-3 (filler order number) are both empty: the result has no key",
                order.obr->At(3), ErrorCode::kRequiredFieldMissing);
      }
      if (code.empty()) {
        problem("LBTESTCD", "OBX-3 (observation identifier) is empty", obx->At(3), ErrorCode::kRequiredFieldMissing);
      }
      if (const std::string loinc = LoincOf(*obx); !loinc.empty()) {
        add("LBLOINC", loinc, obx->At(3));
      } else {
        // No LOINC: the lab's own code, graded only when it is an LBTESTCD
        // the criteria know (README.md).
        add("LBTESTCD", code, obx->At(3));
      }
      add("LBTEST", obx->Get(3, 2), obx->At(3));

      // Result, unit, range, flags.
      add("LBORRES", value.text, obx->At(5));
      if (value.problem) problem(value.problem->field, value.problem->reason, obx->At(5), ErrorCode::kDataTypeError);
      std::string unit = obx->Get(6, 1);
      if (unit.empty()) unit = obx->Get(6, 2);
      add("LBORRESU", unit, obx->At(6));
      const std::string range_text = obx->Get(7, 0);
      const ReferenceRange range = ParseReferenceRange(range_text);
      add("LBORNRLO", range.lln, obx->At(7));
      add("LBORNRHI", range.uln, obx->At(7));
      add("LBORNRC", range_text, obx->At(7));
      std::string flags;
      for (int rep = 1; rep <= obx->Repetitions(8); ++rep) {
        const std::string flag = obx->Get(8, 1, rep);
        if (!flag.empty()) flags += (flags.empty() ? "" : "~") + flag;
      }
      add("LBNRIND", NormalRangeIndicator(obx->Get(8, 1, 1)), obx->At(8));
      add("LBHL7FLG", flags, obx->At(8));

      // Collection time: OBX-14, else OBR-7.
      std::string ts = obx->Get(14, 1);
      Location ts_at = obx->At(14);
      if (ts.empty() && order.obr) {
        ts = order.obr->Get(7, 1);
        ts_at = order.obr->At(7);
      }
      if (ts.empty()) {
        add("LBDTC", "", ts_at);
      } else if (auto iso = TimestampToIso(ts); iso.ok()) {
        add("LBDTC", *iso, ts_at);
      } else {
        add("LBDTC", ts, ts_at);
        problem("LBDTC", iso.status().message(), ts_at, ErrorCode::kDataTypeError);
      }

      // Status.
      switch (status.disposition) {
        case Disposition::kResult:
          add("LBRESSTAT", status.resstat, obx->At(11));
          if (Upper(obx->Get(11)) == "U" && value.text.empty()) {
            problem("LBORRES",
                    "status U (changed to final without retransmission) cannot be applied to a stored "
                    "preliminary result: send the result again with OBX-11 F",
                    obx->At(5), ErrorCode::kRequiredFieldMissing);
          }
          break;
        case Disposition::kWithdrawn:
          add("LBSTAT", "NOT DONE", obx->At(11));
          add("LBREASND", status.why, obx->At(11));
          break;
        case Disposition::kMissing:
          add("LBRESSTAT", "", obx->At(11));
          problem("LBRESSTAT", "OBX-11 (result status) is empty", obx->At(11), ErrorCode::kRequiredFieldMissing);
          break;
        case Disposition::kUnknown:
          add("LBRESSTAT", "", obx->At(11));
          problem("LBRESSTAT", "'" + obx->Get(11) + "' is not a result status of HL7 table 0085", obx->At(11),
                  ErrorCode::kTableValueNotFound);
          break;
        case Disposition::kPending: break;
      }

      // Visit: CTI-3 (the scheduled time point), its text else its code.
      if (cti) {
        std::string visit = cti->Get(3, 2);
        if (visit.empty()) visit = cti->Get(3, 1);
        if (!visit.empty()) add("VISIT", visit, cti->At(3));
      }
      // Empty variables are not the record's content (Record::CanonicalJson
      // leaves them out); they are dropped so the record reads as sent.
      std::erase_if(r.record.fields, [](const Field& f) { return f.value.empty(); });
      out.records.push_back(std::move(r));
    }
  }
  return out;
}

Issue LocateProblem(const MappedRecord& r, const Problem& p) {
  Location where = r.origin;
  auto it = r.where.find(p.field);
  if (it == r.where.end() && (p.field == "LBSTRESN" || p.field == "LBSTRESC")) it = r.where.find("LBORRES");
  if (it == r.where.end() && p.field == "LBSTRESU") it = r.where.find("LBORRESU");
  if (it == r.where.end() && p.field == "LBTESTCD") it = r.where.find("LBLOINC");
  if (it != r.where.end()) where = it->second;
  ErrorCode code = ErrorCode::kDataTypeError;
  if (p.reason.find("required but missing") != std::string::npos) {
    code = ErrorCode::kRequiredFieldMissing;
  } else if (p.reason.find("study id") != std::string::npos) {
    code = ErrorCode::kTableValueNotFound;
  }
  std::string reason = "OBX " + std::to_string(r.origin.sequence) + " " + p.field + ": " + p.reason;
  return {where, code, std::move(reason), 'E'};
}

}  // namespace vigil::hl7
